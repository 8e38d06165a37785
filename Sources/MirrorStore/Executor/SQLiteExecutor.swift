import Foundation
import Synchronization

/// The serial executor every write to the mirror database runs on: one dedicated thread.
///
/// SQLite calls block (a commit with `synchronous=FULL` waits for fsync(2); a busy writer waits up to
/// the busy timeout), and blocking a thread of Swift's cooperative pool starves every other task of
/// the process (SE-0392 "Custom Actor Executors"; on Linux that pool has one thread per core). So the
/// store actor runs its jobs here instead, and callers simply `await` it.
public final class SQLiteExecutor: SerialExecutor {
    private struct Queue: ~Copyable {
        var jobs: [UnownedJob] = []
        var stopping = false
    }

    private let queue = Mutex(Queue())
    /// Counts queued jobs (and one extra for a stop), so the thread sleeps only when there is nothing to do.
    private let pending = DispatchSemaphore(value: 0)

    public init(name: String) {
        // A new thread inherits its creator's name on Linux; Foundation names the system thread only
        // when the name is set from the thread itself (pthread_setname_np(3), shown by `top -H`).
        let thread = Thread { [self] in
            Thread.current.name = name
            runLoop()
        }
        thread.start()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.withLock { $0.jobs.append(job) }
        pending.signal()
    }

    /// Lets the thread end once the jobs already queued have run; the owner calls it when it goes away.
    public func stop() {
        queue.withLock { $0.stopping = true }
        pending.signal()
    }

    private func runLoop() {
        while true {
            pending.wait()
            let next = queue.withLock { queue -> UnownedJob?? in
                if !queue.jobs.isEmpty { return .some(queue.jobs.removeFirst()) }
                return queue.stopping ? .none : .some(nil)
            }
            guard let job = next else { return }
            job?.runSynchronously(on: asUnownedSerialExecutor())
        }
    }
}
