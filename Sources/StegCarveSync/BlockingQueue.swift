import StegCarvePlatform

/// A first-in, first-out queue that threads wait on: ``pop()`` blocks until an element arrives
/// or the queue is closed.
///
/// A POSIX mutex and condition variable, for the reason ``Locked`` gives (ThreadSanitizer
/// models them). Closing discards what was not taken: a stopped sweep starts no more scans.
@safe package final class BlockingQueue<Element: Sendable>: @unchecked Sendable {
    // @unchecked: `elements`, `head` and `closed` are only touched with `mutex` held.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>
    private var elements: [Element] = []
    /// Index of the next element to pop (the array is compacted when half of it is taken).
    private var head = 0
    private var closed = false

    /// An open, empty queue.
    package init() {
        unsafe mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        unsafe mutex.initialize(to: pthread_mutex_t())
        unsafe pthread_mutex_init(mutex, nil)
        unsafe condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
        unsafe condition.initialize(to: pthread_cond_t())
        unsafe pthread_cond_init(condition, nil)
    }

    deinit {
        unsafe pthread_cond_destroy(condition)
        unsafe condition.deinitialize(count: 1)
        unsafe condition.deallocate()
        unsafe pthread_mutex_destroy(mutex)
        unsafe mutex.deinitialize(count: 1)
        unsafe mutex.deallocate()
    }

    /// Appends `element` and wakes one waiting thread; returns `false` (dropping it) once closed.
    @discardableResult
    package func push(_ element: Element) -> Bool {
        unsafe pthread_mutex_lock(mutex)
        defer { unsafe pthread_mutex_unlock(mutex) }
        guard !closed else { return false }
        elements.append(element)
        unsafe pthread_cond_signal(condition)
        return true
    }

    /// The oldest element, waiting for one; `nil` once the queue is closed.
    package func pop() -> Element? {
        unsafe pthread_mutex_lock(mutex)
        defer { unsafe pthread_mutex_unlock(mutex) }
        while !closed, head == elements.count {
            unsafe pthread_cond_wait(condition, mutex)
        }
        guard !closed else { return nil }
        let element = elements[head]
        head += 1
        if head == elements.count {
            elements.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 1024, head * 2 >= elements.count {
            elements.removeFirst(head)
            head = 0
        }
        return element
    }

    /// Wakes every waiting thread with `nil`; elements not yet popped are dropped.
    package func close() {
        unsafe pthread_mutex_lock(mutex)
        defer { unsafe pthread_mutex_unlock(mutex) }
        closed = true
        elements.removeAll()
        head = 0
        unsafe pthread_cond_broadcast(condition)
    }
}
