/// The JSON Lines records of `scan --format jsonl` (README "JSON Lines schema"), written by
/// hand: the same keys, values and order as `JSONEncoder` with `.sortedKeys` gives the
/// `Codable` types, at a fraction of the cost. Every type's members are listed below in
/// sorted order; an optional that is `nil` is left out, as the synthesized `Encodable` does.
/// A new report field must be added here too (the JSON Lines tests compare this writer with
/// `JSONEncoder` on every corpus file).
extension ScanReport {
    /// The report as one JSON Lines record, newline included; `nil` when a number in it is
    /// not finite (JSON has no NaN), where `JSONEncoder` throws.
    package var jsonLine: String? {
        var writer = JSONTextWriter(capacity: 2048 + 160 * regions.count)
        writer.write(self)
        guard writer.isValid else { return nil }
        return writer.text + "\n"
    }
}

extension ScanError {
    /// The record for a file that could not be scanned, newline included:
    /// `{"error":…,"path":…,"pathBase64":…,"schemaVersion":1}`.
    package var jsonLine: String {
        record { writer in
            writer.key("error")
            writer.string(reason)
        } after: { _ in }
    }

    /// The record for an input that was not scanned (README "Use"), ``reason`` being the
    /// detail and `code` the stable reason, newline included:
    /// `{"path":…,"pathBase64":…,"schemaVersion":1,"skipped":{"detail":…,"reason":…}}`.
    package func skippedJSONLine(code: String) -> String {
        record { _ in } after: { writer in
            writer.key("skipped")
            writer.object { writer in
                writer.key("detail")
                writer.string(reason)
                writer.key("reason")
                writer.string(code)
            }
        }
    }

    /// An object with the path members, the schema version and, in sorted key order, the
    /// members `before` and `after` write.
    private func record(_ before: (inout JSONTextWriter) -> Void, after: (inout JSONTextWriter) -> Void) -> String {
        var writer = JSONTextWriter(capacity: 256)
        writer.object { writer in
            before(&writer)
            writer.key("path")
            writer.string(path)
            if let pathBase64 {
                writer.key("pathBase64")
                writer.string(pathBase64)
            }
            writer.key("schemaVersion")
            writer.integer(ScanReport.currentSchemaVersion)
            after(&writer)
        }
        return writer.text + "\n"
    }
}

extension JSONTextWriter {
    package mutating func write(_ report: ScanReport) {
        object { writer in
            writer.key("anomalies")
            writer.array(report.anomalies) { $0.write($1) }
            if let decode = report.decode {
                writer.key("decode")
                writer.write(decode)
            }
            writer.key("errors")
            writer.array(report.errors)
            writer.key("findings")
            writer.array(report.findings) { $0.write($1) }
            writer.key("format")
            writer.string(report.format)
            if let header = report.header {
                writer.key("header")
                writer.write(header)
            }
            if let imageEnd = report.imageEnd {
                writer.key("imageEnd")
                writer.integer(imageEnd)
            }
            writer.key("labels")
            writer.array(report.labels) { $0.write($1) }
            writer.key("limits")
            writer.array(report.limits) { $0.write($1) }
            writer.optional("md5", report.md5)
            if let overlay = report.overlay {
                writer.key("overlay")
                writer.write(overlay)
            }
            writer.optional("path", report.path)
            writer.optional("pathBase64", report.pathBase64)
            writer.key("pictures")
            writer.integer(report.pictures)
            writer.key("reasons")
            writer.array(report.reasons)
            writer.key("regions")
            writer.array(report.regions) { $0.write($1) }
            writer.key("schemaVersion")
            writer.integer(report.schemaVersion)
            writer.key("score")
            writer.integer(report.score)
            writer.optional("sha1", report.sha1)
            writer.key("sha256")
            writer.string(report.sha256)
            writer.key("size")
            writer.integer(report.size)
            writer.optional("source", report.source?.rawValue)
            writer.optional("ssdeep", report.ssdeep)
            writer.key("stages")
            writer.array(report.stages.map(\.rawValue))
            if let stego = report.stego {
                writer.key("stego")
                writer.write(stego)
            }
            writer.optional("tlsh", report.tlsh)
            writer.key("verdict")
            writer.string(report.verdict.rawValue)
        }
    }

    package mutating func write(_ finding: Finding) {
        object { writer in
            writer.key("children")
            writer.array(finding.children) { $0.write($1) }
            writer.key("confidence")
            writer.string(finding.confidence.rawValue)
            if let declaredLength = finding.declaredLength {
                writer.key("declaredLength")
                writer.integer(declaredLength)
            }
            writer.key("entropy")
            writer.number(finding.entropy)
            writer.optional("extractedPath", finding.extractedPath)
            if let fileRanges = finding.fileRanges {
                writer.key("fileRanges")
                writer.array(fileRanges) { writer, range in
                    writer.object { writer in
                        writer.key("length")
                        writer.integer(range.length)
                        writer.key("offset")
                        writer.integer(range.offset)
                    }
                }
            }
            writer.key("indicators")
            writer.array(finding.indicators) { writer, indicator in
                writer.object { writer in
                    writer.key("kind")
                    writer.string(indicator.kind.rawValue)
                    writer.key("offset")
                    writer.integer(indicator.offset)
                    writer.key("value")
                    writer.string(indicator.value)
                }
            }
            writer.key("labels")
            writer.array(finding.labels) { $0.write($1) }
            writer.key("length")
            writer.integer(finding.length)
            writer.key("limits")
            writer.array(finding.limits) { $0.write($1) }
            writer.key("md5")
            writer.string(finding.md5)
            writer.key("metadata")
            writer.object(finding.metadata) { $0.write($1) }
            writer.key("offset")
            writer.integer(finding.offset)
            writer.key("problems")
            writer.array(finding.problems)
            writer.key("region")
            writer.string(finding.region)
            writer.key("sha1")
            writer.string(finding.sha1)
            writer.key("sha256")
            writer.string(finding.sha256)
            writer.optional("ssdeep", finding.ssdeep)
            writer.optional("tlsh", finding.tlsh)
            writer.key("truncated")
            writer.bool(finding.truncated)
            writer.key("type")
            writer.string(finding.type)
            writer.optional("via", finding.via)
        }
    }

