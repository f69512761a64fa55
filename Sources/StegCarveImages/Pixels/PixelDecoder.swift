/// Decodes, or just verifies, the pixels of a JPEG or PNG through libjpeg and libpng.
///
/// StegCarve uses it to tell whether an image decodes cleanly (a carved payload appended
/// after EOI/IEND leaves it decodable; a payload spliced into the entropy-coded data or the
/// IDAT stream usually does not) and to hand pixels to the statistical detectors.
///
/// Every method takes the bytes as a `Span`, copies nothing, and never traps on input:
/// corrupt, truncated or hostile data becomes a ``PixelDecodeError`` or a failed
/// ``DecodeCheck``. Truncation is always a failure, also for JPEG, where libjpeg alone
/// would warn and pad the missing rows with grey.
///
/// Specifications: JPEG ITU-T T.81 <https://www.w3.org/Graphics/JPEG/itu-t81.pdf>;
/// PNG <https://www.w3.org/TR/png-3/>.
package struct PixelDecoder: Sendable {
    /// Bounds enforced before any pixel memory is allocated.
    package var limits: PixelLimits

    /// Creates a decoder with the given limits.
    package init(limits: PixelLimits = PixelLimits()) {
        self.limits = limits
    }

    /// Reads the header: dimensions, colour model, precision and the decoded row layout.
    ///
    /// Allocates nothing in proportion to the declared size, so it also describes images
    /// beyond ``limits``.
    /// - Throws: ``PixelDecodeError/Kind/invalidArgument`` for empty input,
    ///   ``PixelDecodeError/Kind/decodeFailed`` when the library rejects the header.
    package func describe(
        _ bytes: Span<UInt8>, as container: PixelContainer
    ) throws(PixelDecodeError) -> ImageDescription {
        let report = Shim.readInfo(bytes, as: container)
        if let failure = report.failure(limit: limits.maxPixels) {
            throw failure
        }
        guard let description = report.description else {
            throw .decodeFailed(message: "header fields out of range for this platform")
        }
        return description
    }

    /// Decodes every row into a single scratch row and reports whether all of them decoded.
    ///
    /// Never allocates the whole picture (libjpeg still buffers coefficients for
    /// progressive JPEG, within a budget derived from the declared size).
    /// - Complexity: O(*n*) in the number of pixels.
    package func verify(_ bytes: Span<UInt8>, as container: PixelContainer) -> DecodeCheck {
        let report = Shim.verify(bytes, as: container, maxPixels: limits.maxPixels)
        return DecodeCheck(
            failure: report.failure(limit: limits.maxPixels),
            description: report.description,
            message: report.message,
            warningCount: report.warningCount,
            rowsDecoded: report.rowsDecoded
        )
    }

    /// Decodes every row into a new buffer of `height * rowBytes` bytes.
    ///
    /// The header is read first, and the pixel limit checked, before the buffer is
    /// allocated.
    /// - Throws: ``PixelDecodeError/Kind/invalidArgument`` for empty input,
    ///   ``PixelDecodeError/Kind/limitExceeded`` when `width * height` exceeds
    ///   ``PixelLimits/maxPixels``, ``PixelDecodeError/Kind/decodeFailed`` when the library
    ///   rejects the data (including truncation), ``PixelDecodeError/Kind/bufferTooSmall``
    ///   if the library's output layout disagrees with the header's.
    /// - Complexity: O(*n*) in the number of pixels.
    package func decode(
        _ bytes: Span<UInt8>, as container: PixelContainer
    ) throws(PixelDecodeError) -> DecodedImage {
        let header = try describe(bytes, as: container)
        let pixelCount = header.pixelCount
        guard pixelCount <= limits.maxPixels else {
            throw .limitExceeded(pixels: pixelCount, limit: limits.maxPixels)
        }
        let (byteCount, overflow) = header.rowBytes.multipliedReportingOverflow(
            by: header.height)
        guard !overflow, byteCount > 0 else {
            throw .decodeFailed(message: "decoded size of \(header.width)x\(header.height) "
                + "pixels does not fit in memory")
        }
        var pixels = [UInt8](repeating: 0, count: byteCount)
        let report = Shim.decode(
            bytes, as: container, maxPixels: limits.maxPixels, into: &pixels)
        if let failure = report.failure(limit: limits.maxPixels) {
            throw failure
        }
        return DecodedImage(
            description: report.description ?? header,
            pixels: pixels,
            warningCount: report.warningCount,
            firstWarning: report.message
        )
    }
}
