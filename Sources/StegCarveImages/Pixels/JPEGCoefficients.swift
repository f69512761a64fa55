/// A JPEG's quantised DCT coefficients as libjpeg's `jpeg_read_coefficients` returns them
/// (no inverse DCT, no rounding): what JPEG steganography (JSteg, F5, OutGuess) changes.
package struct JPEGCoefficients: Sendable {
    /// One component's block grid inside ``values``.
    package struct Component: Sendable, Equatable {
        package var widthInBlocks: Int
        package var heightInBlocks: Int
        package var horizontalSampling: Int
        package var verticalSampling: Int
        /// Index of the component's first value in ``values``; its blocks follow row by row,
        /// 64 values each in natural (row-major) order.
        package var offset: Int
        /// The DC quantiser of the component's table.
        package var dcQuantizer: Int

        package var blockCount: Int { widthInBlocks * heightInBlocks }
    }

    package var width: Int
    package var height: Int
    package var components: [Component]
    package var maxHorizontalSampling: Int
    package var maxVerticalSampling: Int
    package var isProgressive: Bool
    /// Every component's coefficients, `blockCount * 64` each, in component order.
    package var values: [Int16]
}

extension PixelDecoder {
    /// Reads the quantised DCT coefficients of a JPEG.
    /// - Throws: ``PixelDecodeError/Kind/limitExceeded`` over ``PixelLimits/maxPixels``,
    ///   ``PixelDecodeError/Kind/decodeFailed`` when libjpeg rejects the data (also
    ///   truncation, more than 4 components), ``PixelDecodeError/Kind/invalidArgument`` for
    ///   empty input.
    /// - Complexity: O(*n*) in the number of coefficients.
    package func readCoefficients(_ bytes: Span<UInt8>) throws(PixelDecodeError) -> JPEGCoefficients {
        let (report, coefficients) = Shim.readCoefficients(bytes, maxPixels: limits.maxPixels)
        if let failure = report.failure(limit: limits.maxPixels) { throw failure }
        guard let coefficients else { throw .decodeFailed(message: "coefficient geometry out of range") }
        return coefficients
    }
}
