import Foundation
import Glibc
import Synchronization

/// A child process started with posix_spawn(3) and reaped with waitpid(2), its output in files.
///
/// Not Foundation's `Process`: on Linux its `waitUntilExit` learns of a child's end through a SIGCHLD
/// handler and a run loop, and under a busy parallel test run it was seen to miss an exit and wait
/// forever. waitpid on the child's own pid cannot miss it. Output goes to files rather than pipes, so a
/// child can never block on a pipe nobody reads.
public final class ChildProcess: Sendable {
    public enum Termination: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    /// A finished run: its status and everything it printed.
    public struct Outcome: Sendable {
        public let termination: Termination
        public let output: Data
        public let errorOutput: Data

        /// The exit status, or 128 + the signal number as a shell reports it.
        public var status: Int32 {
            switch termination {
            case .exited(let code): code
            case .signalled(let signal): 128 + signal
            }
        }

        public var outputText: String { String(decoding: output, as: UTF8.self) }
        public var errorText: String { String(decoding: errorOutput, as: UTF8.self) }
    }

    public let pid: pid_t
    private let outputPath: String
    private let errorPath: String
    private let ended = Mutex<Termination?>(nil)

    /// Starts `executable` (an absolute path) with `arguments`; `environment` nil inherits ours.
    public init(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String]? = nil,
        directory: String? = nil
    ) throws {
        let scratch = NSTemporaryDirectory() + "child-" + UUID().uuidString
        outputPath = scratch + ".out"
        errorPath = scratch + ".err"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if let directory {
            guard Self.addChangeDirectory(&actions, directory) == 0 else { throw POSIXError(.ENOENT) }
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let variables =
            environment.map { $0.map { "\($0.key)=\($0.value)" } }
            ?? ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        let envp = variables.map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var child: pid_t = 0
        let code = posix_spawn(&child, executable, &actions, nil, argv, envp)
        guard code == 0 else { throw POSIXError(POSIXErrorCode(rawValue: code) ?? .ENOENT) }
        pid = child
    }

    deinit {
        if isRunning {
            kill(pid, SIGKILL)
            _ = waitForExit()
        }
        try? FileManager.default.removeItem(atPath: outputPath)
        try? FileManager.default.removeItem(atPath: errorPath)
    }

    /// Runs a program to completion, waiting without holding a thread of Swift's cooperative pool: a
    /// test that blocked one in waitpid(2) would starve every other test's tasks on a 2-core machine.
    public static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String]? = nil,
        directory: String? = nil
    ) async throws -> Outcome {
        let child = try ChildProcess(executable, arguments, environment: environment, directory: directory)
        var termination = await child.termination(within: .seconds(3600))
        if termination == nil {
            child.send(SIGKILL)
            termination = child.waitForExit()
        }
        return Outcome(termination: termination!, output: child.output, errorOutput: child.errorOutput)
    }

    /// Runs a program to completion, blocking the calling thread: only for synchronous contexts (a
    /// suite's enabling condition), never from async code.
    public static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String]? = nil,
        directory: String? = nil
    ) throws -> Outcome {
        let child = try ChildProcess(executable, arguments, environment: environment, directory: directory)
        let termination = child.waitForExit()
        return Outcome(termination: termination, output: child.output, errorOutput: child.errorOutput)
    }

    /// posix_spawn_file_actions_addchdir_np (glibc ≥ 2.29) is declared only under _GNU_SOURCE, which
    /// Swift's Glibc module does not set; it is looked up at run time instead.
    private static let addChangeDirectory:
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32 = {
            guard let symbol = dlsym(nil, "posix_spawn_file_actions_addchdir_np") else {
                fatalError("this C library has no posix_spawn_file_actions_addchdir_np (glibc 2.29 or newer is needed)")
            }
            return unsafeBitCast(
                symbol,
                to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32)
                    .self
            )
        }()

    public var output: Data { FileManager.default.contents(atPath: outputPath) ?? Data() }
    public var errorOutput: Data { FileManager.default.contents(atPath: errorPath) ?? Data() }
    public var outputText: String { String(decoding: output, as: UTF8.self) }
    public var errorText: String { String(decoding: errorOutput, as: UTF8.self) }

    public func send(_ signal: Int32) { kill(pid, signal) }

    public var isRunning: Bool { reap(options: WNOHANG) == nil }

    /// Blocks until the child ends.
    @discardableResult
    public func waitForExit() -> Termination {
        while true {
            if let termination = reap(options: 0) { return termination }
        }
    }

    /// Waits without blocking a thread; nil when the child is still running after `limit`.
    public func termination(within limit: Duration) async -> Termination? {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if let termination = reap(options: WNOHANG) { return termination }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return reap(options: WNOHANG)
    }

    /// waitpid on this child only; remembers the result, since a pid can be reaped once.
    private func reap(options: Int32) -> Termination? {
        ended.withLock { ended in
            if let ended { return ended }
            var status: Int32 = 0
            let result = waitpid(pid, &status, options)
            guard result == pid else {
                // EINTR under a blocking wait: the caller loops. ECHILD cannot happen for our own child.
                return nil
            }
            // WIFEXITED / WEXITSTATUS / WTERMSIG from <sys/wait.h>, which Swift cannot import as macros.
            let signal = status & 0x7F
            ended = signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
            return ended
        }
    }
}