    package mutating func write(_ value: MetadataValue) {
        switch value {
        case .string(let string): self.string(string)
        case .integer(let integer): self.integer(integer)
        case .number(let number): self.number(number)
        case .bool(let bool): self.bool(bool)
        case .array(let elements): array(elements) { $0.write($1) }
        case .object(let members): object(members) { $0.write($1) }
        case .null: null()
        }
    }

    package mutating func write(_ label: Label) {
        object { writer in
            if let meta = label.meta {
                writer.key("meta")
                writer.object(meta) { $0.write($1) }
            }
            writer.key("name")
            writer.string(label.name)
            writer.key("reason")
            writer.string(label.reason)
            if let tags = label.tags {
                writer.key("tags")
                writer.array(tags)
            }
        }
    }

    package mutating func write(_ region: Region) {
        object { writer in
            writer.key("kind")
            writer.string(region.kind.rawValue)
            writer.key("length")
            writer.integer(region.length)
            writer.key("name")
            writer.string(region.name)
            writer.key("offset")
            writer.integer(region.offset)
            writer.key("scanned")
            writer.bool(region.scanned)
        }
    }

    package mutating func write(_ anomaly: Anomaly) {
        object { writer in
            writer.key("code")
            writer.string(anomaly.code)
            writer.key("message")
            writer.string(anomaly.message)
            writer.key("offset")
            writer.integer(anomaly.offset)
        }
    }

    package mutating func write(_ limit: LimitHit) {
        object { writer in
            writer.key("limit")
            writer.string(limit.limit)
            writer.key("message")
            writer.string(limit.message)
            writer.key("value")
            writer.integer(limit.value)
        }
    }

    package mutating func write(_ overlay: Overlay) {
        object { writer in
            writer.key("entropy")
            writer.number(overlay.entropy)
            writer.key("explained")
            writer.bool(overlay.explained)
            writer.key("firstBytes")
            writer.string(overlay.firstBytes)
            writer.key("length")
            writer.integer(overlay.length)
            writer.key("offset")
            writer.integer(overlay.offset)
        }
    }

    package mutating func write(_ header: ImageHeader) {
        object { writer in
            writer.key("arithmeticCoding")
            writer.bool(header.arithmeticCoding)
            writer.key("bitsPerSample")
            writer.integer(header.bitsPerSample)
            writer.key("channels")
            writer.integer(header.channels)
            writer.key("coding")
            writer.string(header.coding)
            writer.optional("colorType", header.colorType)
            writer.key("height")
            writer.integer(header.height)
            writer.key("interlaced")
            writer.bool(header.interlaced)
            if let restartInterval = header.restartInterval {
                writer.key("restartInterval")
                writer.integer(restartInterval)
            }
            writer.key("width")
            writer.integer(header.width)
        }
    }

    package mutating func write(_ decode: DecodeStatus) {
        object { writer in
            if let bitsPerSample = decode.bitsPerSample {
                writer.key("bitsPerSample")
                writer.integer(bitsPerSample)
            }
            writer.optional("colorModel", decode.colorModel)
            writer.key("decodes")
            writer.bool(decode.decodes)
            if let height = decode.height {
                writer.key("height")
                writer.integer(height)
            }
            writer.optional("message", decode.message)
            if let progressive = decode.progressive {
                writer.key("progressive")
                writer.bool(progressive)
            }
            writer.key("warnings")
            writer.integer(decode.warnings)
            if let width = decode.width {
                writer.key("width")
                writer.integer(width)
            }
        }
    }

    package mutating func write(_ stego: StegoSection) {
        object { writer in
            writer.key("channels")
            writer.array(stego.channels) { writer, channel in
                writer.object { writer in
                    writer.key("channel")
                    writer.string(channel.channel)
                    writer.key("estimates")
                    writer.array(channel.estimates) { writer, estimate in
                        writer.object { writer in
                            writer.key("detail")
                            writer.string(estimate.detail)
                            writer.key("detector")
                            writer.string(estimate.detector)
                            if let rate = estimate.rate {
                                writer.key("rate")
                                writer.number(rate)
                            }
                        }
                    }
                }
            }
            writer.key("domain")
            writer.string(stego.domain)
            writer.key("fingerprints")
            writer.array(stego.fingerprints)
            writer.key("image")
            writer.string(stego.image)
            writer.key("layoutsTried")
            writer.integer(stego.layoutsTried)
            writer.key("meaning")
            writer.string(stego.meaning)
            writer.key("mode")
            writer.string(stego.mode)
            if let rate = stego.rate {
                writer.key("rate")
                writer.number(rate)
            }
            writer.key("signal")
            writer.string(stego.signal)
        }
    }

    /// A string member, left out when `nil`.
    private mutating func optional(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }
}
