import Foundation
import MirrorCore
import MirrorProviders
import MirrorSimulator
import MirrorStore
import MirrorSync
import TestSupport
import Testing

/// README's auditor queries (AuditQueries), run by the real `sqlite3` shell, read-only, against a
/// database the sync engine filled from the simulator on a timeline the test chose, and checked against
/// the edits the test made.
@Suite struct AuditQueryTests {
    /// The timeline, around the last full calendar quarter (UTC) as of now, since query (a) asks for it.
    struct Timeline {
        let lastQuarterStart: Date
        let quarterStart: Date

        init(now: Date = Date()) {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let today = calendar.dateComponents([.year, .month], from: now)
            let firstMonth = (today.month! - 1) / 3 * 3 + 1
            quarterStart = calendar.date(from: DateComponents(year: today.year, month: firstMonth, day: 1))!
            lastQuarterStart = calendar.date(byAdding: .month, value: -3, to: quarterStart)!
        }

        /// Before the quarter: the first mirror.
        var t0: String { Timestamp.format(lastQuarterStart.addingTimeInterval(-10 * 86_400)) }
        /// The quarter's first instant.
        var t1: String { Timestamp.format(lastQuarterStart) }
        var t2: String { Timestamp.format(lastQuarterStart.addingTimeInterval(20 * 86_400)) }
        /// The quarter's last millisecond.
        var t3: String { Timestamp.format(quarterStart.addingTimeInterval(-0.001)) }
        /// The next quarter's first instant: outside.
        var t4: String { Timestamp.format(quarterStart) }
    }

    /// What the test did, per assistant key `account/remote_id`.
    struct Scenario {
        let fixture: SyncFixture
        let timeline: Timeline
        let a: String, b: String, c: String, t: String, d: String
        let initialA: String, promptC: String

        func key(_ provider: SimulatedProvider, _ id: String) -> String { "test-\(provider.rawValue)/\(id)" }
    }

    /// t0: first mirror. t1: A and B edited, C created. t2: A and B edited, D's model changed (not a
    /// prompt). t3: A deleted, T and D edited. t4: B edited.
    static func scenario() async throws -> Scenario {
        let fixture = try SyncFixture(options: .init(seed: 41, assistantsPerProvider: 4, includeHugePrompt: false))
        let timeline = Timeline()
        let simulator = fixture.simulator
        let a = simulator.assistantIDs(.puretalk)[0]
        let b = simulator.assistantIDs(.invent)[0]
        let t = simulator.assistantIDs(.telnyx)[0]
        let d = simulator.assistantIDs(.interactly)[0]
        let initialA = try #require(simulator.mainPrompt(.puretalk, id: a))
        try await mirror(fixture, at: timeline.t0)
        #expect(simulator.editPrompt(.puretalk, id: a, to: "A v1"))
        #expect(simulator.editPrompt(.invent, id: b, to: "B v1"))
        let c = simulator.create(.telnyx)
        let promptC = try #require(simulator.mainPrompt(.telnyx, id: c))
        try await mirror(fixture, at: timeline.t1)
        #expect(simulator.editPrompt(.puretalk, id: a, to: "A v2\nwith a second line, \"quoted\""))
        #expect(simulator.editPrompt(.invent, id: b, to: "B v2"))
        #expect(simulator.setField(.interactly, id: d, path: "assistantModel", value: "model-x", bumpUpdatedAt: true))
        try await mirror(fixture, at: timeline.t2)
        #expect(simulator.delete(.puretalk, id: a))
        #expect(simulator.editPrompt(.telnyx, id: t, to: "T v1"))
        #expect(simulator.editPrompt(.interactly, id: d, to: "D v1"))
        try await mirror(fixture, at: timeline.t3)
        #expect(simulator.editPrompt(.invent, id: b, to: "B v3"))
        try await mirror(fixture, at: timeline.t4)
        return Scenario(
            fixture: fixture,
            timeline: timeline,
            a: a,
            b: b,
            c: c,
            t: t,
            d: d,
            initialA: initialA,
            promptC: promptC
        )
    }

    /// One complete crawl of every provider, observed at `time` (the engine's injected clock).
    static func mirror(_ fixture: SyncFixture, at time: String) async throws {
        for provider in SimulatedProvider.builtIn {
            let account = fixture.account(provider)
            var options = SyncEngine.Options()
            options.now = { time }
            let engine = SyncEngine(
                store: fixture.store,
                account: account,
                provider: ProviderFactory.make(
                    account: account,
                    apiKey: Secret(fixture.simulator.apiKeys[provider]!),
                    http: fixture.http
                ),
                normalizer: Normalizer(account: account, fingerprintKey: fixture.key),
                options: options,
                logger: .silent()
            )
            let outcome = await engine.crawl()
            try #require(outcome.status == .ok, "crawl of \(account.name) at \(time): \(outcome)")
        }
    }

