import CStegCarveShim

// The only file that calls into CStegCarveShim (and so into libjpeg, libpng, libtiff and libwebp). Every
// pointer handed to C comes from a `with…` closure and lives only for that call: the shim
// copies nothing it is given and keeps no pointer after it returns.

/// What one shim call reported, converted out of C types.
struct ShimReport: Sendable {
    /// The call's `sc_status`.
    enum Status: Sendable, Equatable {
        case ok
        case decodeError
        case limitExceeded
        case bufferTooSmall
        case invalidArgument
        case unsupported
        /// A status this wrapper does not know, kept as the raw value.
        case unrecognized(UInt32)
    }

    var status: Status
    /// The header, if the library parsed it (`header_valid`).
    var description: ImageDescription?
    /// `width * height` as declared (0 before the header was read); saturating.
    var declaredPixels: UInt64
    /// The library's error message or first warning; `nil` when empty.
    var message: String?
    var warningCount: Int
    var rowsDecoded: Int

    /// The Swift error for this report, or `nil` on success.
    func failure(limit: UInt64) -> PixelDecodeError? {
        switch status {
        case .ok:
            nil
        case .decodeError:
            .decodeFailed(message: message ?? "the library gave no reason")
        case .limitExceeded:
            .limitExceeded(pixels: declaredPixels, limit: limit)
        case .bufferTooSmall:
            .bufferTooSmall
        case .invalidArgument:
            .invalidArgument
        case .unsupported:
            .unsupported(message: message ?? "not decoded by this build")
        case .unrecognized(let raw):
            .decodeFailed(message: "the shim returned unknown status \(raw)")
        }
    }
}

/// Namespace for the calls into CStegCarveShim.
enum Shim {
    /// Reads the header (`sc_jpeg_read_info` / `sc_png_read_info`).
    static func readInfo(_ bytes: Span<UInt8>, as container: PixelContainer) -> ShimReport {
        var info = sc_image_info()
        let status = unsafe bytes.withUnsafeBufferPointer { input in
            switch container {
            case .jpeg: unsafe sc_jpeg_read_info(input.baseAddress, input.count, &info)
            case .png: unsafe sc_png_read_info(input.baseAddress, input.count, &info)
            case .tiff: unsafe sc_tiff_read_info(input.baseAddress, input.count, &info)
            case .webp: unsafe sc_webp_read_info(input.baseAddress, input.count, &info)
            }
        }
        return ShimReport(status: status, info: info)
    }

    /// Decodes every row into a scratch row (`sc_*_decode` with a null output buffer).
    static func verify(
        _ bytes: Span<UInt8>, as container: PixelContainer, maxPixels: UInt64
    ) -> ShimReport {
        var info = sc_image_info()
        let status = unsafe bytes.withUnsafeBufferPointer { input in
            unsafe decodeFunction(container)(
                input.baseAddress, input.count, maxPixels, nil, 0, &info)
        }
        return ShimReport(status: status, info: info)
    }

    /// Decodes every row into `pixels`, which must already hold `height * rowBytes` bytes.
    static func decode(
        _ bytes: Span<UInt8>, as container: PixelContainer, maxPixels: UInt64,
        into pixels: inout [UInt8]
    ) -> ShimReport {
        var info = sc_image_info()
        let status = unsafe bytes.withUnsafeBufferPointer { input in
            unsafe pixels.withUnsafeMutableBufferPointer { output in
                // A null output buffer means "verify only" to the shim; never send one here.
                guard let base = output.baseAddress else { return SC_STATUS_BUFFER_TOO_SMALL }
                return unsafe decodeFunction(container)(
                    input.baseAddress, input.count, maxPixels, base, output.count, &info)
            }
        }
        return ShimReport(status: status, info: info)
    }

    /// Reads a JPEG's quantised DCT coefficients (`sc_jpeg_read_coefficients`): the header
    /// first, then a buffer of exactly `total_blocks * 64` values.
    static func readCoefficients(
        _ bytes: Span<UInt8>, maxPixels: UInt64
    ) -> (report: ShimReport, coefficients: JPEGCoefficients?) {
        var info = sc_image_info()
        var layout = sc_coefficient_layout()
        let headerStatus = unsafe bytes.withUnsafeBufferPointer { input in
            unsafe sc_jpeg_read_coefficients(input.baseAddress, input.count, maxPixels, nil, 0, &layout, &info)
        }
        guard headerStatus == SC_STATUS_OK else { return (ShimReport(status: headerStatus, info: info), nil) }
        let (count, overflow) = Int(clamping: layout.total_blocks).multipliedReportingOverflow(by: 64)
        guard !overflow, count > 0, layout.total_blocks < UInt64(Int.max / 64) else {
            return (ShimReport(status: SC_STATUS_BUFFER_TOO_SMALL, info: info), nil)
        }
        var values = [Int16](repeating: 0, count: count)
        let status = unsafe bytes.withUnsafeBufferPointer { input in
            unsafe values.withUnsafeMutableBufferPointer { output in
                guard let base = output.baseAddress else { return SC_STATUS_BUFFER_TOO_SMALL }
                return unsafe sc_jpeg_read_coefficients(input.baseAddress, input.count, maxPixels, base, output.count, &layout, &info)
            }
        }
        let report = ShimReport(status: status, info: info)
        guard status == SC_STATUS_OK else { return (report, nil) }
        let componentCount = Int(min(layout.components, 4))
        let widths = Self.array(layout.width_in_blocks)
        let heights = Self.array(layout.height_in_blocks)
        let hSamp = Self.array(layout.h_samp)
        let vSamp = Self.array(layout.v_samp)
        let quant = Self.array(layout.quant_dc)
        var components: [JPEGCoefficients.Component] = []
        var offset = 0
        for index in 0..<componentCount {
            let component = JPEGCoefficients.Component(
                widthInBlocks: Int(widths[index]), heightInBlocks: Int(heights[index]),
                horizontalSampling: Int(hSamp[index]), verticalSampling: Int(vSamp[index]),
                offset: offset, dcQuantizer: Int(quant[index]))
            offset += component.widthInBlocks * component.heightInBlocks * 64
            components.append(component)
        }
        guard offset == values.count else { return (ShimReport(status: SC_STATUS_BUFFER_TOO_SMALL, info: info), nil) }
        let coefficients = JPEGCoefficients(
            width: Int(info.width), height: Int(info.height), components: components,
            maxHorizontalSampling: Int(layout.max_h_samp), maxVerticalSampling: Int(layout.max_v_samp),
            isProgressive: info.progressive_or_interlaced != 0, values: values)
        return (report, coefficients)
    }

