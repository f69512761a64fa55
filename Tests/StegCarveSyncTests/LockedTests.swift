import Dispatch
import StegCarveSync
import Testing

@Suite("Locked")
struct LockedTests {
    @Test("increments from many threads are neither lost nor raced (the TSan configuration checks the latter)")
    func concurrentIncrements() {
        let counter = Locked(0)
        let perThread = 20_000
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<perThread { counter.withLock { $0 += 1 } }
        }
        #expect(counter.withLock { $0 } == 8 * perThread)
    }

    @Test("a copy-on-write collection is mutated in place from many threads")
    func sharedSet() {
        let seen = Locked<Set<Int>>([])
        DispatchQueue.concurrentPerform(iterations: 1000) { index in
            seen.withLock { _ = $0.insert(index % 100) }
        }
        #expect(seen.withLock { $0 } == Set(0..<100))
    }

    struct Refused: Error, Equatable { let code: Int }

    @Test("a typed error thrown under the lock reaches the caller, and the lock is released")
    func typedThrow() {
        let value = Locked(1)
        #expect(throws: Refused(code: 7)) {
            try value.withLock { (current) throws(Refused) in
                current = 2
                throw Refused(code: 7)
            }
        }
        #expect(value.withLock { $0 } == 2, "the lock was released: this would deadlock otherwise")
    }
}
