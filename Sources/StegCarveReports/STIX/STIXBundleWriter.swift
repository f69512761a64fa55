import Foundation
import StegCarve
import StegCarveSync

/// Writes one STIX 2.1 bundle for a whole run, a file at a time, so that a sweep over many
/// files streams: ``prologue()`` opens the bundle and its `objects` array with StegCarve's
/// identity in it, ``fragment(for:hashes:)`` gives each file's objects (each preceded by a
/// comma, so fragments may be written in any order), ``epilogue()`` closes the bundle.
///
/// Objects for the same observable (a file listed twice, an artifact carried by several
/// files, a directory holding many) are written once: the writer remembers the identifiers
/// it has given out, which costs memory in proportion to the distinct files and artifacts.
///
/// Per file: a `directory` for its parent path, a `file` with `hashes` (MD5, SHA-1, SHA-256),
/// `size`, `name`, `mime_type`, `contains_refs` and the verdict, score and reasons in
/// `x_stegcarve_*` properties; per carved artifact (at any depth) a `file` with its hashes,
/// size, type, labels and metadata, and a `contains` relationship from its parent carrying
/// the offset, length, region and route (`via`); an `indicator` on the SHA-256 of every file
/// judged suspicious or malicious and of every executable, script or known-bad artifact.
package final class STIXBundleWriter: Sendable {
    /// `created`, `modified` and `valid_from` of every object this run creates.
    package let timestamp: String
    /// The bundle's identifier.
    package let bundleID: String
    private let identity = STIX.Identity()
    private let emitted = Locked<Set<String>>([])

    /// Labels that make an artifact worth an indicator of its own.
    static let indicatorLabels: Set<String> = ["executable", "script", "cryptominer", "known-bad"]

    /// A writer whose objects carry `date` as their timestamps.
    package init(date: Date = STIX.Timestamp.runTime()) {
        timestamp = STIX.Timestamp.string(date)
        bundleID = STIX.Identifier.random("bundle")
    }

    /// Opens the bundle; the identity object is its first member.
    package func prologue() -> String {
        "{\"type\":\"bundle\",\"id\":\"\(bundleID)\",\"objects\":[\n" + Self.encode(identity)
    }

    /// Closes the bundle.
    package func epilogue() -> String { "\n]}\n" }

    /// The objects for one scanned file, each as `,\n<json>`.
    ///
    /// - Parameter hashes: the whole file's digests keyed `MD5`, `SHA-1`, `SHA-256`; the report
    ///   itself holds only the SHA-256 (see ``FileDigests``).
    package func fragment(for report: ScanReport, hashes: [String: String]) -> String {
        objects(for: report, hashes: hashes).map { ",\n" + $0 }.joined()
    }

    /// A file that could not be scanned: a `file` with its name and the error.
    package func fragment(forUnreadable path: String, pathBase64: String?, reason: String) -> String {
        var objects: [any Encodable] = []
        let (directory, name) = Self.split(path)
        var directoryRef: String?
        if let directory {
            let object = STIX.Directory(path: directory)
            directoryRef = object.id
            if firstTime(object.id) { objects.append(object) }
        }
        var file = STIX.File(hashes: nil, name: name, parentDirectoryRef: directoryRef)
        file.error = reason
        file.pathBase64 = pathBase64
        if firstTime(file.id + "|error") { objects.append(file) }
        return objects.map { ",\n" + Self.encode($0) }.joined()
    }

    /// The objects for one scanned file, each encoded as one line of JSON.
    package func objects(for report: ScanReport, hashes: [String: String]) -> [String] {
        var head: [any Encodable] = []
        var tail: [any Encodable] = []
        let (directory, name) = report.path.map(Self.split) ?? (nil, nil)
        var directoryRef: String?
        if let directory {
            let object = STIX.Directory(path: directory)
            directoryRef = object.id
            if firstTime(object.id) { head.append(object) }
        }
        var file = STIX.File(hashes: hashes, name: name, parentDirectoryRef: directoryRef)
        guard firstTime(file.id) else { return [] }
        file.size = report.size
        file.mimeType = STIX.File.mediaType(of: report.format)
        file.format = report.format
        file.verdict = report.verdict.rawValue
        file.score = report.score
        file.reasons = report.reasons.isEmpty ? nil : report.reasons
        file.labels = report.labels.isEmpty ? nil : report.labels
        file.anomalies = report.anomalies.isEmpty ? nil : report.anomalies
        file.limits = report.limits.isEmpty ? nil : report.limits
        file.overlay = report.overlay
        file.pathBase64 = report.pathBase64

        /// Emits each finding's artifact, relationship and indicator; returns the artifacts'
        /// identifiers for the parent's `contains_refs`.
        func visit(_ findings: [Finding], parent: String) -> [String] {
            var contained: [String] = []
            for finding in findings {
                var artifact = STIX.File(
                    hashes: ["MD5": finding.md5, "SHA-1": finding.sha1, "SHA-256": finding.sha256],
                    name: nil, parentDirectoryRef: nil
                )
                let children = visit(finding.children, parent: artifact.id)
                if firstTime(artifact.id) {
                    artifact.size = finding.length
                    artifact.mimeType = STIX.File.mediaType(of: finding.type)
                    artifact.payloadType = finding.type
                    artifact.labels = finding.labels.isEmpty ? nil : finding.labels
                    artifact.confidence = finding.confidence.rawValue
                    artifact.truncated = finding.truncated
                    artifact.declaredLength = finding.declaredLength
                    artifact.entropy = finding.entropy
                    artifact.metadata = finding.metadata.isEmpty ? nil : finding.metadata
                    artifact.indicators = finding.indicators.isEmpty ? nil : finding.indicators
                    artifact.limits = finding.limits.isEmpty ? nil : finding.limits
                    artifact.containsRefs = children.isEmpty ? nil : Array(Set(children)).sorted()
                    head.append(artifact)
                }
                var relationship = STIX.Relationship(
                    relationshipType: "contains", sourceRef: parent, targetRef: artifact.id,
                    createdByRef: identity.id, timestamp: timestamp
                )
                relationship.description = "\(finding.type) at offset \(finding.offset), \(finding.length) bytes, in \(finding.region)"
                    + (finding.via.map { " via \($0)" } ?? "")
                relationship.offset = finding.offset
                relationship.length = finding.length
                relationship.region = finding.region
                relationship.via = finding.via
                relationship.fileRanges = finding.fileRanges
                relationship.extractedPath = finding.extractedPath
                let occurrence = "contains|\(parent)|\(artifact.id)|\(finding.offset)|\(finding.region)|\(finding.via ?? "")"
                if firstTime(occurrence) { tail.append(relationship) }
                let alarming = finding.labels.filter { Self.indicatorLabels.contains($0.name) }
                if !alarming.isEmpty, firstTime("indicator|" + finding.sha256) {
                    tail.append(STIX.Indicator(
                        sha256: finding.sha256,
                        name: "StegCarve: \(finding.type) payload \(finding.sha256.prefix(16))",
                        description: alarming.map { "\($0.name): \($0.reason)" }.joined(separator: "\n"),
                        indicatorType: "malicious-activity", createdByRef: identity.id, timestamp: timestamp
                    ))
                }
                contained.append(artifact.id)
            }
            return contained
        }
        let contained = visit(report.findings, parent: file.id)
        file.containsRefs = contained.isEmpty ? nil : Array(Set(contained)).sorted()

        if report.verdict >= .suspicious, firstTime("indicator|" + report.sha256) {
            var indicator = STIX.Indicator(
                sha256: report.sha256,
                name: "StegCarve: \(report.verdict.rawValue) \(report.format) file \(name ?? report.sha256.prefix(16).description)",
                description: report.reasons.joined(separator: "\n"),
                indicatorType: report.verdict == .malicious ? "malicious-activity" : "anomalous-activity",
                createdByRef: identity.id, timestamp: timestamp
            )
            indicator.verdict = report.verdict.rawValue
            indicator.score = report.score
            tail.append(indicator)
        }
        // The directory first, then the file, its artifacts, relationships and indicators.
        let fileIndex = head.first is STIX.Directory ? 1 : 0
        head.insert(file, at: fileIndex)
        return (head + tail).map(Self.encode)
    }

    /// Whether `key` is new to this run (and remembers it).
    private func firstTime(_ key: String) -> Bool {
        emitted.withLock { $0.insert(key).inserted }
    }

    /// Splits a path into its directory (nil when it has none) and its last component.
    static func split(_ path: String) -> (directory: String?, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (nil, path) }
        let name = String(path[path.index(after: slash)...])
        let directory = slash == path.startIndex ? "/" : String(path[..<slash])
        return (directory, name.isEmpty ? path : name)
    }

    /// One object as one line of JSON, keys sorted.
    static func encode(_ object: any Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        guard let data = try? encoder.encode(object) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
