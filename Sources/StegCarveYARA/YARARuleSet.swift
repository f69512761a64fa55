import CYARAShim
import Dispatch
import StegCarveLabeling
import StegCarveModel

/// Why rules could not be compiled.
package struct YARACompileFailure: Error, Sendable, Equatable {
    /// libyara's messages, `file:line: message`, one per line.
    package var message: String
}

/// Compiled YARA rules, shared by every thread of a scan.
///
/// libyara compiles once into an immutable `YR_RULES`; `yr_rules_scan_mem` may then run on
/// the same rules from up to 32 threads at once (`YR_MAX_THREADS`), so scans pass a
/// semaphore that keeps them below that. This is one of the few files with `unsafe` code:
/// the calls into the C shim and the callbacks it makes.
@safe
package final class YARARuleSet: ContentRules, @unchecked Sendable {
    // @unchecked: `rules` is written once in init and only read (by libyara, which allows
    // concurrent scans) until deinit.
    private let rules: UnsafeMutableRawPointer
    /// Seconds one match may take before libyara gives up (then a `yara-error` label says so).
    package let timeoutSeconds: Int32
    /// At most this many string matches are named in a label's reason.
    package static let maximumStringsPerRule: Int32 = 4
    /// libyara's per-rules-object thread limit is 32; stay below it.
    private static let concurrentScans = DispatchSemaphore(value: 24)

    /// Compiles `sources` (each a rule file's text and the name it is reported under).
    /// - Throws: ``YARACompileFailure`` with libyara's error messages.
    package init(sources: [(name: String, text: String)], timeoutSeconds: Int32 = 10) throws(YARACompileFailure) {
        let texts = sources.filter { !$0.text.isEmpty }
        guard !texts.isEmpty else { throw YARACompileFailure(message: "no rules given") }
        var message = [CChar](repeating: 0, count: 4096)
        var compiled: UnsafeMutableRawPointer?
        let errors = unsafe Self.withCStrings(texts.map(\.text)) { textPointers in
            unsafe Self.withCStrings(texts.map(\.name)) { namePointers in
                unsafe message.withUnsafeMutableBufferPointer { buffer in
                    unsafe stegcarve_yara_compile(textPointers, namePointers, texts.count, &compiled, buffer.baseAddress, buffer.count)
                }
            }
        }
        guard errors == 0, let compiled = unsafe compiled else {
            let end = message.firstIndex(of: 0) ?? message.endIndex
            let text = String(decoding: message[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw YARACompileFailure(message: text.isEmpty ? "libyara reported \(errors) errors" : text)
        }
        unsafe self.rules = compiled
        self.timeoutSeconds = timeoutSeconds
    }

    deinit {
        unsafe stegcarve_yara_destroy(rules)
    }

    /// One match as libyara reports it.
    package struct Match: Sendable, Equatable {
        package var rule: String
        package var namespace: String
        package var tags: [String] = []
        package var meta: [String: MetadataValue] = [:]
        /// The first match of up to ``YARARuleSet/maximumStringsPerRule`` strings: identifier and offset.
        package var strings: [(identifier: String, offset: UInt64)] = []

        package static func == (lhs: Match, rhs: Match) -> Bool {
            lhs.rule == rhs.rule && lhs.namespace == rhs.namespace && lhs.tags == rhs.tags && lhs.meta == rhs.meta
                && lhs.strings.map(\.identifier) == rhs.strings.map(\.identifier) && lhs.strings.map(\.offset) == rhs.strings.map(\.offset)
        }
    }

    /// Every rule that matches `bytes`, in rule order; empty when the scan failed or timed out.
    package func matches(in bytes: Span<UInt8>) -> [Match] {
        scan(bytes).matches
    }

    /// The matches and libyara's status (0 success, 26 timeout, other values errors).
    package func scan(_ bytes: Span<UInt8>) -> (matches: [Match], status: Int32) {
        let collector = MatchCollector()
        Self.concurrentScans.wait()
        defer { Self.concurrentScans.signal() }
        let context = unsafe Unmanaged.passUnretained(collector).toOpaque()
        var visitor = unsafe stegcarve_yara_visitor(
            context: context,
            rule: { context, identifier, namespace in
                guard let context = unsafe context else { return }
                let collector = unsafe Unmanaged<MatchCollector>.fromOpaque(context).takeUnretainedValue()
                collector.matches.append(Match(rule: unsafe YARARuleSet.string(identifier), namespace: unsafe YARARuleSet.string(namespace)))
            },
            tag: { context, tag in
                guard let context = unsafe context else { return }
                let collector = unsafe Unmanaged<MatchCollector>.fromOpaque(context).takeUnretainedValue()
                collector.update { $0.tags.append(unsafe YARARuleSet.string(tag)) }
            },
            meta: { context, identifier, type, integer, string in
                guard let context = unsafe context else { return }
                let collector = unsafe Unmanaged<MatchCollector>.fromOpaque(context).takeUnretainedValue()
                let value: MetadataValue = switch type {
                case 1: .integer(integer)
                case 3: .bool(integer != 0)
                default: .string(unsafe YARARuleSet.string(string))
                }
                let key = unsafe YARARuleSet.string(identifier)
                collector.update { $0.meta[key] = value }
            },
            string: { context, identifier, offset, _ in
                guard let context = unsafe context else { return }
                let collector = unsafe Unmanaged<MatchCollector>.fromOpaque(context).takeUnretainedValue()
                let name = unsafe YARARuleSet.string(identifier)
                collector.update { $0.strings.append((name, offset)) }
            }
        )
        let status = unsafe bytes.withUnsafeBufferPointer { buffer in
            unsafe withUnsafePointer(to: &visitor) { visitorPointer in
                // libyara reads nothing from an empty buffer, but wants a pointer.
                let empty: [UInt8] = [0]
                return unsafe empty.withUnsafeBufferPointer { fallback in
                    unsafe stegcarve_yara_scan(
                        rules, buffer.baseAddress ?? fallback.baseAddress, buffer.count, timeoutSeconds,
                        Self.maximumStringsPerRule, visitorPointer
                    )
                }
            }
        }
        withExtendedLifetime(collector) {}
        return (status == 0 ? collector.matches : [], status)
    }

    /// One `yara:<rule>` label per match, with the rule's tags and meta and a reason naming
    /// the rule, its description and where its strings matched.
    /// A scan that fails (libyara's timeout, 26, or another error) gives one `yara-error` label
    /// saying so instead, so a missing match is never silent.
    package func labels(matching bytes: Span<UInt8>) -> [Label] {
        let result = scan(bytes)
        switch result.status {
        case 0: return result.matches.map(Self.label)
        case 26: return [Label(name: "yara-error", reason: "YARA matching stopped after the \(timeoutSeconds) s timeout")]
        default: return [Label(name: "yara-error", reason: "libyara error \(result.status) while matching")]
        }
    }

    /// The label for one match.
    package static func label(_ match: Match) -> Label {
        var reason = "YARA rule \(match.rule)"
        if match.namespace != "default" { reason += " (\(match.namespace))" }
        reason += " matched"
        if case .string(let description)? = match.meta["description"] { reason += ": \(description)" }
        if !match.strings.isEmpty {
            reason += "; " + match.strings.map { "\($0.identifier) at \($0.offset)" }.joined(separator: ", ")
        }
        if !match.tags.isEmpty { reason += " [\(match.tags.joined(separator: ", "))]" }
        return Label(name: "yara:\(match.rule)", reason: reason, tags: match.tags, meta: match.meta)
    }

    fileprivate static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer = unsafe pointer else { return "" }
        return unsafe String(cString: pointer)
    }

    /// Calls `body` with NUL-terminated copies of `strings` laid out in one buffer; do not
    /// escape the pointers.
    private static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
        var storage: [CChar] = []
        var offsets: [Int] = []
        for string in strings {
            offsets.append(storage.count)
            storage += string.utf8CString
        }
        return unsafe storage.withUnsafeBufferPointer { buffer in
            let pointers: [UnsafePointer<CChar>?] = unsafe offsets.map { offset in
                unsafe buffer.baseAddress.map { base in unsafe base + offset }
            }
            return unsafe pointers.withUnsafeBufferPointer { list in unsafe body(list.baseAddress) }
        }
    }
}

/// Collects one scan's matches from libyara's callbacks (one scan, one thread).
private final class MatchCollector {
    var matches: [YARARuleSet.Match] = []

    func update(_ change: (inout YARARuleSet.Match) -> Void) {
        guard !matches.isEmpty else { return }
        change(&matches[matches.count - 1])
    }
}
