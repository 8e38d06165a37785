import Foundation
import MirrorCore
import MirrorProtocol
import MirrorServer
import MirrorSimulator
import MirrorStore
import MirrorSync

/// `demo`: the one-command tour. Starts the simulator on loopback, mirrors it into a temporary database
/// over a few rounds while the simulator edits prompts, then prints the audit report and checks that
/// the mirror recorded exactly the edits the simulator made. Touches nothing outside its temporary
/// directory.
struct DemoCommand: Command {
    let name = "demo"
    let summary = "tour: mirror the built-in simulator for a few rounds of prompt edits, then print the audit report"
    let options: [ParsedArguments.Option] = [
        .value("rounds", "N", "rounds of edits after the first mirror (default 3)"),
        .value("seed", "N", "the simulator's seed (default 7)"),
        .value("format", "FORMAT", "the report's format: text (default), markdown, csv, json or html"),
        .flag("keep", "keep the temporary directory (database, config) and print its path"),
    ]

    func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        let rounds =
            try arguments.value("rounds").map { text -> Int in
                guard let value = Int(text), (1...20).contains(value) else {
                    throw UsageError("--rounds takes 1 to 20, not '\(text)'")
                }
                return value
            } ?? 3
        let seed =
            try arguments.value("seed").map { text -> UInt64 in
                guard let value = UInt64(text) else { throw UsageError("--seed takes a whole number, not '\(text)'") }
                return value
            } ?? 7
        let format = try ReportRenderer.Format(rawValue: arguments.value("format") ?? "text").orThrow(
            UsageError("--format takes text, markdown, csv, json or html")
        )
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "assistant-mirror-demo-\(UUID().uuidString.prefix(8))"
        ).path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { if !arguments.flag("keep") { try? FileManager.default.removeItem(atPath: directory) } }

        let simulator = try ProviderSimulator(options: .init(seed: seed, assistantsPerProvider: 6))
        simulator.start()
        defer { simulator.stop() }
        let configurationPath = directory + "/config.ini"
        try DemoRevert.enablingWrites(simulator.sampleConfiguration(database: "mirror.db", socket: "mirror.sock"))
            .write(
                toFile: configurationPath,
                atomically: true,
                encoding: .utf8
            )
        var environment = ProcessInfo.processInfo.environment
        for provider in SimulatedProvider.builtIn {
            environment[ProviderSimulator.apiKeyEnvironmentVariable(for: provider)] = simulator.apiKeys[provider]
        }
        let configuration = try ConfigurationLoader.load(path: configurationPath)
        let logger = CommandContext.terminalLogger(label: "demo", level: .error)
        Console.progress("assistant-mirror demo: simulator on 127.0.0.1:\(simulator.port), database in \(directory)")

        func mirror(_ label: String) async throws {
            let outcomes = try await SyncCommand.crawl(
                configuration,
                accounts: configuration.accounts,
                dryRun: false,
                logger: logger,
                environment: environment,
                showProgress: false
            )
            let summary = outcomes.map {
                "\($0.account) \($0.status.rawValue) (+\($0.progress.created) ~\($0.progress.updated) -\($0.progress.deleted))"
            }
            Console.progress("\(label): " + summary.joined(separator: ", "))
            if let failed = outcomes.first(where: { !$0.succeeded }) {
                throw CLIError("the demo's crawl of \(failed.account) failed: \(failed.error ?? "unknown error")")
            }
        }

        try await mirror("round 0, first mirror")
        let since = Timestamp.now()
        var edits: [SimulatedEdit] = []
        // What a mirror can observe: per round, the assistants whose prompt was edited, or that were
        // created or deleted (several edits of one assistant between two crawls are one change).
        var promptChangesExpected = 0
        var auditedEdit: SimulatedEdit?
        for round in 1...rounds {
            var made = simulator.advance(editCount: 4)
            if round == 1, let edit = Self.editTelnyxPrompt(simulator, avoiding: made) {
                made.append(edit)
                auditedEdit = edit
            }
            edits += made
            let touched = Dictionary(grouping: made.filter { $0.kind != .fieldChanged }) {
                "\($0.provider)/\($0.remoteID)"
            }
            // One created and deleted between two crawls never existed for the mirror.
            promptChangesExpected +=
                touched.values.filter { edits in
                    !(edits.contains { $0.kind == .created } && edits.contains { $0.kind == .deleted })
                }.count
            for edit in made { Console.progress("  simulator: \(Self.describe(edit))") }
            try await mirror("round \(round)")
        }

        var writes = 0
        if let revert = try await DemoRevert.run(configuration, environment: environment, logger: logger) {
            Console.progress(revert.line)
            if revert.wrote { writes = 1 }
        }

        let reader = try MirrorReader(path: configuration.database)
        let request = MirrorRequest.report(ReportRequest(since: since))
        let json = try QueryHandler(reader: reader, daemon: nil).handle(
            QueryRequest(id: .null, op: request.operation.rawValue, parameters: request.parameters),
            peer: nil
        ).get()
        let report = PromptReport(try ReportResult(json: json))
        Console.out(ReportRenderer.render(report, raw: json, as: format))

        let attributed = auditedEdit.flatMap { edit in
            report.changes.first {
                $0.provider == "telnyx" && $0.remoteID == edit.remoteID
                    && $0.changedBySource == RevisionFacts.auditLogSource
                    && $0.changedBy?.contains(edit.editor?.id ?? "-") == true
            }
        }
        if let edit = auditedEdit, let editor = edit.editor {
            Console.progress(
                "\naudit log: \(editor.name) edited telnyx \(edit.remoteID); the report names "
                    + (attributed.map { "them: \($0.who)" } ?? "NOBODY (expected the audit log's user \(editor.id))")
            )
        }
        let matches =
            report.changes.count == promptChangesExpected + writes && (auditedEdit == nil || attributed != nil)
        Console.progress(
            "\nsimulator: \(edits.count) edit(s) in \(rounds) round(s), changing the prompt of \(promptChangesExpected) "
                + "assistant-round(s) (edited, created or deleted)\(writes == 0 ? "" : ", plus \(writes) revert through the mirror")"
                + "; mirror: \(report.changes.count) prompt change(s) "
                + "recorded\(matches ? ", as expected" : ", EXPECTED \(promptChangesExpected + writes)"); chain \(report.verifyDetail)"
        )
        if arguments.flag("keep") {
            Console.progress("kept \(directory): try  sqlite3 \(configuration.database) 'SELECT * FROM prompt_changes'")
        }
        return report.verified && matches ? .ok : .failure
    }

    /// A Telnyx prompt edit by a named dashboard user, listed in Telnyx's audit log at once, on an assistant
    /// no other edit of the round touched: the one the report should attribute from the audit log.
    static func editTelnyxPrompt(_ simulator: ProviderSimulator, avoiding made: [SimulatedEdit]) -> SimulatedEdit? {
        let touched = Set(made.filter { $0.provider == .telnyx }.map(\.remoteID))
        guard let id = simulator.assistantIDs(.telnyx).first(where: { !touched.contains($0) }),
            let prompt = simulator.mainPrompt(.telnyx, id: id),
            simulator.editPrompt(
                .telnyx,
                id: id,
                to: prompt + "\n\nConfirm the caller's name before booking.",
                by: SimulatedUser.dashboardEditors[1],
                audit: .onTime
            )
        else { return nil }
        return simulator.edits.last
    }

    static func describe(_ edit: SimulatedEdit) -> String {
        "\(edit.provider.rawValue) \(edit.remoteID): \(edit.kind)\(edit.field.map { " \($0)" } ?? "")"
    }
}

extension Optional {
    func orThrow(_ error: @autoclosure () -> any Error) throws -> Wrapped {
        guard let value = self else { throw error() }
        return value
    }
}
