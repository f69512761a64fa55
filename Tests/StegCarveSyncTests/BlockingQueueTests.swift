import Dispatch
import StegCarveSync
import Testing

@Suite("BlockingQueue")
struct BlockingQueueTests {
    @Test("elements come out first in, first out, across many producers and consumers, none lost or doubled")
    func manyThreads() {
        let queue = BlockingQueue<Int>()
        let taken = Locked<[Int]>([])
        let consumers = DispatchGroup()
        for _ in 0..<4 {
            DispatchQueue.global().async(group: consumers) {
                while let value = queue.pop() {
                    if value < 0 { break }
                    taken.withLock { $0.append(value) }
                }
            }
        }
        DispatchQueue.concurrentPerform(iterations: 4) { producer in
            for index in 0..<5_000 { queue.push(producer * 5_000 + index) }
        }
        for _ in 0..<4 { queue.push(-1) }
        consumers.wait()
        #expect(taken.withLock { $0 }.sorted() == Array(0..<20_000))
    }

    @Test("single consumer order is the push order; after close, pop returns nil, queued elements are dropped and push is refused")
    func orderAndClose() {
        let queue = BlockingQueue<Int>()
        for value in 0..<3000 { queue.push(value) }
        var popped: [Int] = []
        for _ in 0..<2000 { if let value = queue.pop() { popped.append(value) } }
        #expect(popped == Array(0..<2000))
        queue.close()
        #expect(queue.pop() == nil)
        #expect(queue.push(5) == false)
    }

    @Test("close wakes a thread waiting in pop")
    func closeWakesWaiter() {
        let queue = BlockingQueue<Int>()
        let done = DispatchSemaphore(value: 0)
        let result = Locked<Int?>(0)
        DispatchQueue.global().async {
            let value = queue.pop()
            result.withLock { $0 = value }
            done.signal()
        }
        #expect(done.wait(timeout: .now() + .milliseconds(200)) == .timedOut, "still waiting")
        queue.close()
        #expect(done.wait(timeout: .now() + .seconds(5)) == .success)
        #expect(result.withLock { $0 } == nil)
    }
}
