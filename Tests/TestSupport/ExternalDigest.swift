import Foundation

/// Digests computed by coreutils (`sha256sum`, `md5sum`), independent of the code under test.
public enum ExternalDigest {
    /// Lowercase hex digest of `bytes` by the named coreutils tool.
    public static func hex(of bytes: [UInt8], tool: String) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/" + tool)
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        do { try process.run() } catch { return "" }
        // Write on another thread: a large input would fill the pipe before output is read.
        let writer = Thread {
            input.fileHandleForWriting.write(Data(bytes))
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(String(decoding: data, as: UTF8.self).prefix { $0 != " " })
    }
}

/// SHA-256 by `sha256sum`.
public enum SHA256Hex {
    public static func of(_ bytes: [UInt8]) -> String { ExternalDigest.hex(of: bytes, tool: "sha256sum") }
}
