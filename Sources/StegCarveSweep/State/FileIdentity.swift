/// What `stat` says about a file, enough to tell that it has not changed since it was
/// scanned: the same device and inode, size and modification time (nanoseconds).
package struct FileIdentity: Sendable, Hashable {
    package var device: UInt64
    package var inode: UInt64
    package var size: Int64
    package var modificationNanoseconds: Int64

    package init(device: UInt64, inode: UInt64, size: Int64, modificationNanoseconds: Int64) {
        self.device = device
        self.inode = inode
        self.size = size
        self.modificationNanoseconds = modificationNanoseconds
    }
}
