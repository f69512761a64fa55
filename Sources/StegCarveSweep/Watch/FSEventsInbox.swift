// macOS watcher through FSEvents: compiled only with `-Xswiftc -DSTEGCARVE_FSEVENTS` on macOS
// until it has been built and tested on a Mac (this file was written on Linux). Without the
// flag `DirectoryWatcher` throws `Errno.notSupported` on macOS.
#if os(macOS) && STEGCARVE_FSEVENTS
import CoreServices
import Dispatch
import Foundation
import StegCarveSync
import SystemPackage

/// Paths FSEvents reported, handed from its dispatch queue to ``DirectoryWatcher/poll(timeout:)``.
final class FSEventsInbox: Sendable {
    let paths = Locked<[FilePath]>([])
}

/// One FSEvents stream over the roots, with file-level events (created, modified, renamed).
/// FSEvents has no "closed after writing" event: the watcher's settle time stands in for it.
@safe
final class FSEventsStream {
    private let stream: FSEventStreamRef
    private let queue = DispatchQueue(label: "stegcarve.fsevents")
    let inbox = FSEventsInbox()

    init?(roots: [FilePath]) {
        var context = unsafe FSEventStreamContext(
            version: 0, info: Unmanaged.passUnretained(inbox).toOpaque(), retain: nil, release: nil, copyDescription: nil
        )
        let callback: FSEventStreamCallback = { _, info, count, paths, flags, _ in
            guard let info = unsafe info else { return }
            let inbox = unsafe Unmanaged<FSEventsInbox>.fromOpaque(info).takeUnretainedValue()
            let names = unsafe paths.assumingMemoryBound(to: UnsafePointer<CChar>.self)
            var found: [FilePath] = []
            for index in 0..<count {
                let flag = unsafe flags[index]
                let changed = FSEventStreamEventFlags(kFSEventStreamEventFlagItemCreated | kFSEventStreamEventFlagItemModified | kFSEventStreamEventFlagItemRenamed)
                guard flag & FSEventStreamEventFlags(kFSEventStreamEventFlagItemIsFile) != 0, flag & changed != 0 else { continue }
                found.append(unsafe FilePath(platformString: names[index]))
            }
            inbox.paths.withLock { $0 += found }
        }
        let directories = roots.map(\.string) as CFArray
        let flags = FSEventStreamCreateFlags(kFSEventStreamCreateFlagFileEvents | kFSEventStreamCreateFlagNoDefer)
        guard let created = unsafe FSEventStreamCreate(nil, callback, &context, directories, FSEventStreamEventId(kFSEventStreamEventIdSinceNow), 0.05, flags) else {
            return nil
        }
        unsafe stream = created
        unsafe FSEventStreamSetDispatchQueue(stream, queue)
        guard unsafe FSEventStreamStart(stream) else {
            unsafe FSEventStreamInvalidate(stream)
            unsafe FSEventStreamRelease(stream)
            return nil
        }
    }

    deinit {
        unsafe FSEventStreamStop(stream)
        unsafe FSEventStreamInvalidate(stream)
        unsafe FSEventStreamRelease(stream)
    }
}
#endif
