import StegCarveLabeling
#if YARA
import StegCarveYARA
#endif

/// YARA rules matched against every scanned file and every carved artifact, compiled once
/// through libyara and shared by every scan (and thread) that uses the configuration.
///
/// Available in builds with the package trait `YARA` (`swift build --traits YARA`, needs
/// libyara); in other builds every initializer throws ``YARARulesError`` with reason
/// `unavailable`, and ``bundled`` is `nil`.
///
/// A match becomes the label `yara:<rule>` with the rule's `tags` and `meta`. A rule's meta
/// `verdict` (`malicious`, `suspicious` or `info`) and `score` (0–100) decide how the match
/// weighs in the file's verdict; a rule without `verdict` counts as `suspicious`.
///
/// ```swift
/// var configuration = ScanConfiguration()
/// configuration.rules = try YARARules(paths: ["rules/"], includingBundled: true)
/// let report = try Scanner(configuration: configuration).scan(fileAt: "upload.jpg")
/// ```
public struct YARARules: Sendable, Hashable, Codable {
    /// One rule file: the name it is reported under and its text.
    public struct Source: Sendable, Hashable, Codable {
        public var name: String
        public var text: String

        public init(name: String, text: String) {
            self.name = name
            self.text = text
        }
    }

    /// The rule texts, in the order they were compiled (compiled rules compare and encode by these).
    public let sources: [Source]
    /// The compiled rules.
    let contentRules: [any ContentRules]

    /// Whether this build can match YARA rules (the `YARA` trait).
    public static var isAvailable: Bool {
        #if YARA
        return true
        #else
        return false
        #endif
    }

    /// The rules bundled with StegCarve (miners, scripts in pictures, base64 PE headers, the
    /// IDAT-loader marker, executables inside pictures); `nil` in builds without the trait.
    public static let bundled: YARARules? = try? YARARules(sources: bundledSources)

    /// The bundled rule file (empty in builds without the trait).
    public static var bundledSources: [Source] {
        #if YARA
        return [Source(name: BundledYARARules.name, text: BundledYARARules.text)]
        #else
        return []
        #endif
    }

    /// Compiles rule texts.
    /// - Throws: ``YARARulesError``: `unavailable` without the trait, `compile` with
    ///   libyara's messages (`name:line: message`).
    public init(sources: [Source]) throws(YARARulesError) {
        #if YARA
        do {
            let set = try YARARuleSet(sources: sources.map { ($0.name, $0.text) })
            self.sources = sources
            self.contentRules = [set]
        } catch {
            throw YARARulesError(.compile(message: error.message))
        }
        #else
        throw YARARulesError(.unavailable)
        #endif
    }

    /// Reads and compiles rule files: each path is a file, or a directory whose `*.yar` and
    /// `*.yara` files (recursively, in name order) are read.
    /// - Parameter includingBundled: compile the bundled rules along with them.
    /// - Throws: ``YARARulesError``: `unavailable`, `unreadable` (path and why),
    ///   `noRuleFiles` (an empty directory), `compile`.
    public init(paths: [String], includingBundled: Bool = true) throws(YARARulesError) {
        #if YARA
        let files: [(name: String, text: String)]
        do {
            files = try YARARuleFiles.load(paths)
        } catch {
            switch error {
            case .unreadable(let path, let reason): throw YARARulesError(.unreadable(path: path, reason: reason))
            case .noRuleFiles(let directory): throw YARARulesError(.noRuleFiles(directory: directory))
            }
        }
        let own = files.map { Source(name: $0.name, text: $0.text) }
        try self.init(sources: (includingBundled ? Self.bundledSources : []) + own)
        #else
        throw YARARulesError(.unavailable)
        #endif
    }

    public static func == (lhs: YARARules, rhs: YARARules) -> Bool { lhs.sources == rhs.sources }

    public func hash(into hasher: inout Hasher) { hasher.combine(sources) }

    private enum CodingKeys: String, CodingKey { case sources }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(sources: container.decode([Source].self, forKey: .sources))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sources, forKey: .sources)
    }
}

/// YARA rules could not be used.
public struct YARARulesError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Hashable {
        /// This build has no YARA support (built without the `YARA` trait).
        case unavailable
        /// A rule path does not exist or cannot be read.
        case unreadable(path: String, reason: String)
        /// A directory holds no `*.yar` or `*.yara` file.
        case noRuleFiles(directory: String)
        /// libyara rejected the rules; `message` holds its `file:line: message` lines.
        case compile(message: String)
    }

    /// What went wrong.
    public var reason: Reason

    init(_ reason: Reason) {
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .unavailable:
            return "this build of StegCarve has no YARA support; rebuild with `swift build --traits YARA` (needs libyara)"
        case .unreadable(let path, let why):
            return "cannot read YARA rules \(path): \(why)"
        case .noRuleFiles(let directory):
            return "no *.yar or *.yara files in \(directory)"
        case .compile(let message):
            return "YARA rules do not compile:\n\(message)"
        }
    }
}
