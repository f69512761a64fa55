import StegCarveBytes
import StegCarveModel

/// Recovers repeating-key XOR (keys of 1–32 bytes) over known headers and decrypts the
/// payload: an ELF's identification and fixed header fields, the DOS header, ZIP and gzip.
///
/// For a key of length k, bytes i and i+k of the header are XOR'd with the same key byte,
/// so `c[i] ^ c[i+k] == p[i] ^ p[i+k]` whatever the key: that key-independent test, checked
/// against a 256-entry table per (k, i), finds candidates in one pass. A candidate's key
/// is then read off every known byte, must agree wherever a key byte is seen twice, must
/// cover every key position (one missing byte is brute-forced), and is accepted only when
/// the payload's own handler validates the decrypted header and gives its extent.
package struct RepeatingKeyXORTransform: StreamTransform {
    /// Longest key tried.
    package static let maximumKeyLength = 32
    /// Most candidates decrypted per range; each is validated by a handler.
    package static let maximumCandidates = 64
    /// Most offsets of one range where a key is looked for (the search costs about 30 ns a
    /// byte); a payload starting beyond it is still found if its start lies within.
    package static let maximumSearchLength = 16 << 20

    private let handlers: [any PayloadHandler]
    private let templates: [KnownPlaintext]
    /// Key-independent tests, shortest key first: for key length `keyLength` and anchor
    /// position `anchor`, `c[anchor] ^ c[anchor + keyLength]` must be one of the differences
    /// in `accepted` (a 256-bit set), each expected by the templates in `templates[d]`.
    private let checks: [Check]
    /// The checks flattened for the hot loop: key length, anchor, the four mask words, then
    /// where the check's second tests start in `secondTests` and how many there are.
    private let flatChecks: [UInt64]
    /// Per check, per (accepted difference, template): a second pair of known bytes one key
    /// length apart, as (difference at the anchor, pair offset, pair difference) — or an
    /// offset of `UInt64.max` when the template has no other pair. A position passes the
    /// prefilter only when a template's second pair holds too: about one position in 256 of
    /// those passing the first test, which random bytes passed at a third of all positions.
    private let secondTests: [UInt64]
    /// Per check, the differences its first test accepts (the set bits of `accepted`), for
    /// the 16-lane compare; entries 8 and 9 of a check's flat row give start and count.
    private let acceptedDifferences: [UInt8]
    private static let flatStride = 10
    /// For template t and key length k, every pair of known bytes k apart as
    /// (position, expected difference): all must hold before a key is derived.
    private let pairs: [[[(offset: Int, difference: UInt8)]]]

    private struct Check: Sendable {
        var keyLength: Int
        var anchor: Int
        var accepted: (UInt64, UInt64, UInt64, UInt64)
        var templatesByDifference: [UInt8: [Int]]

        func accepts(_ difference: UInt8) -> Bool {
            let bit = UInt64(1) << UInt64(difference & 63)
            switch difference >> 6 {
            case 0: return accepted.0 & bit != 0
            case 1: return accepted.1 & bit != 0
            case 2: return accepted.2 & bit != 0
            default: return accepted.3 & bit != 0
            }
        }
    }

    package init(handlers: [any PayloadHandler] = PayloadRegistry.handlers) {
        self.handlers = handlers
        let known = Set(handlers.map(\.type))
        let templates = KnownPlaintext.all.filter { known.contains($0.type) }
        self.templates = templates
        var checks: [Check] = []
        for keyLength in 1...Self.maximumKeyLength {
            for (index, template) in templates.enumerated() where Self.isSearchable(template, keyLength: keyLength) {
                // The first pair of known bytes one key length apart anchors the test.
                guard let anchor = (0..<min(4, template.bytes.count)).first(where: { anchor in
                    anchor + keyLength < template.bytes.count && template.bytes[anchor] != nil && template.bytes[anchor + keyLength] != nil
                }), let first = template.bytes[anchor], let second = template.bytes[anchor + keyLength] else { continue }
                let difference = first ^ second
                let slot = checks.firstIndex { $0.keyLength == keyLength && $0.anchor == anchor } ?? {
                    checks.append(Check(keyLength: keyLength, anchor: anchor, accepted: (0, 0, 0, 0), templatesByDifference: [:]))
                    return checks.count - 1
                }()
                let bit = UInt64(1) << UInt64(difference & 63)
                switch difference >> 6 {
                case 0: checks[slot].accepted.0 |= bit
                case 1: checks[slot].accepted.1 |= bit
                case 2: checks[slot].accepted.2 |= bit
                default: checks[slot].accepted.3 |= bit
                }
                checks[slot].templatesByDifference[difference, default: []].append(index)
            }
        }
        self.checks = checks
        self.pairs = templates.map { template in
            (0...Self.maximumKeyLength).map { keyLength in
                guard keyLength > 0 else { return [] }
                return template.bytes.indices.compactMap { offset in
                    guard offset + keyLength < template.bytes.count, let first = template.bytes[offset],
                          let second = template.bytes[offset + keyLength] else { return nil }
                    return (offset, first ^ second)
                }
            }
        }
        var flat: [UInt64] = []
        var seconds: [UInt64] = []
        var differences: [UInt8] = []
        for check in checks {
            let differencesStart = differences.count
            differences += (0...255).map(UInt8.init).filter(check.accepts)
            let start = seconds.count / 3
            for (difference, indices) in check.templatesByDifference.sorted(by: { $0.key < $1.key }) {
                for index in indices {
                    // Any pair other than the anchor's is a necessary condition for the full test.
                    let second = pairs[index][check.keyLength].first { $0.offset != check.anchor }
                    seconds += [UInt64(difference), second.map { UInt64($0.offset) } ?? UInt64.max, UInt64(second?.difference ?? 0)]
                }
            }
            flat += [
                UInt64(check.keyLength), UInt64(check.anchor), check.accepted.0, check.accepted.1, check.accepted.2, check.accepted.3,
                UInt64(start), UInt64(seconds.count / 3 - start), UInt64(differencesStart), UInt64(differences.count - differencesStart),
            ]
        }
        self.flatChecks = flat
        self.secondTests = seconds
        self.acceptedDifferences = differences
    }

    /// Whether a template pins a key of `keyLength` well enough to search for it: beyond the
    /// bytes that determine the key, at least two more known bytes must agree (16 bits of
    /// evidence per candidate), three when one key byte is left to brute force (which tries
    /// 256 keys). Short headers (gzip, ZIP) therefore serve short keys only.
    static func isSearchable(_ template: KnownPlaintext, keyLength: Int) -> Bool {
        var covered = Set<Int>()
        var known = 0
        for (offset, byte) in template.bytes.enumerated() where byte != nil {
            known += 1
            covered.insert(offset % keyLength)
        }
        let redundancy = known - covered.count
        switch keyLength - covered.count {
        case 0: return redundancy >= 2
        case 1: return redundancy >= 3
        default: return false
        }
    }

    package var type: String { "xor" }

    package var documentation: String {
        "repeating-key XOR, keys of 1-32 bytes, recovered from known ELF/DOS/ZIP/gzip header bytes"
    }

    package func candidates(in bytes: Span<UInt8>, range: Range<Int>, depth: Int, budget: inout Int) -> [TransformCandidate] {
        candidates(in: bytes, range: range, depth: depth, budget: &budget, meter: .unbounded())
    }

    /// Positions the prefilter searches between two checks of the work meter.
    private static let meteredStretch = 256 << 10

    /// - Complexity: O(n · c) for the prefilter (see ``prefilter(_:from:end:searchEnd:)``),
    ///   plus at most ``maximumCandidates`` key derivations and decryptions; the meter is
    ///   charged every ``meteredStretch`` positions, so a deadline stops a long search.
    package func candidates(in bytes: Span<UInt8>, range: Range<Int>, depth: Int, budget: inout Int, meter: WorkMeter) -> [TransformCandidate] {
        guard !templates.isEmpty, range.count >= 16, budget > 0 else { return [] }
        var result: [TransformCandidate] = []
        var position = range.lowerBound
        var tried = 0
        // Inside a decoded stream a layered payload starts at the stream's first byte, so
        // only that position is tried there; the scanned file is searched at every offset,
        // up to `maximumSearchLength` bytes per range.
        let searchEnd = depth > 0 ? range.lowerBound + 1 : min(range.upperBound, range.lowerBound + Self.maximumSearchLength)
        while tried < Self.maximumCandidates, budget > 0 {
            // The prefilter runs in stretches, so the meter is consulted between them.
            let stretchEnd = min(searchEnd, position + Self.meteredStretch)
            guard let (hit, firstCheck) = prefilter(bytes, from: position, end: range.upperBound, searchEnd: stretchEnd) else {
                guard stretchEnd < searchEnd, meter.charge(stretchEnd - position) else { break }
                position = stretchEnd
                continue
            }
            guard meter.charge(hit - position + 1) else { break }
            position = hit
            if let (template, key) = consistentKey(in: bytes, at: position, fromCheck: firstCheck, end: range.upperBound) {
                tried += 1
                if let candidate = decrypt(bytes, at: position, end: range.upperBound, key: key, template: template, budget: &budget) {
                    result.append(candidate)
                    position = candidate.range.upperBound
                    continue
                }
            }
            position += 1
        }
        return result
    }

    /// The first position at or after `start` where some key-independent test passes (its
    /// anchor pair and a second pair of one template), and the index of that test (the
    /// lowest at that position). Both are necessary for
    /// ``consistentKey(in:at:fromCheck:end:)``, so no key is missed.
    ///
    /// Positions are taken in blocks; within a block each test scans 16 positions at once
    /// (two unaligned 16-byte loads, their XOR compared with every accepted difference) up
    /// to the best position found so far, and the few lanes that match run the second test.
    /// - Complexity: O(n · c) for c (key length, anchor) tests, on raw bytes.
    private func prefilter(_ bytes: Span<UInt8>, from start: Int, end: Int, searchEnd: Int) -> (position: Int, check: Int)? {
        let stop = min(end - 16, searchEnd)
        guard start < stop else { return nil }
        let checkCount = checks.count
        var found: (Int, Int)?
        unsafe bytes.withUnsafeBufferPointer { buffer in
            unsafe flatChecks.withUnsafeBufferPointer { flat in
                unsafe secondTests.withUnsafeBufferPointer { seconds in
                    unsafe acceptedDifferences.withUnsafeBufferPointer { differences in
                        guard let base = buffer.baseAddress, let table = flat.baseAddress, let second = seconds.baseAddress,
                              let accepted = differences.baseAddress else { return }
                        /// Whether a template's second pair holds at `position` (first test passed with `difference`).
                        func secondPasses(_ entry: UnsafePointer<UInt64>, _ position: Int, _ difference: UInt8) -> Bool {
                            let keyLength = Int(unsafe entry[0])
                            var test = unsafe second + Int(unsafe entry[6]) * 3
                            for _ in 0..<Int(unsafe entry[7]) {
                                defer { unsafe test += 3 }
                                guard unsafe test[0] == UInt64(difference) else { continue }
                                guard unsafe test[1] != UInt64.max else { return true }
                                let pairLeft = position + Int(unsafe test[1])
                                if pairLeft + keyLength < end, unsafe UInt64(base[pairLeft] ^ base[pairLeft + keyLength]) == test[2] {
                                    return true
                                }
                            }
                            return false
                        }
                        var blockStart = start
                        while blockStart < stop {
                            var best = min(stop, blockStart + Self.prefilterBlock)
                            let blockEnd = best
                            var bestCheck = -1
                            for index in 0..<checkCount {
                                let entry = unsafe table + index * Self.flatStride
                                let keyLength = Int(unsafe entry[0])
                                let anchor = Int(unsafe entry[1])
                                let values = unsafe accepted + Int(unsafe entry[8])
                                let valueCount = Int(unsafe entry[9])
                                var position = blockStart
                                scan: while position < best {
                                    let left = position + anchor
                                    if left + keyLength + 16 <= end {
                                        let x = unsafe UnsafeRawPointer(base + left).loadUnaligned(as: SIMD16<UInt8>.self)
                                        let y = unsafe UnsafeRawPointer(base + left + keyLength).loadUnaligned(as: SIMD16<UInt8>.self)
                                        let difference = x ^ y
                                        var hits = SIMDMask<SIMD16<Int8>>(repeating: false)
                                        for value in 0..<valueCount {
                                            hits .|= difference .== SIMD16(repeating: unsafe values[value])
                                        }
                                        if any(hits) {
                                            let lanes = SIMD16<UInt8>(repeating: 0).replacing(with: Self.laneBits, where: hits)
                                            var mask = UInt32(lanes.lowHalf.wrappedSum()) | UInt32(lanes.highHalf.wrappedSum()) << 8
                                            while mask != 0 {
                                                let lane = mask.trailingZeroBitCount
                                                mask &= mask - 1
                                                let candidate = position + lane
                                                if candidate >= best { break scan }
                                                if unsafe secondPasses(entry, candidate, difference[lane]) {
                                                    (best, bestCheck) = (candidate, index)
                                                    break scan
                                                }
                                            }
                                        }
                                        position += 16
                                    } else {
                                        let right = left + keyLength
                                        guard right < end else { break }
                                        let difference = unsafe base[left] ^ base[right]
                                        if unsafe entry[2 + Int(difference >> 6)] & (1 << UInt64(difference & 63)) != 0,
                                           unsafe secondPasses(entry, position, difference) {
                                            (best, bestCheck) = (position, index)
                                            break
                                        }
                                        position += 1
                                    }
                                }
                            }
                            if bestCheck >= 0 {
                                found = (best, bestCheck)
                                return
                            }
                            blockStart = blockEnd
                        }
                    }
                }
            }
        }
        return found
    }

    /// Positions per prefilter block: small enough that a hit early in the input stops the
    /// scan soon, large enough that each test's loop runs long.
    private static let prefilterBlock = 256
    /// Lane bits for turning a 16-lane mask into an integer, eight lanes per half.
    private static let laneBits = SIMD16<UInt8>(1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128)

    /// The shortest consistent non-zero key at `position`, trying tests from `fromCheck` on.
    private func consistentKey(in bytes: Span<UInt8>, at position: Int, fromCheck: Int, end: Int) -> (KnownPlaintext, [UInt8])? {
        for check in checks[fromCheck...] {
            let left = position + check.anchor
            let right = left + check.keyLength
            guard right < end else { continue }
            let difference = bytes[left] ^ bytes[right]
            guard check.accepts(difference) else { continue }
            for index in check.templatesByDifference[difference] ?? []
            where pairs[index][check.keyLength].allSatisfy({ pair in
                let left = position + pair.offset
                return left + check.keyLength < end && bytes[left] ^ bytes[left + check.keyLength] == pair.difference
            }) {
                if let key = key(for: templates[index], length: check.keyLength, in: bytes, at: position, end: end) {
                    return (templates[index], key)
                }
            }
        }
        return nil
    }

    /// The key of `length` bytes implied at `position`, or `nil` when the known bytes
    /// disagree, more than one key byte is unknown, or the key is all zeros (plaintext).
    private func key(for template: KnownPlaintext, length: Int, in bytes: Span<UInt8>, at position: Int, end: Int) -> [UInt8]? {
        var key = [UInt8?](repeating: nil, count: length)
        for (offset, plain) in template.bytes.enumerated() {
            guard let plain, position + offset < end else { continue }
            let value = bytes[position + offset] ^ plain
            let slot = offset % length
            if let existing = key[slot] {
                if existing != value { return nil }
            } else {
                key[slot] = value
            }
        }
        let unknown = key.indices.filter { key[$0] == nil }
        guard unknown.count <= 1 else { return nil }
        let known = key.map { $0 ?? 0 }
        guard unknown.isEmpty else { return known }  // the caller brute-forces the gap
        guard known.contains(where: { $0 != 0 }) else { return nil }
        return Self.shortestPeriod(of: known)
    }

    /// Decrypts from `position` and asks the template's handler for the payload's extent;
    /// brute-forces a single unknown key byte when needed.
    private func decrypt(
        _ bytes: Span<UInt8>, at position: Int, end: Int, key: [UInt8], template: KnownPlaintext, budget: inout Int
    ) -> TransformCandidate? {
        guard let handler = handlers.first(where: { $0.type == template.type }) else { return nil }
        let length = min(end - position, budget)
        guard length > 0 else { return nil }
        var keys = [key]
        if let gap = gapIndex(for: template, keyLength: key.count) {
            keys = (0...255).map { value in
                var filled = key
                filled[gap] = UInt8(value)
                return filled
            }
        }
        for candidateKey in keys where candidateKey.contains(where: { $0 != 0 }) {
            // Validate on a header-sized prefix first; decrypt the rest only for a hit.
            let headerLength = min(length, 4096)
            var plain = Self.xor(bytes, from: position, count: headerLength, key: candidateKey)
            if headerLength < length {
                guard Self.headerValidates(plain, handler: handler) else { continue }
                plain = Self.xor(bytes, from: position, count: length, key: candidateKey)
            }
            let carved = handler.carve(plain.span, at: 0)
            guard let extent = carved, extent.range.lowerBound == 0, !extent.range.isEmpty else { continue }
            budget -= extent.range.count
            let shortest = Self.shortestPeriod(of: candidateKey)
            let hex = HexEncoding.string(shortest)
            return TransformCandidate(
                range: position..<(position + extent.range.count),
                via: "xor:\(hex)",
                decoded: Array(plain.prefix(extent.range.count)),
                metadata: ["key": .string(hex), "keyLength": .integer(Int64(shortest.count)), "knownPlaintext": .string(template.name)]
            )
        }
        return nil
    }

    /// The key position no known byte covers, if exactly one.
    private func gapIndex(for template: KnownPlaintext, keyLength: Int) -> Int? {
        var covered = [Bool](repeating: false, count: keyLength)
        for (offset, plain) in template.bytes.enumerated() where plain != nil { covered[offset % keyLength] = true }
        let gaps = covered.indices.filter { !covered[$0] }
        return gaps.count == 1 ? gaps[0] : nil
    }

    /// Whether the handler accepts the decrypted header (tables may lie further on).
    private static func headerValidates(_ plain: [UInt8], handler: any PayloadHandler) -> Bool {
        handler.carve(plain.span, at: 0) != nil
    }

    private static func xor(_ bytes: Span<UInt8>, from start: Int, count: Int, key: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: count)
        var slot = 0
        for index in 0..<count {
            output[index] = bytes[start + index] ^ key[slot]
            slot += 1
            if slot == key.count { slot = 0 }
        }
        return output
    }

    /// The key's shortest repeating unit (`5a5a` → `5a`).
    static func shortestPeriod(of key: [UInt8]) -> [UInt8] {
        for period in 1...max(1, key.count) where key.count % period == 0 {
            if key.indices.allSatisfy({ key[$0] == key[$0 % period] }) { return Array(key.prefix(period)) }
        }
        return key
    }
}
