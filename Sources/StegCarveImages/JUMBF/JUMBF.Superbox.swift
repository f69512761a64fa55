import StegCarveBytes

extension JUMBF {
    /// Checks that bytes are one JUMBF superbox and everything inside it is well formed.
    ///
    /// A superbox (`jumb`) starts with a description box (`jumd`: 16-byte type UUID, toggles,
    /// then the optional NUL-terminated label, 4-byte ID, 32-byte signature and private box
    /// its toggles announce, and nothing else), followed by content boxes; superboxes nest.
    /// Every box length must stay inside its parent; `LBox` 0 only for a parent's last box.
    /// An embedded file (`bfdb` media type, `bidb` bytes) declared as a JPEG, PNG or GIF
    /// must start with that format's signature.
    /// A C2PA manifest store is the superbox whose type is `c2pa` + the ISO suffix
    /// `0011-0010-8000-00AA00389B71`, labelled `c2pa` (C2PA 2.1, 11.1).
    ///
    /// Specifications: ISO/IEC 19566-5:2023 (JUMBF) sections 6.2–6.4; C2PA Technical
    /// Specification 2.1 section 11 (manifest store, manifests, assertion store).
    package enum Superbox {
        /// What a valid superbox declares at its top.
        package struct Summary: Sendable, Equatable {
            /// The description box's type UUID, hex.
            package var type: String
            /// The description box's label, when present.
            package var label: String?
            /// Boxes in the whole tree, the superbox included.
            package var boxCount: Int
            /// The top description declares a C2PA manifest store.
            package var isC2PA: Bool
        }

        /// Deepest superbox nesting followed (C2PA needs four: store, manifest, assertion
        /// store, assertion).
        static let maximumDepth = 16
        /// Most boxes in one tree.
        static let maximumBoxes = 100_000

        /// The ISO suffix of JUMBF type UUIDs after a four-character code.
        static let isoSuffix: [UInt8] = [0x00, 0x11, 0x00, 0x10, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]

        /// Checks that `bytes` is exactly one valid superbox.
        package static func validate(_ bytes: Span<UInt8>) -> Result<Summary, Problem> {
            let top: Box
            switch box(in: bytes, at: 0, end: bytes.count) {
            case .success(let found): top = found
            case .failure(let problem): return .failure(problem)
            }
            guard top.typeName == "jumb" else {
                return .failure(Problem(offset: 0, message: "the box is '\(top.typeName)', not a 'jumb' superbox"))
            }
            guard top.range.upperBound == bytes.count else {
                return .failure(Problem(offset: top.range.upperBound, message: "\(bytes.count - top.range.upperBound) bytes follow the superbox it declares"))
            }
            var walk = Walk()
            let description: Description
            switch walk.superbox(top, in: bytes, depth: 1) {
            case .success(let found): description = found
            case .failure(let problem): return .failure(problem)
            }
            let isC2PA = description.type.starts(with: Array("c2pa".utf8)) && Array(description.type.dropFirst(4)) == isoSuffix
            if isC2PA, description.label != "c2pa" {
                return .failure(Problem(offset: 0, message: "a C2PA manifest store labelled \(description.label.map { "'\($0)'" } ?? "nothing"), not 'c2pa'"))
            }
            return .success(Summary(type: HexEncoding.string(description.type), label: description.label, boxCount: walk.boxCount, isC2PA: isC2PA))
        }

        /// A description box's fields.
        struct Description {
            var type: [UInt8]
            var label: String?
        }

        /// A depth-first walk that counts boxes.
        struct Walk {
            var boxCount = 0

            /// Checks superbox `outer`: its description first, then every content box.
            mutating func superbox(_ outer: Box, in bytes: Span<UInt8>, depth: Int) -> Result<Description, Problem> {
                guard depth <= maximumDepth else {
                    return .failure(Problem(offset: outer.range.lowerBound, message: "superboxes nest deeper than \(maximumDepth)"))
                }
                boxCount += 1
                var position = outer.content.lowerBound
                var description: Description?
                // The media type the last `bfdb` box of this superbox declares.
                var mediaType: String?
                while position < outer.content.upperBound {
                    guard boxCount < maximumBoxes else {
                        return .failure(Problem(offset: position, message: "more than \(maximumBoxes) boxes"))
                    }
                    let child: Box
                    switch box(in: bytes, at: position, end: outer.content.upperBound) {
                    case .success(let found): child = found
                    case .failure(let problem): return .failure(problem)
                    }
                    if description == nil {
                        guard child.typeName == "jumd" else {
                            return .failure(Problem(offset: position, message: "superbox starts with '\(child.typeName)', not a 'jumd' description box"))
                        }
                        boxCount += 1
                        switch Superbox.description(child, in: bytes) {
                        case .success(let found): description = found
                        case .failure(let problem): return .failure(problem)
                        }
                    } else if child.typeName == "jumb" {
                        if case .failure(let problem) = superbox(child, in: bytes, depth: depth + 1) { return .failure(problem) }
                    } else {
                        boxCount += 1
                        if child.typeName == "bfdb" {
                            mediaType = Superbox.mediaType(of: child, in: bytes)
                        } else if child.typeName == "bidb", let mediaType, let problem = Superbox.contentProblem(child, mediaType: mediaType, in: bytes) {
                            return .failure(problem)
                        }
                    }
                    position = child.range.upperBound
                }
                guard let description else {
                    return .failure(Problem(offset: outer.range.lowerBound, message: "superbox without a 'jumd' description box"))
                }
                return .success(description)
            }
        }

        /// The media type a `bfdb` (embedded file description) box declares: a toggles byte,
        /// then the NUL-terminated media type (ISO/IEC 19566-5 B.3).
        static func mediaType(of box: Box, in bytes: Span<UInt8>) -> String? {
            let start = box.content.lowerBound + 1
            guard start < box.content.upperBound, let nul = bytes.firstIndex(of: 0, from: start, to: box.content.upperBound) else { return nil }
            return String(decoding: bytes.bytes(in: start..<nul), as: UTF8.self).lowercased()
        }

        /// Why an embedded file (`bidb`) is not the picture its `bfdb` box declares, or `nil`.
        /// Only picture types with a fixed signature are checked (C2PA thumbnails are JPEG or
        /// PNG); a C2PA thumbnail that is not one is the copied-label trick.
        static func contentProblem(_ box: Box, mediaType: String, in bytes: Span<UInt8>) -> Problem? {
            let signatures: [String: [UInt8]] = [
                "image/jpeg": [0xFF, 0xD8, 0xFF],
                "image/png": [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
                "image/gif": Array("GIF8".utf8),
            ]
            guard let signature = signatures[mediaType], box.content.count < signature.count || !bytes.matches(signature, at: box.content.lowerBound) else { return nil }
            return Problem(offset: box.range.lowerBound, message: "embedded file declared \(mediaType) does not start with its signature")
        }

        /// Toggle bits of a description box (ISO/IEC 19566-5 Table 4).
        private static let hasLabel: UInt8 = 0x02, hasID: UInt8 = 0x04, hasSignature: UInt8 = 0x08, hasPrivate: UInt8 = 0x10

        /// Parses a `jumd` box: type, toggles and exactly the fields the toggles announce.
        static func description(_ box: Box, in bytes: Span<UInt8>) -> Result<Description, Problem> {
            let content = box.content
            guard content.count >= 17, let toggles = bytes.uint8(at: content.lowerBound + 16) else {
                return .failure(Problem(offset: box.range.lowerBound, message: "description box of \(content.count) bytes has no type and toggles"))
            }
            let type = bytes.bytes(in: content.lowerBound..<(content.lowerBound + 16))
            var position = content.lowerBound + 17
            var label: String?
            if toggles & hasLabel != 0 {
                guard let nul = bytes.firstIndex(of: 0, from: position, to: content.upperBound) else {
                    return .failure(Problem(offset: position, message: "description label has no terminating NUL inside the box"))
                }
                label = String(decoding: bytes.bytes(in: position..<nul), as: UTF8.self)
                position = nul + 1
            }
            if toggles & hasID != 0 {
                guard content.upperBound - position >= 4 else {
                    return .failure(Problem(offset: position, message: "description toggles announce an ID the box does not hold"))
                }
                position += 4
            }
            if toggles & hasSignature != 0 {
                guard content.upperBound - position >= 32 else {
                    return .failure(Problem(offset: position, message: "description toggles announce a 32-byte signature the box does not hold"))
                }
                position += 32
            }
            if toggles & hasPrivate != 0 {
                switch JUMBF.box(in: bytes, at: position, end: content.upperBound) {
                case .success(let privateBox): position = privateBox.range.upperBound
                case .failure(let problem): return .failure(problem)
                }
            }
            guard position == content.upperBound else {
                return .failure(Problem(offset: position, message: "\(content.upperBound - position) bytes in the description box after the fields its toggles announce"))
            }
            return .success(Description(type: type, label: label))
        }
    }
}
