import Foundation
import SystemPackage

/// Lossless reporting of paths that are not valid UTF-8 (allowed by Linux file systems).
enum PathEncoding {
    /// The path's bytes in base64 when they are not valid UTF-8, else `nil`.
    static func base64IfNotUTF8(_ path: FilePath) -> String? {
        let bytes: [UInt8] = unsafe path.withPlatformString { pointer in
            var result: [UInt8] = []
            var index = 0
            while unsafe pointer[index] != 0 {
                result.append(UInt8(bitPattern: unsafe pointer[index]))
                index += 1
            }
            return result
        }
        guard String(validating: bytes, as: UTF8.self) == nil else { return nil }
        return Data(bytes).base64EncodedString()
    }
}
