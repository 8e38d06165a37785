import Foundation
import Synchronization

/// Says on stderr that work is still going once it has taken more than a second, so a long query, copy
/// or check is never silence: on a terminal one line counting the seconds, rewritten in place (`\r`,
/// and cleared with EL, ECMA-48 §8.3.41, when the work ends); piped, one line only, since a log
/// reader wants to know that something waited, not every tick of it.
final class StillWorking: Sendable {
    private let what: String
    private let started = ContinuousClock.now
    private let shown = Mutex<(finished: Bool, ticking: Bool)>((false, false))
    private let terminal = isatty(STDERR_FILENO) == 1

    /// Starts the watch; `what` completes "…: N s" (`verify: checking the database`).
    init(_ what: String) {
        self.what = what
        schedule()
    }

    /// Runs `work`, with the watch around it.
    static func during<T>(_ what: String, _ work: () throws -> T) rethrows -> T {
        let watch = StillWorking(what)
        defer { watch.finish() }
        return try work()
    }

    func finish() {
        let wasTicking = shown.withLock { state in
            state.finished = true
            return state.ticking
        }
        if wasTicking, terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    private func schedule() {
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) { [self] in
            let seconds = Int((ContinuousClock.now - started).components.seconds)
            let write = shown.withLock { state -> Bool in
                guard !state.finished, terminal || !state.ticking else { return false }
                state.ticking = true
                return true
            }
            guard write else { return }
            if terminal {
                FileHandle.standardError.write(Data("\r\u{1B}[K\(what): \(seconds) s".utf8))
                schedule()
            } else {
                Console.progress("\(what): still going after \(seconds) s")
            }
        }
    }
}
