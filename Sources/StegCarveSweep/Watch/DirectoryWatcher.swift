import SystemPackage

import StegCarvePlatform

/// Reports files under some directories once they have finished being written: on Linux
/// through inotify (`IN_CLOSE_WRITE` for files written in place, `IN_MOVED_TO` for files
/// renamed or moved in, `IN_CREATE`/`IN_MOVED_TO` of a directory to watch it and every
/// directory below it as well); on macOS through FSEvents (FSEventsInbox.swift, compiled only
/// with `-DSTEGCARVE_FSEVENTS` until it has been tested on a Mac; otherwise unsupported).
///
/// A path is reported after `settle` has passed without a further close, move or write
/// (`IN_MODIFY`) for it, so a file created empty and then written, closed and re-opened to
/// append, or found both by listing a new directory and by its close event, is reported once
/// (a writer pausing longer than `settle` between writes can still cause a second report).
/// Symbolic links are not followed.
package final class DirectoryWatcher {
    /// Paths waiting for their settle time.
    private var pending: [FilePath: ContinuousClock.Instant] = [:]
    private let settle: Duration
    #if os(Linux)
    private let descriptor: Int32
    private var directories: [Int32: FilePath] = [:]
    #elseif os(macOS) && STEGCARVE_FSEVENTS
    private let events: FSEventsStream
    #endif

    /// Starts watching every directory below `roots`.
    /// - Throws: `Errno` when the watch cannot be set up (e.g. a root is not a directory).
    package init(roots: [FilePath], settle: Duration = .milliseconds(300)) throws(Errno) {
        self.settle = settle
        #if os(Linux)
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { throw Errno(rawValue: errno) }
        for root in roots {
            guard addWatch(root, queueingFiles: false) else {
                // Every stored property is set, so deinit runs and closes the descriptor:
                // closing it here too would close whatever another thread opened meanwhile.
                let code = errno
                throw Errno(rawValue: code == 0 ? ENOTDIR : code)
            }
        }
        #elseif os(macOS) && STEGCARVE_FSEVENTS
        for root in roots {
            var status = stat()
            guard unsafe root.withPlatformString({ unsafe stat($0, &status) }) == 0 else { throw Errno(rawValue: errno) }
            guard status.st_mode & S_IFMT == S_IFDIR else { throw Errno.notDirectory }
        }
        guard let stream = FSEventsStream(roots: roots) else { throw Errno.ioError }
        events = stream
        #else
        throw Errno.notSupported
        #endif
    }

    deinit {
        #if os(Linux)
        close(descriptor)
        #endif
    }

    /// Waits up to `timeout` for events and returns the paths that are ready to scan
    /// (written, then quiet for the settle time), in path order.
    package func poll(timeout: Duration) -> [FilePath] {
        #if os(Linux)
        let nextDeadline = pending.values.min()
        var wait = timeout
        if let nextDeadline { wait = min(wait, max(nextDeadline - .now, .zero)) }
        let milliseconds = Int32(clamping: wait.components.seconds * 1000 + wait.components.attoseconds / 1_000_000_000_000_000)
        var descriptorSet = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        if unsafe Platform.poll(&descriptorSet, 1, milliseconds) > 0 { readEvents() }
        #elseif os(macOS) && STEGCARVE_FSEVENTS
        // FSEvents delivers on its own queue; look at the inbox every 20 ms up to `timeout`.
        let end = ContinuousClock.now + timeout
        while ContinuousClock.now < end {
            let arrived = events.inbox.paths.withLock { paths in
                defer { paths.removeAll() }
                return paths
            }
            for path in arrived { pending[path] = .now + settle }
            if !arrived.isEmpty || pending.values.contains(where: { $0 <= .now }) { break }
            usleep(20_000)
        }
        #endif
        let now = ContinuousClock.now
        let ready = pending.filter { $0.value <= now }.keys.sorted { $0.rawBytes.lexicographicallyPrecedes($1.rawBytes) }
        for path in ready { pending[path] = nil }
        return ready
    }

    #if os(Linux)
    /// Watches `directory` and its subdirectories; with `queueingFiles`, the regular files
    /// already inside (created before the watch existed) are queued too.
    @discardableResult
    private func addWatch(_ directory: FilePath, queueingFiles: Bool) -> Bool {
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MODIFY | IN_DELETE_SELF | IN_ONLYDIR | IN_DONT_FOLLOW | IN_EXCL_UNLINK)
        let watch = unsafe directory.withPlatformString { unsafe inotify_add_watch(descriptor, $0, mask) }
        guard watch >= 0 else { return false }
        directories[watch] = directory
        guard let stream = unsafe directory.withPlatformString({ unsafe opendir($0) }) else { return true }
        defer { unsafe closedir(stream) }
        var children: [FilePath] = []
        while let entry = unsafe readdir(stream) {
            let name: [UInt8] = unsafe withUnsafeBytes(of: entry.pointee.d_name) { raw in
                var bytes: [UInt8] = []
                for unsafe byte in unsafe raw {
                    if byte == 0 { break }
                    bytes.append(byte)
                }
                return bytes
            }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            children.append(directory.appending(FilePath(rawBytes: name).components))
        }
        for child in children {
            var status = stat()
            guard unsafe child.withPlatformString({ unsafe lstat($0, &status) }) == 0 else { continue }
            switch status.st_mode & S_IFMT {
            case S_IFDIR: addWatch(child, queueingFiles: queueingFiles)
            case S_IFREG: if queueingFiles { pending[child] = .now + settle }
            default: break
            }
        }
        return true
    }

    /// Drains the inotify queue into `pending` and new watches.
    private func readEvents() {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = unsafe buffer.withUnsafeMutableBytes { unsafe read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return }
            var offset = 0
            // struct inotify_event { int wd; uint32_t mask, cookie, len; char name[len]; }
            while count - offset >= 16 {
                let watch = Int32(bitPattern: load(buffer, offset))
                let mask = load(buffer, offset + 4)
                let nameLength = Int(load(buffer, offset + 12))
                guard count - offset - 16 >= nameLength else { break }
                var name = Array(buffer[(offset + 16)..<(offset + 16 + nameLength)])
                if let end = name.firstIndex(of: 0) { name.removeSubrange(end...) }
                offset += 16 + nameLength
                handle(watch: watch, mask: mask, name: name)
            }
        }
    }

    private func handle(watch: Int32, mask: UInt32, name: [UInt8]) {
        if mask & UInt32(IN_Q_OVERFLOW) != 0 {
            // Events were lost: list every watched directory again.
            for directory in directories.values { addWatch(directory, queueingFiles: true) }
            return
        }
        if mask & UInt32(IN_IGNORED | IN_DELETE_SELF) != 0 {
            directories[watch] = nil
            return
        }
        guard let directory = directories[watch], !name.isEmpty else { return }
        let path = directory.appending(FilePath(rawBytes: name).components)
        if mask & UInt32(IN_ISDIR) != 0 {
            if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { addWatch(path, queueingFiles: true) }
            return
        }
        if mask & UInt32(IN_CLOSE_WRITE | IN_MOVED_TO) != 0 {
            pending[path] = .now + settle
        } else if mask & UInt32(IN_MODIFY) != 0, pending[path] != nil {
            // Closed once (e.g. created empty) and written again: wait for the writes to settle.
            pending[path] = .now + settle
        }
    }

    /// A native-endian field of `struct inotify_event` (the caller checked the bounds).
    private func load(_ buffer: [UInt8], _ offset: Int) -> UInt32 {
        unsafe buffer.withUnsafeBytes { unsafe $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self) }
    }
    #endif
}
