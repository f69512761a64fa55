import StegCarveModel

/// Which regions of a container a handler searches.
///
/// Pictures legitimately embed some payload formats: an EXIF thumbnail is a JPEG inside
/// APP1, MPO frames are JPEGs the MPF index declares, PNG's IDAT, zTXt, iCCP and iTXt hold
/// zlib streams. Handlers for those formats search only bytes the container does not
/// declare, so a clean picture never reports its own parts, while the same formats after
/// the end of the image (or inside an unpacked archive member) are still found.
package enum PayloadScope: Sendable, Equatable {
    /// Every region: formats no picture legitimately contains (executables, archives,
    /// gzip/bzip2/xz/zstd streams).
    case everywhere
    /// Only bytes no structure declares: the overlay, gaps, unparsed input and unpacked
    /// streams (region kinds `overlay`, `gap`, `raw`).
    case undeclaredOnly

    /// Whether a handler with this scope searches a region of `kind`.
    package func includes(_ kind: Region.Kind) -> Bool {
        switch self {
        case .everywhere: true
        case .undeclaredOnly: kind == .overlay || kind == .gap || kind == .raw
        }
    }
}

extension PayloadHandler {
    /// Handlers search every region unless they say otherwise.
    package var scope: PayloadScope { .everywhere }
}
