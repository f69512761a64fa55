/// OpenStego's LSB data header, as its `LSBDataHeader` writes it (1 bit per channel, R,G,B,
/// row-major): the stamp `OPENSTEGO`, a version byte, the data length (32-bit little-endian),
/// the channel bits used for the data, the file-name length, the compression and encryption
/// flags, then the file name.
package struct OpenStegoHeader: Sendable, Equatable {
    package var version: Int
    package var dataLength: Int
    package var channelBits: Int
    package var compressed: Bool
    package var encrypted: Bool
    package var fileName: String
    /// Bytes the header occupies in the stream.
    package var headerLength: Int

    /// Parses the header at the start of `stream`; `nil` unless the stamp is there and the
    /// fields are plausible (flags 0/1, 1–8 channel bits, the name inside the stream).
    package init?(_ stream: [UInt8]) {
        let stamp = StreamTriage.openStegoStamp
        let fixed = stamp.count + 1 + 4 + 4
        guard stream.count >= fixed, stream.starts(with: stamp) else { return nil }
        var index = stamp.count
        version = Int(stream[index])
        index += 1
        dataLength = Int(stream[index]) | Int(stream[index + 1]) << 8 | Int(stream[index + 2]) << 16 | Int(stream[index + 3]) << 24
        index += 4
        channelBits = Int(stream[index])
        let nameLength = Int(stream[index + 1])
        let compression = stream[index + 2], encryption = stream[index + 3]
        index += 4
        guard (1...8).contains(channelBits), compression <= 1, encryption <= 1, stream.count - index >= nameLength else { return nil }
        compressed = compression == 1
        encrypted = encryption == 1
        fileName = String(decoding: stream[index..<(index + nameLength)], as: UTF8.self)
        headerLength = index + nameLength
    }

    /// One line for the report.
    package var summary: String {
        "OpenStego header (version \(version)): \(dataLength) bytes of \"\(fileName)\", \(channelBits) bit(s) per channel"
            + (compressed ? ", compressed" : "") + (encrypted ? ", encrypted" : "")
    }
}