    /// Runs `sql` with `/usr/bin/sqlite3 -readonly -json`, binding each parameter to an SQL literal.
    static func sqlite3(_ database: String, _ sql: String, _ parameters: [String: String] = [:]) throws -> [JSONValue] {
        var arguments = ["-readonly", "-json", "-bail"]
        for (name, literal) in parameters.sorted(by: { $0.key < $1.key }) {
            arguments += ["-cmd", ".parameter set \(name) \"\(literal)\""]
        }
        let outcome = try ChildProcess.run("/usr/bin/sqlite3", arguments + [database, sql])
        let data = outcome.output
        let message = outcome.errorText
        try #require(outcome.status == 0 && message.isEmpty, "sqlite3: \(message)")
        // The JSON mode prints nothing at all for an empty result.
        return data.isEmpty ? [] : try #require(try JSONParser.parse(data).arrayValue)
    }

    /// A text value as an SQL literal for `.parameter set`.
    static func text(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
    }

    static func key(_ row: JSONValue) -> String {
        "\(row["account"]?.stringValue ?? "?")/\(row["remote_id"]?.stringValue ?? "?")"
    }

    @Test func lastQuartersPromptChangesAreExactlyTheEditsMadeInIt() async throws {
        let s = try await Self.scenario()
        let rows = try Self.sqlite3(s.fixture.store.path, AuditQueries.promptChangesLastQuarter)
        let timeline = s.timeline
        struct Expected: Equatable {
            let key: String, kind: String, observedAt: String, old: String?, new: String?
        }
        let got = rows.map {
            Expected(
                key: Self.key($0),
                kind: $0["change_kind"]?.stringValue ?? "?",
                observedAt: $0["observed_at"]?.stringValue ?? "?",
                old: $0["old_prompt"]?.stringValue,
                new: $0["new_prompt"]?.stringValue
            )
        }
        let a = s.key(.puretalk, s.a), b = s.key(.invent, s.b), c = s.key(.telnyx, s.c)
        let t = s.key(.telnyx, s.t), d = s.key(.interactly, s.d)
        let edits = s.fixture.simulator.edits
        let earlierT = edits.last { $0.provider == .telnyx && $0.remoteID == s.t }?.oldValue
        let earlierD = edits.last { $0.provider == .interactly && $0.remoteID == s.d }?.oldValue
        // Within one observation instant the view orders by seq: the crawl order puretalk, invent, telnyx, interactly.
        let expected = [
            Expected(key: a, kind: "updated", observedAt: timeline.t1, old: s.initialA, new: "A v1"),
            Expected(
                key: b,
                kind: "updated",
                observedAt: timeline.t1,
                old: got.first { $0.key == b }?.old,
                new: "B v1"
            ),
            Expected(key: c, kind: "created", observedAt: timeline.t1, old: nil, new: s.promptC),
            Expected(
                key: a,
                kind: "updated",
                observedAt: timeline.t2,
                old: "A v1",
                new: "A v2\nwith a second line, \"quoted\""
            ),
            Expected(key: b, kind: "updated", observedAt: timeline.t2, old: "B v1", new: "B v2"),
            Expected(
                key: a,
                kind: "deleted",
                observedAt: timeline.t3,
                old: "A v2\nwith a second line, \"quoted\"",
                new: nil
            ),
            Expected(key: t, kind: "updated", observedAt: timeline.t3, old: earlierT, new: "T v1"),
            Expected(key: d, kind: "updated", observedAt: timeline.t3, old: earlierD, new: "D v1"),
        ]
        #expect(got == expected)
        #expect(got.first { $0.key == b }?.old != nil, "B's first prompt came from the first mirror")
        #expect(rows.allSatisfy { $0["changed_by"] == .null }, "no provider reports the editor")
        #expect(rows.contains { $0["actor_hint"]?.stringValue != nil }, "hints are kept apart from changed_by")
        #expect(
            rows.filter { $0["change_kind"]?.stringValue == "updated" }.allSatisfy {
                $0["previous_observed_at"]?.stringValue != nil
            }
        )
    }

    @Test func asOfGivesThePromptCurrentAtThatInstant() async throws {
        let s = try await Self.scenario()
        let timeline = s.timeline
        func said(_ provider: SimulatedProvider, _ id: String, at time: String) throws -> JSONValue {
            let rows = try Self.sqlite3(
                s.fixture.store.path,
                AuditQueries.promptAsOf,
                [
                    ":account": Self.text("test-\(provider.rawValue)"), ":remote_id": Self.text(id),
                    ":at": Self.text(time),
                ]
            )
            try #require(rows.count == 1, "always one row")
            #expect(rows[0]["as_of"]?.stringValue == time)
            return rows[0]
        }
        let oneMillisecondBeforeT1 = Timestamp.format(timeline.lastQuarterStart.addingTimeInterval(-0.001))
        let betweenT1AndT2 = Timestamp.format(timeline.lastQuarterStart.addingTimeInterval(86_400))
        #expect(try said(.puretalk, s.a, at: timeline.t0)["prompt"]?.stringValue == s.initialA)
        #expect(try said(.puretalk, s.a, at: oneMillisecondBeforeT1)["prompt"]?.stringValue == s.initialA)
        #expect(try said(.puretalk, s.a, at: timeline.t1)["prompt"]?.stringValue == "A v1")
        #expect(try said(.puretalk, s.a, at: betweenT1AndT2)["prompt"]?.stringValue == "A v1")
        #expect(
            try said(.puretalk, s.a, at: timeline.t2)["prompt"]?.stringValue == "A v2\nwith a second line, \"quoted\""
        )
        for afterDeletion in [timeline.t3, timeline.t4] {
            let row = try said(.puretalk, s.a, at: afterDeletion)
            #expect(row["prompt"] == .null)
            #expect(row["change_kind"]?.stringValue == "deleted")
        }
        let beforeCreation = try said(.telnyx, s.c, at: timeline.t0)
        #expect(beforeCreation["prompt"] == .null && beforeCreation["revision"] == .null)
        #expect(try said(.telnyx, s.c, at: timeline.t1)["prompt"]?.stringValue == s.promptC)
        #expect(try said(.invent, s.b, at: timeline.t4)["prompt"]?.stringValue == "B v3")
        let unknown = try said(.invent, "no-such-assistant", at: timeline.t4)
        #expect(unknown["prompt"] == .null && unknown["revision"] == .null)
    }

    @Test func frequentlyEditedCountsPromptEditsOnly() async throws {
        let s = try await Self.scenario()
        func over(_ n: Int) throws -> [String: Int] {
            let rows = try Self.sqlite3(s.fixture.store.path, AuditQueries.frequentlyEditedPrompts, [":n": String(n)])
            let counts = rows.map { (Self.key($0), $0["prompt_edits"]?.intValue ?? -1) }
            #expect(counts.map(\.1) == counts.map(\.1).sorted(by: >), "most edited first")
            return Dictionary(uniqueKeysWithValues: counts)
        }
        let a = s.key(.puretalk, s.a), b = s.key(.invent, s.b), t = s.key(.telnyx, s.t), d = s.key(.interactly, s.d)
        #expect(try over(2) == [b: 3])
        #expect(try over(1) == [b: 3, a: 2])
        // C's creation and A's deletion are not edits; D's model change is not a prompt edit.
        #expect(try over(0) == [b: 3, a: 2, t: 1, d: 1])
        #expect(try over(3).isEmpty)
    }

    @Test func changesInAWindowCoverEveryProviderAndNothingOutside() async throws {
        let s = try await Self.scenario()
        let timeline = s.timeline
        let rows = try Self.sqlite3(
            s.fixture.store.path,
            AuditQueries.changesInWindow,
            [":since": Self.text(timeline.t2), ":until": Self.text(timeline.t4)]
        )
        #expect(rows.allSatisfy { [timeline.t2, timeline.t3].contains($0["observed_at"]?.stringValue ?? "") })
        #expect(Set(rows.compactMap { $0["provider"]?.stringValue }) == Set(SimulatedProvider.builtIn.map(\.rawValue)))
        let a = s.key(.puretalk, s.a), b = s.key(.invent, s.b), t = s.key(.telnyx, s.t), d = s.key(.interactly, s.d)
        #expect(Set(rows.map(Self.key)) == [a, b, t, d])
        func field(_ key: String, _ path: String, at time: String) -> JSONValue? {
            rows.first {
                Self.key($0) == key && $0["path"]?.stringValue == path && $0["observed_at"]?.stringValue == time
            }
        }
        #expect(
            field(a, "prompt", at: timeline.t2)?["new_value"]?.stringValue == "A v2\nwith a second line, \"quoted\""
        )
        #expect(field(a, "prompt", at: timeline.t2)?["prompt_bearing"]?.intValue == 1)
        #expect(field(b, "config.instructions", at: timeline.t2)?["new_value"]?.stringValue == "B v2")
        #expect(field(d, "assistantModel", at: timeline.t2)?["new_value"]?.stringValue == "model-x")
        #expect(field(d, "assistantModel", at: timeline.t2)?["prompt_bearing"]?.intValue == 0)
        #expect(field(t, "instructions", at: timeline.t3)?["new_value"]?.stringValue == "T v1")
        #expect(field(d, "assistantSystemPrompt", at: timeline.t3)?["new_value"]?.stringValue == "D v1")
        let deletion = rows.filter { Self.key($0) == a && $0["observed_at"]?.stringValue == timeline.t3 }
        #expect(
            deletion.count == 1 && deletion.first?["change_kind"]?.stringValue == "deleted"
                && deletion.first?["path"] == .null
        )
        #expect(!rows.contains { $0["new_value"]?.stringValue == "B v3" || $0["new_value"]?.stringValue == "A v1" })
    }

    @Test func theShellCannotWriteThroughAReadOnlyOpen() async throws {
        let fixture = try SyncFixture(options: .init(seed: 41, assistantsPerProvider: 2, includeHugePrompt: false))
        try await Self.mirror(fixture, at: "2026-01-01T00:00:00.000Z")
        let outcome = try await ChildProcess.run(
            "/usr/bin/sqlite3",
            ["-readonly", fixture.store.path, "CREATE TABLE x (y)"]
        )
        #expect(outcome.status != 0)
        #expect(outcome.errorText.contains("readonly"))
        #expect(try fixture.count("SELECT count(*) FROM sqlite_schema WHERE name = 'x'") == 0)
    }
}
