extension RAR {
    /// Where a walk of RAR blocks ended.
    package struct Walk: Sendable, Equatable {
        /// Format version: 4 (1.5–4.x) or 5.
        package var version: Int
        /// One past the end-of-archive block, or the declared end of the block cut short.
        package var declaredEnd: Int
        /// File headers passed.
        package var fileCount: Int
        /// The end-of-archive block was reached (otherwise the bytes ran out).
        package var complete: Bool
        /// RAR 5 archive encryption: the headers after it are encrypted and not walked.
        package var headersEncrypted: Bool
    }
}
