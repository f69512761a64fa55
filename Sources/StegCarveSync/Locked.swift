import StegCarvePlatform

/// A value that threads share, guarded by a POSIX mutex.
///
/// StegCarve uses this rather than `Synchronization.Mutex` because on Linux that type locks
/// with raw futex system calls, which ThreadSanitizer does not see: every access it guards is
/// reported as a race, and the sanitizer configuration (`Scripts/test-configurations`) could not
/// tell a real race from the lock itself. `pthread_mutex_lock` is what TSan models.
@safe package final class Locked<Value>: @unchecked Sendable {
    // @unchecked: `value` is only touched between pthread_mutex_lock and _unlock.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    /// Guards `value`.
    package init(_ value: Value) {
        unsafe mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        unsafe mutex.initialize(to: pthread_mutex_t())
        unsafe pthread_mutex_init(mutex, nil)
        self.value = value
    }

    deinit {
        unsafe pthread_mutex_destroy(mutex)
        unsafe mutex.deinitialize(count: 1)
        unsafe mutex.deallocate()
    }

    /// Runs `body` with exclusive access to the value; `body` must not call back into this lock.
    package func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        unsafe pthread_mutex_lock(mutex)
        defer { unsafe pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
