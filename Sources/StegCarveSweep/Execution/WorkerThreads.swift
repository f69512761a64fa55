import Foundation
import StegCarveSync

/// Threads of their own for blocking work such as file scans: `count` threads take jobs first
/// in, first out, so `count` jobs run at once whatever Swift's cooperative pool is doing, and a
/// job that takes long (a hostile file up to its deadline) holds only its own thread.
///
/// ``stop()`` discards the jobs not yet started; jobs already running go on until they return,
/// on threads that nothing waits for, so a process that exits is not kept alive by them.
package final class WorkerThreads: Sendable {
    private let queue = BlockingQueue<@Sendable () -> Void>()

    /// Starts `count` threads named `name 0`, `name 1`, … with `stackSize` bytes of stack each
    /// (8 MiB, a main thread's usual size, whatever the platform's default for new threads).
    package init(count: Int, name: String, stackSize: Int = 8 << 20) {
        for index in 0..<max(1, count) {
            let thread = Thread { [queue] in
                while let job = queue.pop() { job() }
            }
            thread.name = "\(name) \(index)"
            thread.stackSize = stackSize
            thread.start()
        }
    }

    deinit {
        queue.close()
    }

    /// Queues `job` to run on the first free thread; ignored after ``stop()``.
    package func submit(_ job: @escaping @Sendable () -> Void) {
        queue.push(job)
    }

    /// Starts no more jobs: queued ones are dropped, idle threads end, running jobs finish on
    /// their own.
    package func stop() {
        queue.close()
    }
}
