// The one file that names the C library of the operating system (Glibc on Linux, Darwin on
// macOS); the rest of StegCarve imports this module instead. A check in the tests
// (`PlatformBoundaryTests`) fails when another source file imports Glibc or Darwin or
// qualifies a name with them.
//
// The C library is re-exported, so portable POSIX calls (open, fstat, mmap, poll, fnmatch,
// pthread_mutex_*, …) read as they do in C. Where Linux and macOS differ — a field's name,
// a flag that only one has, a call that a method of the same name shadows — the difference is
// settled here, once, behind a name that compiles on both. To port a new call: add it here
// when its spelling differs between the two systems, never an `#if canImport(Glibc)` elsewhere.
#if canImport(Glibc)
@_exported import Glibc
#elseif canImport(Darwin)
@_exported import Darwin
#else
#error("StegCarve builds on Linux (Glibc) and macOS (Darwin).")
#endif

/// System calls whose Swift spelling differs between Linux and macOS, or which a method of
/// the same name would shadow at the call site.
public enum Platform {
    /// `write(2)`: writes up to `count` bytes from `buffer`; the count written, or -1 with
    /// `errno` set. Do not escape the pointer.
    @inlinable
    public static func write(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        unsafe Glibc.write(descriptor, buffer, count)
        #else
        unsafe Darwin.write(descriptor, buffer, count)
        #endif
    }

    /// `poll(2)` on `count` descriptors; the number ready, 0 on timeout, -1 with `errno` set.
    @inlinable
    public static func poll(_ descriptors: UnsafeMutablePointer<pollfd>, _ count: Int, _ milliseconds: Int32) -> Int32 {
        #if canImport(Glibc)
        unsafe Glibc.poll(descriptors, nfds_t(count), milliseconds)
        #else
        unsafe Darwin.poll(descriptors, nfds_t(count), milliseconds)
        #endif
    }

    /// A new pseudo-terminal: the controlling descriptor and the path of the terminal side,
    /// or `nil` (tests of what a terminal receives). Linux's C headers hide `posix_openpt`
    /// from Swift, so there it is `/dev/ptmx` with the two `ioctl`s glibc's own uses.
    public static func openPseudoTerminal() -> (controller: Int32, terminalPath: String)? {
        #if canImport(Glibc)
        let controller = unsafe open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard controller >= 0 else { return nil }
        var unlock: Int32 = 0
        var number: UInt32 = 0
        // TIOCSPTLCK (_IOW('T', 0x31, int)) and TIOCGPTN (_IOR('T', 0x30, unsigned int)).
        guard unsafe ioctl(controller, 0x4004_5431, &unlock) == 0, unsafe ioctl(controller, 0x8004_5430, &number) == 0 else {
            _ = close(controller)
            return nil
        }
        return (controller, "/dev/pts/\(number)")
        #else
        let controller = posix_openpt(O_RDWR | O_NOCTTY)
        guard controller >= 0, grantpt(controller) == 0, unlockpt(controller) == 0, let name = unsafe ptsname(controller) else {
            if controller >= 0 { _ = close(controller) }
            return nil
        }
        return (controller, unsafe String(cString: name))
        #endif
    }

    /// `MAP_POPULATE` where `mmap(2)` has it (Linux: prefault the mapping in one pass), else 0.
    public static var mapPopulate: Int32 {
        #if canImport(Glibc)
        MAP_POPULATE
        #else
        0
        #endif
    }
}

extension stat {
    /// The last modification time in nanoseconds since the epoch (`st_mtim` on Linux,
    /// `st_mtimespec` on macOS); wraps rather than traps for times past the year 2262.
    public var modificationNanoseconds: Int64 {
        #if canImport(Darwin)
        let modified = st_mtimespec
        #else
        let modified = st_mtim
        #endif
        return Int64(modified.tv_sec) &* 1_000_000_000 &+ Int64(modified.tv_nsec)
    }
}
