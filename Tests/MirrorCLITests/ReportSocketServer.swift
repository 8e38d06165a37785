import Foundation
import MirrorCore
import MirrorServer

@testable import MirrorCLI

/// The daemon's query server (no scheduler) on a real Unix socket over a test database, so that the
/// `report` command runs end to end: arguments, socket, op, renderer, output file and exit status.
final class ReportSocketServer {
    let socketPath: String
    private let server: QueryServer

    init(database: ReportTestDatabase) throws {
        socketPath = database.directory + "/query.sock"
        server = QueryServer(
            listener: try UnixListener.bind(path: socketPath),
            databasePath: database.path,
            daemon: nil,
            notifier: ChangeNotifier(),
            logger: .silent()
        )
        server.start()
    }

    func stop() { server.stop() }

    /// `assistant-mirror report prompts --socket PATH` followed by `arguments`.
    func runReport(_ arguments: [String]) async throws -> ExitStatus {
        let command = ReportCommand()
        return try await command.run(
            try ParsedArguments(["prompts", "--socket", socketPath] + arguments, options: command.options)
        )
    }
}
