import Dispatch
import Foundation
import StegCarveSweep
import StegCarveSync
import Testing

@Suite("WorkerThreads: scans on threads of their own")
struct WorkerThreadsTests {
    @Test("N threads run N blocking jobs at once, more than the cooperative pool has threads")
    func concurrency() {
        let count = ProcessInfo.processInfo.activeProcessorCount * 4 + 2
        let threads = WorkerThreads(count: count, name: "test")
        let running = Locked(0)
        let allStarted = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        for _ in 0..<count {
            threads.submit {
                if running.withLock({ $0 += 1; return $0 }) == count { allStarted.signal() }
                release.wait()
            }
        }
        let started = allStarted.wait(timeout: .now() + .seconds(10))
        #expect(started == .success, "\(running.withLock { $0 }) of \(count) jobs started")
        for _ in 0..<count { release.signal() }
        threads.stop()
    }

    @Test("jobs blocked forever do not hold back the others: every other job finishes while they block")
    func blockedJobs() {
        let threads = WorkerThreads(count: 4, name: "test")
        let blocker = DispatchSemaphore(value: 0)
        let finished = Locked<[Int]>([])
        let allFinished = DispatchSemaphore(value: 0)
        threads.submit { blocker.wait() }
        threads.submit { blocker.wait() }
        for index in 0..<200 {
            threads.submit {
                if finished.withLock({ $0.append(index); return $0.count }) == 200 { allFinished.signal() }
            }
        }
        #expect(allFinished.wait(timeout: .now() + .seconds(10)) == .success)
        #expect(finished.withLock { $0 }.sorted() == Array(0..<200))
        threads.stop()
        blocker.signal()
        blocker.signal()
    }

    @Test("stop drops the jobs not yet started; running ones finish")
    func stopDropsQueued() {
        let threads = WorkerThreads(count: 1, name: "test")
        let gate = DispatchSemaphore(value: 0)
        let entered = DispatchSemaphore(value: 0)
        let ran = Locked<[Int]>([])
        let done = DispatchSemaphore(value: 0)
        threads.submit {
            entered.signal()
            gate.wait()
            ran.withLock { $0.append(0) }
            done.signal()
        }
        for index in 1...10 { threads.submit { ran.withLock { $0.append(index) } } }
        entered.wait()
        threads.stop()
        gate.signal()
        #expect(done.wait(timeout: .now() + .seconds(5)) == .success)
        usleep(100_000)
        #expect(ran.withLock { $0 } == [0])
    }
}
