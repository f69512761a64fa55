import StegCarveBytes

extension Tar {
    /// A tar archive walked header by header from its first header.
    package struct Archive: Sendable, Equatable {
        /// A member: its header and where its data is.
        package struct Member: Sendable, Equatable {
            /// The member's path (GNU long name or pax `path` applied).
            package var name: String
            /// `typeflag`.
            package var typeFlag: UInt8
            /// The data bytes (absolute in the span).
            package var data: Range<Int>

            /// A regular file.
            package var isRegularFile: Bool { typeFlag == 0x30 || typeFlag == 0 || typeFlag == 0x37 }
        }

        /// Every member header in order (pax and GNU long-name headers folded in).
        package var members: [Member]
        /// One past the last byte the archive claims: the end-of-archive zero blocks and
        /// further zero blocks up to the record boundary, when present.
        package var end: Int
        /// One past the last byte the headers declare (may exceed the span when truncated).
        package var declaredEnd: Int
        /// The two zero blocks that end an archive were found.
        package var hasEndMarker: Bool
        /// GNU format headers.
        package var isGNU: Bool

        /// Most members walked (bounds hostile inputs).
        static let maximumMembers = 1_000_000

        /// Walks the archive whose first header is at `start`, or `nil` if it is not one.
        package init?(_ bytes: Span<UInt8>, from start: Int) {
            guard let first = Header(bytes, at: start) else { return nil }
            isGNU = first.isGNU
            members = []
            hasEndMarker = false
            var position = start
            var pendingName: String?
            while members.count < Self.maximumMembers {
                guard let header = Header(bytes, at: position) else { break }
                let dataStart = position + Tar.blockSize
                let dataEnd = dataStart + header.size
                let next = dataStart + header.dataBlocksLength
                switch header.typeFlag {
                case 0x4C:  // GNU 'L': the next member's long name is the data
                    pendingName = dataEnd <= bytes.count ? Tar.text(bytes, dataStart, header.size) : nil
                case 0x78:  // pax 'x': extended header for the next member
                    if dataEnd <= bytes.count { pendingName = Self.paxPath(bytes, dataStart..<dataEnd) ?? pendingName }
                case 0x67, 0x4B:  // pax global header, GNU long link name
                    break
                default:
                    members.append(Member(name: pendingName ?? header.name, typeFlag: header.typeFlag, data: dataStart..<dataEnd))
                    pendingName = nil
                }
                position = next
                if next > bytes.count { break }
            }
            declaredEnd = position
            end = min(position, bytes.count)
            if position <= bytes.count, Tar.isZeroBlock(bytes, at: position), Tar.isZeroBlock(bytes, at: position + Tar.blockSize) {
                hasEndMarker = true
                position += 2 * Tar.blockSize
                // Writers pad to a whole record (20 blocks) with zeros: claim that padding.
                while (position - start) % Tar.recordSize != 0, Tar.isZeroBlock(bytes, at: position) { position += Tar.blockSize }
                declaredEnd = position
                end = position
            }
        }

        /// The `path` record of a pax extended header (`"%d path=%s\n"` records).
        private static func paxPath(_ bytes: Span<UInt8>, _ range: Range<Int>) -> String? {
            let text = Tar.text(bytes, range.lowerBound, range.count)
            for line in text.split(separator: "\n") {
                guard let space = line.firstIndex(of: " ") else { continue }
                let record = line[line.index(after: space)...]
                if record.hasPrefix("path=") { return String(record.dropFirst(5)) }
            }
            return nil
        }
    }
}
