import Dispatch
import Glibc
import Synchronization

/// Delivers process signals as an `AsyncStream`, through Dispatch signal sources.
///
/// A signal whose default action is to terminate (SIGTERM, SIGHUP, SIGUSR1…) would kill the process
/// before a source could see it, so, as the Dispatch documentation for signal sources requires, its
/// disposition is first set to `SIG_IGN`. On Linux, libdispatch then installs its own handler when the
/// first source for that signal registers (it routes the signal to a signalfd; swift-corelibs-libdispatch
/// `src/event/event_epoll.c`); a disposition already changed from `SIG_DFL` is therefore left alone,
/// since resetting it to `SIG_IGN` would make the kernel discard the signal. `init` returns only once
/// the sources are registered, so a signal sent right after it is not lost.
public final class SignalWatcher: Sendable {
    /// The signals, in arrival order. Signals of one kind that arrive faster than they are handled
    /// coalesce, as with any signal; the stream keeps the newest few if the consumer lags.
    public let events: AsyncStream<Int32>
    private let continuation: AsyncStream<Int32>.Continuation
    private let sources: Mutex<[any DispatchSourceSignal]>

    /// How long `init` waits for a source to register. Registration takes microseconds; it fails only
    /// if libdispatch cannot create its signalfd, and then the signal is simply not watched.
    private static let registrationLimit = DispatchTimeInterval.seconds(5)

    /// Watches `signals`. Handlers run on `queue` (a private serial queue by default); do not call this
    /// from `queue` itself, which would wait on its own registration.
    public init(signals: [Int32], queue: DispatchQueue? = nil) {
        let target = queue ?? DispatchQueue(label: "assistant-mirror.signals")
        (events, continuation) = AsyncStream.makeStream(of: Int32.self, bufferingPolicy: .bufferingNewest(16))
        var created: [any DispatchSourceSignal] = []
        for signal in signals where !created.contains(where: { $0.handle == UInt(signal) }) {
            Self.ignoreIfDefault(signal)
            let source = DispatchSource.makeSignalSource(signal: signal, queue: target)
            let registered = DispatchSemaphore(value: 0)
            source.setEventHandler { [continuation] in continuation.yield(signal) }
            source.setRegistrationHandler { registered.signal() }
            source.activate()
            _ = registered.wait(timeout: .now() + Self.registrationLimit)
            created.append(source)
        }
        sources = Mutex(created)
    }

    deinit {
        cancel()
    }

    /// Stops watching and finishes `events`. The signals stay caught (never back to their default
    /// action), so a late one cannot kill the process.
    public func cancel() {
        sources.withLock { sources in
            for source in sources { source.cancel() }
            sources = []
        }
        continuation.finish()
    }

    /// Sets SIGPIPE to `SIG_IGN`, so a write to a vanished peer fails with `EPIPE` instead of killing the
    /// process. Sends here already use `MSG_NOSIGNAL`; this covers writes made elsewhere (pipes, stdout).
    public static func ignoreBrokenPipe() {
        signal(SIGPIPE, SIG_IGN)
    }

    private static func ignoreIfDefault(_ signal: Int32) {
        var current = sigaction()
        guard sigaction(signal, nil, &current) == 0, current.__sigaction_handler.sa_handler == nil else { return }
        Glibc.signal(signal, SIG_IGN)
    }
}
