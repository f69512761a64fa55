import Foundation

/// Reads YARA rule files named on the command line or in the API: a file is read as given;
/// a directory contributes every `*.yar` and `*.yara` file under it, recursively, in name order.
package enum YARARuleFiles {
    /// Why a rule path could not be used.
    package enum Failure: Error, Sendable, Equatable {
        /// The path does not exist or cannot be read.
        case unreadable(path: String, reason: String)
        /// A directory holds no `*.yar` / `*.yara` file.
        case noRuleFiles(directory: String)
    }

    /// Rule files larger than this are refused (real rule files are kilobytes to a few megabytes).
    package static let maximumFileSize = 64 << 20
    /// Most rule files read from one directory.
    package static let maximumFilesPerDirectory = 10_000

    /// The texts of the rule files at `paths`, each named by its path.
    /// - Throws: ``Failure`` naming the first path that cannot be used.
    package static func load(_ paths: [String]) throws(Failure) -> [(name: String, text: String)] {
        var sources: [(name: String, text: String)] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard unsafe FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .unreadable(path: path, reason: "no such file or directory")
            }
            if isDirectory.boolValue {
                let files = ruleFiles(in: path)
                guard !files.isEmpty else { throw .noRuleFiles(directory: path) }
                for file in files { sources.append((file, try read(file))) }
            } else {
                sources.append((path, try read(path)))
            }
        }
        return sources
    }

    private static func read(_ path: String) throws(Failure) -> String {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = attributes?[.size] as? Int, size > maximumFileSize {
            throw .unreadable(path: path, reason: "larger than \(maximumFileSize >> 20) MiB")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: path, reason: "not UTF-8 text")
        }
        return text
    }

    private static func ruleFiles(in directory: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
        var files: [String] = []
        while let relative = walker.nextObject() as? String, files.count < maximumFilesPerDirectory {
            guard relative.hasSuffix(".yar") || relative.hasSuffix(".yara") else { continue }
            let full = (directory as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            if unsafe FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(full)
            }
        }
        return files.sorted()
    }
}

/// The rule set that ships inside StegCarve (`Sources/StegCarveYARA/Rules/stegcarve.yar`,
/// embedded in the binary at build time).
package enum BundledYARARules {
    /// The name the bundled rules are reported under.
    package static let name = "stegcarve.yar"
    /// The rule text.
    package static var text: String { String(decoding: PackageResources.stegcarve_yar, as: UTF8.self) }
}
