import Foundation
import MirrorCore
import MirrorSimulator
import MirrorStore
import MirrorSync
import Synchronization
import Testing

/// A failing or hostile audit log harms nothing: the crawl still succeeds, the failure is logged once
/// and shown by `status`, secrets in the events never reach the database, and an edited attribution
/// is caught by `verify`.
@Suite struct AuditLogFailureTests {
    /// Log lines a test can read back.
    final class CapturedLog: Sendable {
        private let lines = Mutex<[String]>([])
        var text: String { lines.withLock { $0.joined(separator: "\n") } }
        var logger: Logger { Logger(label: "test", level: .debug) { line in self.lines.withLock { $0.append(line) } } }
    }

    @Test func aFailedReadDoesNotFailTheCrawlIsLoggedOnceAndShowsInStatus() async throws {
        let fixture = try AuditLogAttributionTests.fixture()
        let account = fixture.account(.telnyx)
        let log = CapturedLog()
        // Two reads of two attempts each (the fixture's client tries twice).
        fixture.simulator.injectAuditLogFault(.status(500), times: 4)
        let first = await fixture.crawl(account, logger: log.logger)
        let second = await fixture.crawl(account, logger: log.logger)
        #expect(first.succeeded && second.succeeded, "the crawl is not the audit log's to fail")
        #expect(first.progress.created == 3)
        #expect(log.text.components(separatedBy: "audit log read failed").count == 2, "logged once: \(log.text)")
        #expect(!log.text.contains(fixture.simulator.apiKeys[.telnyx]!))

        let status = try #require(try fixture.reader().accountStatus().first { $0.account == account.name })
        #expect(status.lastCrawlStatus == "ok")
        #expect(status.auditLogStatus == "failed")
        #expect(status.auditLogError?.contains("answered HTTP 500") == true, "\(status.auditLogError ?? "")")
        #expect(status.auditLogReadUntil == nil)

        // The faults are used up: the next read covers what the failed ones missed.
        let id = try #require(fixture.simulator.assistantIDs(.telnyx).first)
        #expect(
            fixture.simulator.editPrompt(.telnyx, id: id, to: "New.", by: AuditLogAttributionTests.mei, audit: .onTime)
        )
        let recovered = await fixture.crawl(account, logger: log.logger)
        #expect(recovered.succeeded)
        let healed = try #require(try fixture.reader().accountStatus().first { $0.account == account.name })
        #expect(healed.auditLogStatus == "ok")
        #expect(healed.auditLogError == nil)
        #expect(
            try fixture.count(
                "SELECT count(*) FROM prompt_changes WHERE remote_id = ? AND changed_by_source = 'provider-audit-log'",
                [id]
            ) == 1
        )
    }

    @Test func aMalformedReplyIsASpecificErrorAndStoresNothing() async throws {
        let fixture = try AuditLogAttributionTests.fixture()
        let account = fixture.account(.telnyx)
        #expect(await fixture.crawl(account).succeeded)
        let id = try #require(fixture.simulator.assistantIDs(.telnyx).first)
        #expect(
            fixture.simulator.editPrompt(.telnyx, id: id, to: "New.", by: AuditLogAttributionTests.mei, audit: .onTime)
        )
        fixture.simulator.injectAuditLogFault(.malformedJSON)
        #expect(await fixture.crawl(account).succeeded)
        let status = try #require(try fixture.reader().accountStatus().first)
        #expect(status.auditLogStatus == "failed")
        #expect(status.auditLogError?.contains("malformed audit log page 1") == true, "\(status.auditLogError ?? "")")
        #expect(try fixture.count("SELECT count(*) FROM audit_events") == 0)
        #expect(try fixture.count("SELECT count(*) FROM attributions") == 0)
    }

    @Test func secretsInFromAndToAreRedactedInTheDatabase() async throws {
        let fixture = try AuditLogAttributionTests.fixture()
        let account = fixture.account(.telnyx)
        #expect(await fixture.crawl(account).succeeded)
        let id = try #require(fixture.simulator.assistantIDs(.telnyx).first)
        // Planted fakes, not keys: the test looks for these exact bytes in the database file.
        let secret = "planted-fake-token-for-redaction-test"
        let url = "https://hookuser:planted-fake-password@hooks.example.com/x"
        for (path, value) in [("metadata.api_token", secret), ("metadata.callback", url)] {
            #expect(
                fixture.simulator.setField(
                    .telnyx,
                    id: id,
                    path: path,
                    value: value,
                    bumpUpdatedAt: false,
                    by: AuditLogAttributionTests.mei,
                    audit: .onTime
                )
            )
        }
        #expect(await fixture.crawl(account).succeeded)
        #expect(try fixture.count("SELECT count(*) FROM audit_events") == 2)
        let bytes = try fixture.databaseBytes()
        for planted in [secret, "planted-fake-password", "hookuser:"] {
            #expect(!bytes.contains(planted), "\(planted) reached the database")
        }
        let events = try fixture.rows("SELECT event FROM audit_events ORDER BY created_at").compactMap {
            $0["event"]?.stringValue
        }
        #expect(events.allSatisfy { $0.contains("[redacted:hmac-sha256:") })
        // The fingerprint in the event is the snapshot's: an auditor can match the two.
        let snapshot = try #require(try fixture.revisions(of: id).last?["snapshot"]?.stringValue)
        let fingerprint = try #require(
            try JSONParser.parse(snapshot)["metadata"]?["api_token"]?.stringValue
        )
        #expect(events.contains { $0.contains(fingerprint) })
    }

    @Test func anEditedAttributionIsCaughtByVerify() async throws {
        let fixture = try AuditLogAttributionTests.fixture()
        let id = try await AuditLogAttributionTests.editBetweenCrawls(fixture, fate: .onTime)
        #expect(try fixture.reader().verifyChain().isIntact)
        let seq = try #require(try fixture.reader().scalarInt("SELECT seq FROM attributions"))
        #expect(try fixture.reader().chainHead()?.seq == seq, "the attribution is the chain's newest entry")

        let connection = try Connection(path: fixture.store.path, mode: .readWrite)
        try connection.execute("DROP TRIGGER attributions_are_append_only_update")
        try connection.execute(
            "UPDATE attributions SET changed_by = 'user someone-else (account_owner)' WHERE seq = ?",
            [seq]
        )
        let verification = try fixture.reader().verifyChain()
        #expect(verification.problem?.seq == seq)
        #expect(verification.problem?.reason.contains("attribution") == true)
        _ = id
    }
}