    /// The four entries of a C `uint32_t[4]` (imported as a tuple).
    private static func array(_ tuple: (UInt32, UInt32, UInt32, UInt32)) -> [UInt32] {
        [tuple.0, tuple.1, tuple.2, tuple.3]
    }

    private typealias DecodeFunction = (
        UnsafePointer<UInt8>?, Int, UInt64, UnsafeMutablePointer<UInt8>?, Int,
        UnsafeMutablePointer<sc_image_info>?
    ) -> sc_status

    private static func decodeFunction(_ container: PixelContainer) -> DecodeFunction {
        switch container {
        case .jpeg: unsafe sc_jpeg_decode
        case .png: unsafe sc_png_decode
        case .tiff: unsafe sc_tiff_decode
        case .webp: unsafe sc_webp_decode
        }
    }
}

extension ShimReport {
    /// Converts the C outcome; out-of-range fields leave `description` nil.
    fileprivate init(status: sc_status, info: sc_image_info) {
        self.status = Self.status(status)
        self.description = Self.description(info)
        let (pixels, overflow) = UInt64(info.width).multipliedReportingOverflow(
            by: UInt64(info.height))
        self.declaredPixels = overflow ? .max : pixels
        let message = Self.message(info)
        self.message = message.isEmpty ? nil : message
        self.warningCount = Int(clamping: info.warning_count)
        self.rowsDecoded = Int(clamping: info.rows_decoded)
    }

    private static func status(_ status: sc_status) -> Status {
        switch status {
        case SC_STATUS_OK: .ok
        case SC_STATUS_DECODE_ERROR: .decodeError
        case SC_STATUS_LIMIT_EXCEEDED: .limitExceeded
        case SC_STATUS_BUFFER_TOO_SMALL: .bufferTooSmall
        case SC_STATUS_INVALID_ARGUMENT: .invalidArgument
        case SC_STATUS_UNSUPPORTED: .unsupported
        default: .unrecognized(UInt32(truncatingIfNeeded: status.rawValue))
        }
    }

    /// Reads the NUL-terminated `message` array (imported as a tuple of CChar).
    private static func message(_ info: sc_image_info) -> String {
        unsafe withUnsafeBytes(of: info.message) { raw in
            let text = unsafe raw.prefix { $0 != 0 }
            return unsafe String(decoding: text, as: UTF8.self)
        }
    }

    private static func description(_ info: sc_image_info) -> ImageDescription? {
        guard info.header_valid != 0,
            let width = Int(exactly: info.width),
            let height = Int(exactly: info.height),
            let rowBytes = Int(exactly: info.output_row_bytes)
        else { return nil }
        return ImageDescription(
            width: width,
            height: height,
            colorModel: colorModel(info.color_model),
            sourceBitsPerSample: Int(clamping: info.source_bits_per_sample),
            sourceChannels: Int(clamping: info.source_channels),
            outputChannels: Int(clamping: info.output_channels),
            outputBitsPerSample: Int(clamping: info.output_bits_per_sample),
            rowBytes: rowBytes,
            isProgressiveOrInterlaced: info.progressive_or_interlaced != 0,
            usesArithmeticCoding: info.arithmetic_coding != 0,
            isLossy: info.lossy != 0
        )
    }

    private static func colorModel(_ raw: Int32) -> ImageDescription.ColorModel {
        switch sc_color_model(rawValue: UInt32(clamping: raw)) {
        case SC_COLOR_GRAY: .gray
        case SC_COLOR_GRAY_ALPHA: .grayAlpha
        case SC_COLOR_RGB: .rgb
        case SC_COLOR_RGBA: .rgba
        case SC_COLOR_PALETTE: .palette
        case SC_COLOR_YCBCR: .ycbcr
        case SC_COLOR_CMYK: .cmyk
        case SC_COLOR_YCCK: .ycck
        default: .unknown
        }
    }
}
