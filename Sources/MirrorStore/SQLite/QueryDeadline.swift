import CSQLite

#if canImport(Glibc)
import Glibc
#endif

/// A time limit for one request's statements, checked by SQLite itself: a progress handler
/// (https://www.sqlite.org/c3ref/progress_handler.html) reads the monotonic clock every
/// `instructionsPerCheck` virtual-machine instructions and, once the limit has passed, stops the
/// statement, which then fails with SQLITE_INTERRUPT. Nothing is scheduled per request: a dispatch
/// timer that called sqlite3_interrupt(3) from another thread was 9% of a `changes` request's CPU.
///
/// Used by one connection on one thread at a time, like the connection itself.
final class QueryDeadline {
    /// Roughly a few microseconds of work between two looks at the clock (clock_gettime(2) through
    /// the vDSO costs tens of nanoseconds).
    static let instructionsPerCheck: Int32 = 1000

    /// CLOCK_MONOTONIC nanoseconds past which statements stop; `.max` while no request is timed.
    private var limit = UInt64.max

    /// Installs the handler on `connection`; `uninstall` must run before this object goes away.
    func install(on connection: Connection) {
        sqlite3_progress_handler(
            connection.handle,
            Self.instructionsPerCheck,
            { context in
                let deadline = Unmanaged<QueryDeadline>.fromOpaque(context!).takeUnretainedValue()
                return deadline.limit != .max && QueryDeadline.now() >= deadline.limit ? 1 : 0
            },
            Unmanaged.passUnretained(self).toOpaque()
        )
    }

    func uninstall(from connection: Connection) {
        sqlite3_progress_handler(connection.handle, 0, nil, nil)
    }

    /// Runs `body` with statements stopped once `seconds` have passed.
    func run<T>(within seconds: Double, _ body: () throws -> T) rethrows -> T {
        limit = Self.now() &+ UInt64(max(0, seconds) * 1_000_000_000)
        defer { limit = .max }
        return try body()
    }

    private static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }
}
