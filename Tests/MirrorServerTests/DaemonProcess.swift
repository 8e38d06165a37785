import Foundation
import Glibc
import Synchronization
import Testing

/// The real `assistant-mirror` binary (or a wrapper that execs it) running as a child process, with its
/// stdout and stderr collected. Every wait is bounded by `patience`, so a bug fails a test instead of hanging
/// CI; the child is killed (SIGKILL) when the value is released, whatever happened.
final class DaemonProcess: Sendable {
    enum Termination: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    /// The bound on any wait for the child: generous for a debug build on a busy 2-core machine, and never
    /// an expectation about speed.
    static let patience: Duration = .seconds(30)

    /// Output collected from a pipe; a class so the pipe's handler, not only this value, can hold it.
    private final class Output: Sendable {
        let bytes = Mutex(Data())
        var text: String { String(decoding: bytes.withLock { $0 }, as: UTF8.self) }
    }

    private let process: Process
    private let standardOutput = Output()
    private let standardErrorOutput = Output()

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
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = Self.collect(into: standardOutput)
        process.standardError = Self.collect(into: standardErrorOutput)
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    var pid: pid_t { process.processIdentifier }
    var isRunning: Bool { process.isRunning }
    var standardOutputText: String { standardOutput.text }
    var standardErrorText: String { standardErrorOutput.text }

    /// Lines the daemon logged on stderr (journald `<N>` priority prefixes kept).
    var logLines: [String] { standardErrorText.split(separator: "\n").map(String.init) }

    /// Sends a real signal with kill(2).
    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits (bounded) for the child to end; nil if it is still running after `patience`.
    func termination(within limit: Duration = DaemonProcess.patience) async -> Termination? {
        let deadline = ContinuousClock.now + limit
        while process.isRunning && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        guard !process.isRunning else { return nil }
        // The pipes may still hold the last lines: wait for their end of file.
        process.waitUntilExit()
        return process.terminationReason == .exit
            ? .exited(process.terminationStatus) : .signalled(process.terminationStatus)
    }

    private static func collect(into output: Output) -> Pipe {
        let pipe = Pipe()
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let chunk = handle.availableData
            if chunk.isEmpty {
                handle.readabilityHandler = nil
            } else {
                output.bytes.withLock { $0.append(chunk) }
            }
        }
        return pipe
    }
}

/// A harness precondition that failed (binary missing, tool missing, a reply that is not JSON).
struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
