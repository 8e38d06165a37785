import Foundation
import Glibc
import Synchronization
import TestSupport
import Testing

/// The real `assistant-mirror` binary (or a wrapper that execs it) running as a child process, with its
/// stdout and stderr collected. Every wait is bounded by `patience`, so a bug fails a test instead of hanging
/// CI; the child is killed (SIGKILL) when the value is released, whatever happened.
final class DaemonProcess: Sendable {
    typealias Termination = ChildProcess.Termination

    /// The bound on any wait for the child: generous for a debug build on a busy 2-core machine, and never
    /// an expectation about speed.
    static let patience: Duration = .seconds(30)

    private let child: ChildProcess

    /// `assistant-mirror` beside the test bundle: `swift test` builds every product into the same directory.
    static func binaryPath() throws -> String {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("assistant-mirror").path,
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
                .appendingPathComponent("assistant-mirror").path,
        ]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw HarnessError("assistant-mirror is not built beside the tests; looked at \(candidates)")
        }
        return found
    }

    init(executable: String, arguments: [String], environment: [String: String]) throws {
        child = try ChildProcess(executable, arguments, environment: environment)
    }

    var pid: pid_t { child.pid }
    var isRunning: Bool { child.isRunning }
    var standardOutputText: String { child.outputText }
    var standardErrorText: String { child.errorText }

    /// Lines the daemon logged on stderr (journald `<N>` priority prefixes kept).
    var logLines: [String] { standardErrorText.split(separator: "\n").map(String.init) }

    /// Sends a real signal with kill(2).
    func send(_ signal: Int32) {
        child.send(signal)
    }

    /// Waits (bounded) for the child to end; nil if it is still running after `patience`. The child is
    /// killed when the value is released (ChildProcess's deinit), whatever happened.
    func termination(within limit: Duration = DaemonProcess.patience) async -> Termination? {
        await child.termination(within: limit)
    }
}

/// A harness precondition that failed (binary missing, tool missing, a reply that is not JSON).
struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
