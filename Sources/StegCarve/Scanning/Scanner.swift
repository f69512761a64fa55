import StegCarveBytes
import StegCarveCarving
import StegCarveImages
import StegCarveLabeling
import SystemPackage

/// Scans image files for hidden payloads: parses the container, carves every region and
/// the overlay, and labels what it carved.
///
/// A scanner is an immutable value; share one across threads and call it concurrently.
///
/// ```swift
/// let scanner = Scanner()
/// let report = try scanner.scan(fileAt: "suspicious.jpg")
/// for finding in report.findings {
///     print(finding.type, finding.offset, finding.length, finding.sha256)
/// }
/// ```
public struct Scanner: Sendable {
    /// Checks and limits.
    public var configuration: ScanConfiguration
    private let carver: Carver
    private let transforms: [any StreamTransform]

    public init(configuration: ScanConfiguration = ScanConfiguration()) {
        self.configuration = configuration
        self.carver = Carver()
        self.transforms = TransformRegistry.transforms
    }

    /// Scans the file at `path`, which is memory-mapped, never executed and never modified.
    ///
    /// - Parameters:
    ///   - extractor: when given, every carved artifact is written through it and its path
    ///     recorded in ``Finding/extractedPath``.
    ///   - cancellation: when given, ``ScanCancellation/cancel()`` stops the scan early
    ///     (its report lists the `cancelled` limit).
    /// - Throws: ``ScanError`` when the file cannot be opened, is not a regular file, or
    ///   exceeds ``ScanLimits/maxFileSize``.
    public func scan(
        fileAt path: String, extractingTo extractor: ArtifactExtractor? = nil, cancellation: ScanCancellation? = nil
    ) throws(ScanError) -> ScanReport {
        try scan(fileAt: FilePath(path), extractingTo: extractor, cancellation: cancellation)
    }

    /// Scans the file at `path`, whose bytes need not be valid UTF-8 (see
    /// ``ScanReport/pathBase64``).
    /// - Throws: ``ScanError`` as ``scan(fileAt:extractingTo:cancellation:)-(String,_,_)``.
    public func scan(
        fileAt path: FilePath, extractingTo extractor: ArtifactExtractor? = nil, cancellation: ScanCancellation? = nil
    ) throws(ScanError) -> ScanReport {
        let source: ByteSource
        do {
            source = try ByteSource(contentsOfFile: path, maximumSize: configuration.limits.maxFileSize)
        } catch {
            throw ScanError(path: path, reason: error.description, code: error.code)
        }
        var report = scan(source, path: path.string, extractor: extractor, cancellation: cancellation)
        if source.hasShrunk {
            report.errors.append("the file shrank (or a page of it could not be read) while it was scanned; the missing bytes read as zeros")
        }
        report.pathBase64 = PathEncoding.base64IfNotUTF8(path)
        return report
    }

    /// Scans everything read from `descriptor` until its end: standard input, a pipe, a FIFO
    /// or a socket (`curl -s URL | stegcarve scan -`).
    ///
    /// The bytes are read into memory first (a stream cannot be mapped or read twice), at
    /// most `maximumSize` of them; a longer stream is refused, never cut short, so a report
    /// always describes the whole input. The report's ``ScanReport/source`` says `stdin` for
    /// standard input and `stream` otherwise.
    ///
    /// - Parameters:
    ///   - descriptor: read to its end, not closed.
    ///   - path: reported as ``ScanReport/path`` (`-`, by convention, for standard input).
    ///   - maximumSize: bytes kept at most; ``ScanLimits/maxFileSize`` when `nil` or larger.
    ///   - cancellation: when given, ``ScanCancellation/cancel()`` stops the scan early.
    /// - Throws: ``ScanError`` with ``ScanError/isOverSizeLimit`` when the stream is longer
    ///   than the limit, or with the failing `read`'s `errno`.
    /// - Complexity: O(n) reads and memory for n bytes read, plus the scan.
    public func scan(
        stream descriptor: FileDescriptor, path: String = "-", maximumSize: Int? = nil, extractingTo extractor: ArtifactExtractor? = nil,
        cancellation: ScanCancellation? = nil
    ) throws(ScanError) -> ScanReport {
        try scanStream(descriptor, path: path, maximumSize: maximumSize, extractingTo: extractor, cancellation: cancellation).report
    }

    /// ``scan(stream:path:maximumSize:extractingTo:cancellation:)`` that also hands back the bytes read,
    /// for outputs that draw them (the HTML report's thumbnail, byte map and entropy plot).
    package func scanStream(
        _ descriptor: FileDescriptor, path: String, maximumSize: Int?, extractingTo extractor: ArtifactExtractor?,
        cancellation: ScanCancellation? = nil
    ) throws(ScanError) -> (report: ScanReport, bytes: ByteSource) {
        let limit = min(maximumSize ?? configuration.limits.maxFileSize, configuration.limits.maxFileSize)
        let source: ByteSource
        do {
            source = try ByteSource(reading: descriptor, path: path, maximumSize: max(0, limit))
        } catch {
            throw ScanError(path: path, reason: error.description, code: error.code)
        }
        var report = scan(source, path: path, extractor: extractor, cancellation: cancellation)
        report.source = descriptor == .standardInput ? .standardInput : .stream
        return (report, source)
    }

    /// Scans bytes already in memory, e.g. an upload or a mail attachment.
    public func scan(
        bytes: some Collection<UInt8>, path: String? = nil, extractingTo extractor: ArtifactExtractor? = nil,
        cancellation: ScanCancellation? = nil
    ) -> ScanReport {
        scan(ByteSource(bytes: bytes), path: path, extractor: extractor, cancellation: cancellation)
    }

    private func scan(_ source: ByteSource, path: String?, extractor: ArtifactExtractor?, cancellation: ScanCancellation?) -> ScanReport {
        // Built per scan from the configuration, which callers may change after init.
        let labeler = ArtifactLabeler(rules: configuration.rules?.contentRules ?? [])
        return source.withSpan { bytes in
            var pipeline = ScanPipeline(bytes: bytes, configuration: configuration, carver: carver, transforms: transforms, labeler: labeler)
            return pipeline.run(path: path, extractor: extractor, cancellation: cancellation)
        }
    }
}
