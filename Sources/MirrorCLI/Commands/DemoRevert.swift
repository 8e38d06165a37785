import Foundation
import MirrorApp
import MirrorCore
import MirrorProtocol
import MirrorServer
import MirrorStore

/// The demo's write through the mirror: one assistant whose prompt the simulator changed is reverted to
/// its first revision by the query handler's `revert`, as the demo's own user, the way a peer of the
/// daemon's socket would. The generated configuration says `write = on` for the demo's accounts.
enum DemoRevert {
    /// Adds `write = on` to every account section of the generated configuration.
    static func enablingWrites(_ configuration: String) -> String {
        configuration.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line in
            line.hasPrefix("[account ") ? [String(line), "write = on"] : [String(line)]
        }.joined(separator: "\n")
    }

    /// Reverts one changed prompt; the outcome's line for the demo's output, and whether a revision was
    /// written (nil when no assistant had a prompt to restore).
    static func run(
        _ configuration: MirrorConfiguration,
        environment: [String: String],
        logger: Logger
    ) async throws -> (line: String, wrote: Bool)? {
        let reader = try MirrorReader(path: configuration.database)
        let candidate = try reader.jsonRows(
            """
            SELECT first.account || '/' || first.remote_id AS id FROM assistant_revisions first
            JOIN assistants_current c ON c.account = first.account AND c.remote_id = first.remote_id
            WHERE first.revision = 1 AND c.deleted_at IS NULL AND first.prompt IS NOT NULL
              AND first.prompt IS NOT c.prompt AND instr(first.prompt, '[redacted:') = 0
            ORDER BY first.account, first.remote_id LIMIT 1
            """
        ).first?["id"]?.stringValue
        guard let candidate else { return nil }
        let assembly: MirrorAssembly
        do {
            assembly = try MirrorAssembly.open(configuration, logger: logger)
        } catch {
            throw CLIError(error.description, status: .unavailable)
        }
        let secrets = MirrorAssembly.loadSecrets(for: configuration, environment: environment).secrets
        let daemon = try assembly.inProcessDaemon(secrets: secrets)
        let request = MirrorRequest.writePrompt(
            PromptWriteRequest(assistant: candidate, change: .revision(1), reason: "demo: back to the first prompt")
        )
        let query = QueryRequest(id: .null, op: request.operation.rawValue, parameters: request.parameters)
        let peer = PeerCredentials(pid: getpid(), uid: getuid(), gid: getgid())
        let database = configuration.database
        // The handler blocks while the writer runs on the cooperative pool: it gets a thread of its own.
        let reply = try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(
                    with: Result {
                        QueryHandler(reader: try MirrorReader(path: database), daemon: daemon).handle(query, peer: peer)
                    }
                )
            }
        }
        switch reply {
        case .success(let json):
            let result = try PromptWriteResult(json: json)
            return (
                "revert through the mirror: \(candidate) to revision 1 by \(result.changedBy ?? "?"): \(result.message)",
                result.revision != nil
            )
        case .failure(let failure):
            return (
                "revert through the mirror: \(candidate) refused (\(failure.code.rawValue)): \(failure.message)", false
            )
        }
    }
}
