import StegCarveBytes
import StegCarveModel

/// Decodes long base64 text runs: standard and URL-safe alphabets, with or without padding,
/// wrapped over lines, written backwards, or with one alphabet symbol swapped for another
/// character (recognised from the run's character statistics: one foreign character present,
/// one base64 symbol absent).
///
/// Marker pairs such as `<<BASE64_START>>` … `<<BASE64_END>>` need no special casing: the
/// markers' brackets end the run; a marker seen right before a run is recorded.
/// Specification: RFC 4648 sections 4 and 5.
package struct Base64TextTransform: StreamTransform {
    /// Runs shorter than this are not tried (a 48-byte ELF header encodes to 64 characters).
    package static let minimumRunLength = 64

    package init() {}

    package var type: String { "base64" }

    package var documentation: String {
        "base64 (RFC 4648 standard and URL alphabets, wrapped, reversed, one swapped symbol)"
    }

    /// - Complexity: O(n) for the runs, plus one streaming decode per variant tried: the
    ///   run is read in place (forwards, backwards, or with a symbol substituted), never
    ///   copied, and a variant is decoded only when its output fits the remaining budget, so
    ///   memory follows the decoded-bytes budget, not the input.
    package func candidates(in bytes: Span<UInt8>, range: Range<Int>, depth: Int, budget: inout Int) -> [TransformCandidate] {
        var result: [TransformCandidate] = []
        var remaining = budget
        func add(_ run: Range<Int>, _ variants: [Variant], symbols: Int) {
            for variant in variants where remaining > 0 {
                guard symbols / 4 * 3 <= remaining else {
                    remaining = 0
                    return
                }
                guard let decoded = Self.decode(bytes, run, variant, capacity: symbols / 4 * 3 + 3), !decoded.isEmpty else { continue }
                remaining -= decoded.count
                var metadata: [String: MetadataValue] = ["encodedLength": .integer(Int64(symbols))]
                if let marker = Self.marker(before: run.lowerBound, in: bytes) { metadata["marker"] = .string(marker) }
                result.append(TransformCandidate(range: run, via: variant.name, decoded: decoded, metadata: metadata))
            }
        }
        // Plain runs of the alphabet (line breaks allowed), forwards and backwards.
        TextRuns.forEach(in: bytes, range: range, minimumLength: Self.minimumRunLength, where: Self.isStrictRunByte) { run in
            let symbols = Self.symbolCount(bytes, run)
            guard symbols >= Self.minimumRunLength else { return }
            add(run, [Variant(name: "base64"), Variant(name: "base64-reversed", reversed: true)], symbols: symbols)
        }
        // Runs with one foreign character standing in for an absent alphabet symbol.
        TextRuns.forEach(in: bytes, range: range, minimumLength: Self.minimumRunLength, where: Self.isLooseRunByte) { run in
            let symbols = Self.symbolCount(bytes, run)
            guard symbols >= Self.minimumRunLength, let swapped = Self.swappedVariants(of: bytes, run, symbols: symbols) else { return }
            add(run, swapped, symbols: symbols)
        }
        budget = max(0, remaining)
        return result
    }

    /// How a run is read: forwards or backwards, optionally with one byte read as another.
    struct Variant {
        var name: String
        var reversed = false
        var substitution: (stranger: UInt8, symbol: UInt8)?
    }

    /// The run's bytes other than line breaks.
    private static func symbolCount(_ bytes: Span<UInt8>, _ run: Range<Int>) -> Int {
        var count = 0
        for index in run where bytes[index] != 0x0A && bytes[index] != 0x0D { count += 1 }
        return count
    }

    private static func isStrictRunByte(_ byte: UInt8) -> Bool {
        isAlphabet(byte) || byte == 0x3D || byte == 0x0A || byte == 0x0D
    }

    /// Printable bytes that can stand inside a token (no space, quotes or angle brackets).
    private static func isLooseRunByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x0A, 0x0D: return true
        case 0x22, 0x27, 0x3C, 0x3E: return false
        default: return (0x21...0x7E).contains(byte)
        }
    }

    /// Most absent symbols a swapped-alphabet run may have; each is one decoding attempt.
    private static let maximumAbsentSymbols = 6

    /// With exactly one foreign character and a few absent standard symbols, the run
    /// read with each absent symbol in the foreign character's place, both ways; `nil`
    /// otherwise.
    private static func swappedVariants(of bytes: Span<UInt8>, _ run: Range<Int>, symbols: Int) -> [Variant]? {
        var foreign: [UInt8: Int] = [:]
        var present = [Bool](repeating: false, count: 256)
        for index in run {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D { continue }
            if isAlphabet(byte) || byte == 0x3D { present[Int(byte)] = true } else { foreign[byte, default: 0] += 1 }
        }
        // Zero bytes make `A` the commonest symbol of encoded binaries, so it is tried first;
        // short runs of repetitive data can lack other symbols too, hence a few candidates.
        let standard = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        let absent = standard.filter { !present[Int($0)] }
        // The stand-in must be about as common as a base64 symbol (1/64 on average).
        guard foreign.count == 1, let (stranger, count) = foreign.first, (1...maximumAbsentSymbols).contains(absent.count),
              count * 256 >= symbols else { return nil }
        return absent.flatMap { missing -> [Variant] in
            let name = "base64:\(Character(Unicode.Scalar(stranger)))=\(Character(Unicode.Scalar(missing)))"
            return [
                Variant(name: name, substitution: (stranger, missing)),
                Variant(name: name + "-reversed", reversed: true, substitution: (stranger, missing)),
            ]
        }
    }

    private static func isAlphabet(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2B, 0x2F, 0x2D, 0x5F: return true
        default: return false
        }
    }

    /// Decodes `run` of `bytes` as standard or URL-safe base64, read as `variant` says and
    /// skipping line breaks, straight from the input; `nil` if a character is outside the
    /// alphabet or padding appears before the end.
    static func decode(_ bytes: Span<UInt8>, _ run: Range<Int>, _ variant: Variant, capacity: Int) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(capacity)
        var accumulator: UInt32 = 0
        var bits = 0
        var sawPadding = false
        for step in 0..<run.count {
            var byte = bytes[variant.reversed ? run.upperBound - 1 - step : run.lowerBound + step]
            if byte == 0x0A || byte == 0x0D { continue }
            if let substitution = variant.substitution, byte == substitution.stranger { byte = substitution.symbol }
            let value: UInt32
            switch byte {
            case 0x41...0x5A: value = UInt32(byte - 0x41)
            case 0x61...0x7A: value = UInt32(byte - 0x61 + 26)
            case 0x30...0x39: value = UInt32(byte - 0x30 + 52)
            case 0x2B, 0x2D: value = 62
            case 0x2F, 0x5F: value = 63
            case 0x3D:
                sawPadding = true
                continue
            default: return nil
            }
            if sawPadding { return nil }
            accumulator = accumulator << 6 | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return output
    }

    /// A `<<…>>` marker that ends right before `offset`, e.g. `<<BASE64_START>>`.
    private static func marker(before offset: Int, in bytes: Span<UInt8>) -> String? {
        guard offset >= 2, bytes[offset - 1] == 0x3E, bytes[offset - 2] == 0x3E else { return nil }
        var start = offset - 2
        while start > max(0, offset - 64), bytes[start - 1] != 0x3C { start -= 1 }
        guard start >= 2, bytes[start - 1] == 0x3C, bytes[start - 2] == 0x3C else { return nil }
        return String(decoding: bytes.bytes(in: (start - 2)..<offset), as: UTF8.self)
    }
}
