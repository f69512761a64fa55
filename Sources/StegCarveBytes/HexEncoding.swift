/// Lowercase hexadecimal text of bytes, for digests, keys and markers in reports.
package enum HexEncoding {
    /// Two lowercase hex digits per byte.
    package static func string(_ bytes: some Sequence<UInt8>) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
