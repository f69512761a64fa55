/// wbStego's framing at the start of the bit stream it writes into a bitmap: one bit in the
/// LSB of every byte of the pixel array, in file order (bottom row first, B,G,R), packed
/// MSB-first — for a 24-bit BMP without row padding that is `planes:b0,bgr,msb-first,xy-bottom-up`.
///
/// Layout, as zsteg's wbStego reader (`lib/zsteg/checker/wbstego.rb`, tested by zsteg against
/// files wbStego 4.3open wrote) parses it; there is no published specification:
///
/// ```
/// offset 0   3 bytes   size, little-endian
/// offset 3   3 bytes   either the hidden file's extension (3 ASCII characters, "plain" form),
///                      or 00 FF L (wbStego 4.x encrypted form: an inner header of L bytes
///                      follows at offset 6, its first byte the cipher: 0 none, 1 Blowfish,
///                      2 Twofish, 3 CAST128, 4 Rijndael),
///                      or a control byte with bit 0x80 (encrypted) / 0x40 (mixed) set
///                      (wbStego 2.x/3.x; not recognised here: two bits are no signature)
/// offset 6   ...       plain form: the hidden file, `size` bytes;
///                      4.x form: the inner header, then the encrypted data
/// ```
///
/// What the references do not settle, and what this reader therefore assumes: that `size`
/// counts the hidden file (plain form) or the encrypted data after the inner header (4.x form),
/// not the framing. wbStego's "even distribution" option spreads the data over the carrier with
/// a size-dependent spacing; that variant is not recognised.
package struct WbStegoHeader: Sendable, Equatable {
    /// Which framing was recognised.
    package enum Form: String, Sendable, Equatable {
        /// Size + 3-character extension + the hidden file in clear.
        case plain
        /// Size + `00 FF L` + inner header naming the cipher + encrypted data (wbStego 4.x).
        case encrypted4x = "encrypted-4x"
    }

    package var form: Form
    /// The size field (bytes of hidden data the header declares).
    package var size: Int
    /// The extension (plain form), e.g. `txt`; `nil` for the 4.x form.
    package var fileExtension: String?
    /// Cipher named by the inner header (4.x form): `none`, `Blowfish`, `Twofish`, `CAST128`, `Rijndael`.
    package var cipher: String?
    /// Where the hidden data starts in the stream (6, or 6 + inner header length).
    package var dataOffset: Int

    /// Ciphers of the 4.x inner header, indexed by its first byte.
    package static let ciphers = ["none", "Blowfish", "Twofish", "CAST128", "Rijndael"]
    /// Longest inner header accepted (the real ones hold a cipher byte and key material).
    package static let maxInnerHeader = 64

    /// Parses the framing at the start of `stream`; `nil` unless it is one of the two forms and
    /// the declared data fits in `capacity` (the bytes the layout can carry in this image).
    package init?(_ stream: [UInt8], capacity: Int) {
        guard stream.count >= 7 else { return nil }
        let size = Int(stream[0]) | Int(stream[1]) << 8 | Int(stream[2]) << 16
        guard size > 0 else { return nil }
        if stream[3] == 0x00, stream[4] == 0xFF {
            let inner = Int(stream[5])
            guard (1...Self.maxInnerHeader).contains(inner), Int(stream[6]) < Self.ciphers.count,
                  6 + inner + size <= capacity else { return nil }
            self.form = .encrypted4x
            self.cipher = Self.ciphers[Int(stream[6])]
            self.fileExtension = nil
            self.dataOffset = 6 + inner
        } else {
            // A file extension: three letters or digits, at least one letter (wbStego stores
            // the extension of the hidden file's name; a control byte has bit 6 or 7 set).
            let ext = stream[3..<6]
            guard ext.allSatisfy(Self.isExtensionCharacter), ext.contains(where: Self.isLetter),
                  6 + size <= capacity else { return nil }
            self.form = .plain
            self.cipher = nil
            self.fileExtension = String(decoding: ext, as: UTF8.self)
            self.dataOffset = 6
        }
        self.size = size
    }

    /// The hidden data's range in the stream.
    package var dataRange: Range<Int> { dataOffset..<(dataOffset + size) }

    /// One line for the report.
    package var summary: String {
        switch form {
        case .plain:
            "wbStego header: \(size) bytes of a .\(fileExtension ?? "") file in clear at stream offset \(dataOffset)"
        case .encrypted4x:
            "wbStego 4.x header: \(size) bytes encrypted with \(cipher ?? "?") at stream offset \(dataOffset)"
        }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    private static func isExtensionCharacter(_ byte: UInt8) -> Bool {
        isLetter(byte) || (0x30...0x39).contains(byte)
    }
}
