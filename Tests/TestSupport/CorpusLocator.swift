import Foundation

/// Finds the repository's `Corpus/` folder from this source file's location, so tests do not
/// depend on the working directory.
public enum CorpusLocator {
    /// The `Corpus/` directory of the repository.
    public static var corpusDirectory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // TestSupport
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // repository
            .appendingPathComponent("Corpus", isDirectory: true)
    }

    /// The bytes of `Corpus/<relativePath>`.
    public static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: corpusDirectory.appendingPathComponent(relativePath)))
    }
}
