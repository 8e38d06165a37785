import Foundation
import MirrorCore

#if canImport(Glibc)
import Glibc
#endif

/// One run of the `notify-exec` program: started with posix_spawn(3) directly, never through a shell
/// (the configured path is the program itself, with no arguments, so nothing in it is interpreted),
/// with `input` on its standard input, in a process group of its own so a timeout kills the program
/// and everything it started (kill(2) with a negative pid).
///
/// The child gets a small environment (PATH, HOME, LANG, LC_ALL, TZ, CREDENTIALS_DIRECTORY), not the
/// daemon's, which may hold API keys (`api-key-env`); its standard output and error are the daemon's
/// (the journal under systemd); other descriptors are closed.
struct NotifyProgram: Sendable {
    enum Ending: Equatable, CustomStringConvertible {
        case exited(Int32)
        case signaled(Int32)
        case timedOut
        /// The daemon is stopping: the program's group was killed and the change stays pending.
        case interrupted
        case cannotStart(String)

        var description: String {
            switch self {
            case .exited(let code): "exit status \(code)"
            case .signaled(let signal): "killed by signal \(signal)"
            case .timedOut: "timed out"
            case .interrupted: "interrupted by the daemon stopping"
            case .cannotStart(let reason): "cannot start: \(reason)"
            }
        }
    }

    static let passedEnvironment = ["PATH", "HOME", "LANG", "LC_ALL", "TZ", "CREDENTIALS_DIRECTORY"]

    let path: String
    let timeout: Duration
    let environment: [String: String]

    func run(input: [UInt8]) async -> Ending {
        var pipeEnds: [Int32] = [-1, -1]
        // pipe2(2) is declared only under _GNU_SOURCE; close-on-exec is set right after, and the window
        // between does not matter to our own children, which close every descriptor from 3 up.
        guard pipe(&pipeEnds) == 0 else { return .cannotStart(Self.lastError("pipe")) }
        let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])
        for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        var spawned = spawn(stdin: readEnd)
        // ETXTBSY: the program is still open for writing somewhere (being installed, or inherited by a
        // child forked meanwhile); execve(2) refuses it until that descriptor closes, which is brief.
        for _ in 0..<5 where spawned.isTextBusy {
            try? await Task.sleep(for: .milliseconds(100))
            spawned = spawn(stdin: readEnd)
        }
        close(readEnd)
        guard case .success(let pid) = spawned else {
            close(writeEnd)
            if case .failure(let reason) = spawned { return .cannotStart(reason.description) }
            return .cannotStart("unknown")
        }
        _ = fcntl(writeEnd, F_SETFL, fcntl(writeEnd, F_GETFL) | O_NONBLOCK)
        return await supervise(pid: pid, writeEnd: writeEnd, input: input[...])
    }

    /// Feeds standard input without blocking (a program that never reads must not stall the daemon)
    /// and polls waitpid(2) until the program ends or the deadline passes.
    private func supervise(pid: pid_t, writeEnd: Int32, input: ArraySlice<UInt8>) async -> Ending {
        let deadline = ContinuousClock.now + timeout
        var pending = input
        var writer: Int32? = writeEnd
        defer { if let writer { close(writer) } }
        while true {
            if let descriptor = writer {
                let written = pending.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
                if written > 0 { pending = pending.dropFirst(written) }
                // EPIPE: the program closed its input early; what it does with that is its business.
                if pending.isEmpty || (written < 0 && errno != EAGAIN && errno != EINTR) {
                    close(descriptor)
                    writer = nil
                }
            }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { return Self.ending(status) }
            if Task.isCancelled || ContinuousClock.now >= deadline {
                kill(-pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                return Task.isCancelled ? .interrupted : .timedOut
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    fileprivate struct SpawnFailure: Error, CustomStringConvertible {
        let code: Int32
        let description: String
    }

    private func spawn(stdin: Int32) -> Result<pid_t, SpawnFailure> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        _ = Self.addCloseFrom?(&actions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A group of its own (pgid = its pid); no blocked signals; default actions for the signals the
        // daemon ignores or handles, since ignored dispositions survive exec (signal(7)).
        posix_spawnattr_setpgroup(&attributes, 0)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGTERM, SIGINT, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(
            &attributes,
            Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        )

        let arguments = [path]
        let variables = Self.passedEnvironment.compactMap { name in environment[name].map { "\(name)=\($0)" } }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = variables.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard result == 0 else {
            return .failure(SpawnFailure(code: result, description: "\(path): \(String(cString: strerror(result)))"))
        }
        return .success(pid)
    }

    /// posix_spawn_file_actions_addclosefrom_np (glibc ≥ 2.34) is declared only under _GNU_SOURCE, which
    /// Swift's Glibc module does not set, so it is looked up at run time. Without it the child still
    /// gets no socket or database: the daemon opens those close-on-exec.
    private static let addCloseFrom:
        (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? =
            dlsym(nil, "posix_spawn_file_actions_addclosefrom_np").map {
                unsafeBitCast(
                    $0,
                    to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self
                )
            }

    /// The WIFEXITED/WEXITSTATUS/WTERMSIG decoding of wait(2)'s status (the macros do not import).
    private static func ending(_ status: Int32) -> Ending {
        status & 0x7F == 0 ? .exited((status >> 8) & 0xFF) : .signaled(status & 0x7F)
    }

    private static func lastError(_ call: String) -> String {
        "\(call): \(String(cString: strerror(errno)))"
    }
}

extension Result<pid_t, NotifyProgram.SpawnFailure> {
    fileprivate var isTextBusy: Bool {
        if case .failure(let failure) = self { failure.code == ETXTBSY } else { false }
    }
}
