/// The verdict of ``PixelDecoder/verify(_:as:)``: does the library decode every row?
///
/// Warnings (corrupt data the library recovered from, such as extraneous bytes before a
/// JPEG marker or a bad CRC on an ancillary PNG chunk) do not make `decodes` false; they
/// are counted in ``warningCount``. Running out of data is always a failure. One JPEG case
/// sits in between: a scan that meets a marker before all its blocks are coded (data cut
/// from the middle, an enlarged SOF) is libjpeg's warning "premature end of data segment",
/// and the missing blocks come out grey; it is reported as a warning, as djpeg does.
package struct DecodeCheck: Sendable, Equatable {
    /// Why decoding failed, or `nil` if every row decoded.
    package var failure: PixelDecodeError?
    /// The header, when the library got far enough to read it.
    package var description: ImageDescription?
    /// The library's error message, or its first warning if there was no error.
    package var message: String?
    /// How many warnings the library emitted.
    package var warningCount: Int
    /// Complete output rows before the library stopped (all rows when ``decodes``).
    package var rowsDecoded: Int

    /// Creates a verdict from its fields.
    package init(
        failure: PixelDecodeError?, description: ImageDescription?, message: String?,
        warningCount: Int, rowsDecoded: Int
    ) {
        self.failure = failure
        self.description = description
        self.message = message
        self.warningCount = warningCount
        self.rowsDecoded = rowsDecoded
    }

    /// `true` only if the library decoded every row with no error.
    package var decodes: Bool {
        failure == nil
    }
}
