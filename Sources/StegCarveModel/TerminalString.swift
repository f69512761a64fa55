/// Text for a terminal or a line-based log in which every interpolated value is escaped.
///
/// The literal parts of `"\(path): \(format), \(size) bytes"` are the program's own words and
/// pass as written; every interpolated value (a path, a metadata value, a YARA rule's meta, a
/// number) passes through ``TerminalText/escaping(_:)``, so a renderer built on this type
/// cannot forget to escape a field, including one added later. Only another `TerminalString`
/// (already safe) and ``init(unescaped:)`` (the program's own colour sequences) are inserted
/// as they are.
public struct TerminalString: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// The safe text.
    public private(set) var text: String

    /// A literal: the program's own text.
    public init(stringLiteral value: String) {
        text = value
    }

    public init(stringInterpolation: StringInterpolation) {
        text = stringInterpolation.text
    }

    /// `value` with controls escaped.
    public init(escaping value: String) {
        text = TerminalText.escaping(value)
    }

    /// Text the program wrote itself that must reach the terminal as it is (a colour
    /// sequence); never pass a value that came from a file.
    public init(unescaped text: String) {
        self.text = text
    }

    public var description: String { text }

    /// Joins safe pieces.
    public static func + (left: TerminalString, right: TerminalString) -> TerminalString {
        TerminalString(unescaped: left.text + right.text)
    }

    /// Appends a safe piece.
    public static func += (left: inout TerminalString, right: TerminalString) {
        left.text += right.text
    }

    /// Builds a ``TerminalString``: literals as written, values escaped.
    public struct StringInterpolation: StringInterpolationProtocol {
        var text = ""

        public init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + interpolationCount * 8)
        }

        public mutating func appendLiteral(_ literal: String) {
            text += literal
        }

        /// A safe piece, inserted as it is.
        public mutating func appendInterpolation(_ value: TerminalString) {
            text += value.text
        }

        /// Any other value (a string, a number, an error), as `String(describing:)`, escaped.
        public mutating func appendInterpolation<Value>(_ value: Value) {
            text += TerminalText.escaping(String(describing: value))
        }
    }
}

extension Sequence<TerminalString> {
    /// The pieces joined by `separator`.
    public func joined(separator: TerminalString) -> TerminalString {
        var result = TerminalString(unescaped: "")
        var first = true
        for piece in self {
            if !first { result += separator }
            result += piece
            first = false
        }
        return result
    }
}
