import StegCarveBytes

extension Gzip {
    /// One gzip member located by inflating its deflate data: header, deflate stream, and
    /// the 8-byte trailer (CRC-32 and ISIZE of the uncompressed data).
    package struct Member: Sendable, Equatable {
        /// The parsed header.
        package var header: Header
        /// How the deflate stream ended (with the output counted and discarded).
        package var deflate: DecodeRun
        /// CRC-32 of the decompressed data, as inflated.
        package var computedCRC: UInt32
        /// The member's length, trailer included, when the deflate stream ended.
        package var declaredLength: Int?
        /// Byte-aligned deflate block starts the decode passed, from the member's start
        /// (recorded when a work meter is given).
        package var blockStarts: [Int]

        /// Locates the member at the start of `bytes`.
        package init(locating bytes: Span<UInt8>, budget: DecodeBudget = .locating, meter: WorkMeter? = nil) throws(ParseError) {
            let header = try Header(parsing: bytes)
            self.header = header
            let inflated = Zlib.inflate(
                bytes.extracting(header.length..<bytes.count), framing: .rawDeflate, budget: budget, meter: meter,
                recordsBlockStarts: meter != nil
            )
            blockStarts = inflated.blockStarts.map { header.length + $0 }
            deflate = inflated.run
            computedCRC = inflated.crc32
            declaredLength = deflate.ending == .streamEnd ? header.length + deflate.consumed + 8 : nil
        }

        /// Whether the trailer is present and matches the inflated data (CRC-32 and ISIZE,
        /// the size modulo 2^32).
        package func trailerMatches(in bytes: Span<UInt8>) -> Bool {
            guard let end = declaredLength, let crc = bytes.uint32(at: end - 8, .little),
                  let size = bytes.uint32(at: end - 4, .little) else { return false }
            return crc == computedCRC && size == UInt32(truncatingIfNeeded: deflate.produced)
        }
    }
}
