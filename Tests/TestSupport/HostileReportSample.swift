/// A picture whose strings try to inject markup into a report page: a COM segment holding a
/// `<script>` element (carved as a script payload), an appended gzip member whose FNAME is an
/// `<img onerror>` element (shown as metadata), and a file name that is an `<svg onload>`
/// element with a right-to-left override. Each would set `data-pwned` on the document.
public enum HostileReportSample {
    /// The attribute an injected script would set.
    public static let marker = "data-pwned"
    public static let comment = "<script>document.documentElement.setAttribute('data-pwned','com')</script>"
    public static let gzipName = "<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','gz')\">"
    public static let fileName = "<svg onload=document.documentElement.setAttribute('data-pwned','name')>\u{202E}gpj.jpg"

    /// `picture` (a JPEG starting with SOI) with the COM segment after SOI and the gzip member
    /// after its end.
    public static func jpeg(from picture: [UInt8]) -> [UInt8] {
        let text = Array(String(repeating: "the quick brown fox jumps over the lazy dog; ", count: 8).utf8)
        return Array(picture.prefix(2)) + SyntheticJPEG.segment(0xFE, Array(comment.utf8)) + Array(picture.dropFirst(2))
            + Compressor.gzip(text, name: gzipName)
    }
}
