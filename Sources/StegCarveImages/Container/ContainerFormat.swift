import StegCarveBytes

/// Image container formats StegCarve parses, detected from content, never from a file name.
package enum ContainerFormat: String, Sendable, Codable, CaseIterable {
    case jpeg
    case png
    /// No decoder recognised the content; the whole input is scanned as raw bytes.
    case unknown
}
