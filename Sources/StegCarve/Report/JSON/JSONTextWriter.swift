/// Writes JSON text (RFC 8259) straight into a byte buffer, without building a value tree.
///
/// Made for the hot path of a sweep: one report per file as one JSON Lines record, where
/// Foundation's `JSONEncoder` cost as much as the scan of a small picture. Its output is the
/// same text `JSONEncoder` writes with `[.sortedKeys, .withoutEscapingSlashes]` — callers write
/// keys in sorted order (``key(_:)`` with constants, ``object(_:)`` sorts dictionaries) — so
/// records already stored (`--state`) and freshly written ones are byte for byte alike:
/// - strings: `"` and `\` escaped, control characters as `\b \t \n \f \r` or `\u00xx`
///   (lowercase hex); everything else, `/`, DEL, U+2028 and U+2029 included, as UTF-8;
/// - integers in decimal; doubles as Swift's shortest round-tripping `description`, with a
///   trailing `.0` dropped (`1`, `0.5`, `1e-07`, `1e+16`).
///
/// JSON has no NaN or infinity: writing one writes `null` and clears ``isValid`` (the
/// caller drops the text, as `JSONEncoder` throws for them).
package struct JSONTextWriter {
    /// The UTF-8 text written so far.
    package private(set) var bytes: [UInt8] = []
    /// `false` once a non-finite number was written.
    package private(set) var isValid = true
    /// Whether the next key or array element needs a separating comma.
    private var needsComma = false

    package init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    /// The text as a string.
    package var text: String { String(decoding: bytes, as: UTF8.self) }

    // MARK: Containers

    /// Writes `{`, the members `body` writes with ``key(_:)`` and a value each, then `}`.
    package mutating func object(_ body: (inout JSONTextWriter) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
        body(&self)
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Writes an array with one element per item, each written by `element`.
    package mutating func array<Items: Sequence>(_ items: Items, _ element: (inout JSONTextWriter, Items.Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        needsComma = false
        for item in items {
            if needsComma { bytes.append(UInt8(ascii: ",")) }
            element(&self, item)
            needsComma = true
        }
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes an array of strings.
    package mutating func array(_ strings: [String]) {
        array(strings) { $0.string($1) }
    }

    /// Writes a dictionary as an object with its keys in `JSONEncoder`'s sorted order: by
    /// their UTF-8 bytes (`"A" < "_" < "a"`, `"a10" < "a9"`; not normalised, not numeric).
    package mutating func object<Value>(_ members: [String: Value], _ value: (inout JSONTextWriter, Value) -> Void) {
        object { writer in
            for name in members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                guard let member = members[name] else { continue }
                writer.key(name)
                value(&writer, member)
            }
        }
    }

    /// Writes a member name (with the comma before it when needed) and the colon; the value
    /// follows. Names are escaped like any string.
    package mutating func key(_ name: String) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        string(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    // MARK: Scalars

    /// Writes a string, escaped as RFC 8259 requires.
    package mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        let utf8 = value.utf8
        // Most strings (names, hex digests, paths) need no escape: one bulk copy.
        if utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C }) {
            bytes.append(contentsOf: utf8)
        } else {
            for byte in utf8 { appendEscaping(byte) }
        }
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    private mutating func appendEscaping(_ byte: UInt8) {
        switch byte {
        case 0x22: bytes.append(contentsOf: [0x5C, 0x22])  // \"
        case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])  // \\
        case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
        case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
        case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x00..<0x20:
            bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
            bytes.append(Self.hexDigits[Int(byte >> 4)])
            bytes.append(Self.hexDigits[Int(byte & 0x0F)])
        default: bytes.append(byte)
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Writes an integer in decimal.
    package mutating func integer(_ value: Int) {
        integer(Int64(value))
    }

    /// Writes an integer in decimal.
    package mutating func integer(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = value.magnitude
        // The largest power of ten not above the magnitude (`divisor * 10` cannot overflow:
        // divisor ≤ magnitude / 10), then one digit per power, most significant first.
        var divisor: UInt64 = 1
        while magnitude / divisor >= 10 { divisor *= 10 }
        var rest = magnitude
        while divisor > 0 {
            bytes.append(UInt8(truncatingIfNeeded: rest / divisor) + UInt8(ascii: "0"))
            rest %= divisor
            divisor /= 10
        }
        needsComma = true
    }

    /// Writes a double as `JSONEncoder` does; NaN and infinities write `null` and clear
    /// ``isValid``.
    package mutating func number(_ value: Double) {
        guard value.isFinite else {
            isValid = false
            null()
            return
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
        needsComma = true
    }

    package mutating func bool(_ value: Bool) {
        bytes.append(contentsOf: value ? Self.trueText : Self.falseText)
        needsComma = true
    }

    package mutating func null() {
        bytes.append(contentsOf: Self.nullText)
        needsComma = true
    }

    private static let trueText: [UInt8] = Array("true".utf8)
    private static let falseText: [UInt8] = Array("false".utf8)
    private static let nullText: [UInt8] = Array("null".utf8)
}
