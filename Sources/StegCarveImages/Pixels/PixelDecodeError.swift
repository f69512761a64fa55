/// Why a ``PixelDecoder`` could not describe or decode an image.
///
/// A struct wrapping an internal enum, so new failure cases can be added without breaking
/// callers that switch over ``kind``.
package struct PixelDecodeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The failure cases, with their payloads.
    enum Reason: Sendable, Equatable {
        case decodeFailed(message: String)
        case limitExceeded(pixels: UInt64, limit: UInt64)
        case bufferTooSmall
        case invalidArgument
        case unsupported(message: String)
    }

    /// The category of a ``PixelDecodeError``, for switching.
    package enum Kind: Sendable, Equatable, CaseIterable {
        /// The library rejected the data (corrupt, truncated or unsupported).
        case decodeFailed
        /// The declared `width * height` exceeds ``PixelLimits/maxPixels``.
        case limitExceeded
        /// The library's output did not fit the buffer sized from the header.
        case bufferTooSmall
        /// No input bytes (or an argument the C shim refused).
        case invalidArgument
        /// A well-formed picture this decoder does not decode (a TIFF codec or sample layout
        /// outside the supported set, an animated WebP): not evidence of damage.
        case unsupported
    }

    let reason: Reason

    init(_ reason: Reason) {
        self.reason = reason
    }

    /// The library rejected the data; `message` is the library's own text.
    package static func decodeFailed(message: String) -> PixelDecodeError {
        PixelDecodeError(.decodeFailed(message: message))
    }

    /// The image declares `pixels` pixels, more than the caller's `limit`.
    package static func limitExceeded(pixels: UInt64, limit: UInt64) -> PixelDecodeError {
        PixelDecodeError(.limitExceeded(pixels: pixels, limit: limit))
    }

    /// The decoded rows would not fit the buffer sized from the header.
    package static let bufferTooSmall = PixelDecodeError(.bufferTooSmall)

    /// There were no input bytes, or the shim refused an argument.
    package static let invalidArgument = PixelDecodeError(.invalidArgument)

    /// The picture is well-formed as far as read but not decodable here; `message` says what.
    package static func unsupported(message: String) -> PixelDecodeError {
        PixelDecodeError(.unsupported(message: message))
    }

    /// The category of this error.
    package var kind: Kind {
        switch reason {
        case .decodeFailed: .decodeFailed
        case .limitExceeded: .limitExceeded
        case .bufferTooSmall: .bufferTooSmall
        case .invalidArgument: .invalidArgument
        case .unsupported: .unsupported
        }
    }

    /// A human-readable explanation; for ``Kind/decodeFailed`` the library's message.
    package var message: String {
        switch reason {
        case .decodeFailed(let message):
            message
        case .limitExceeded(let pixels, let limit):
            "image has \(pixels) pixels, limit is \(limit)"
        case .bufferTooSmall:
            "decoded rows do not fit the buffer sized from the header"
        case .invalidArgument:
            "no input data"
        case .unsupported(let message):
            message
        }
    }

    /// The kind and the message, e.g. `decodeFailed: Not a PNG file`.
    package var description: String {
        "\(kind): \(message)"
    }
}
