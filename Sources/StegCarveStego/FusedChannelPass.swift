/// SPA, RS and the sequential chi-square attack over the channels of an 8-bit grid in a single
/// pass.
///
/// Gives exactly the estimates of ``SamplePairsAnalysis``, ``RSAnalysis`` and
/// ``ChiSquareAttack`` (tested against them) while reading each sample once, row by row with
/// every channel of a row handled while the row is in cache. Everything per sample is
/// branch-free table work (``RSTables``): inside an RS group the three pair words give RS's
/// changes and the SPA counts of the group's pairs, the class table turns the changes into
/// the group's RS classes, and the pair across two groups adds its SPA counts from the same
/// pair table. Counts are summed as packed fields and spread into integers every
/// ``RSTables/groupsPerFlush`` groups. Each group's four samples go to four histograms (no
/// store waits for the previous increment of the same bin in a smooth row); their sum at
/// each chi-square prefix boundary is recovered at the end of the row it falls in by taking
/// the row's later samples out again.
///
/// This is one of the files with `unsafe` code: the rows, the tables and the histograms are
/// read through buffer pointers, with every index bounded by construction (samples are
/// bytes, tables and histograms hold 65,536 and 4 × 256 entries, and ``SampleGrid`` checked
/// that the buffer holds `height × rowBytes` bytes with `rowBytes ≥ width × channels`).
enum FusedChannelPass {
    /// The three estimates and the chi-square curve of one channel.
    typealias Result = (spa: DetectorEstimate, rs: DetectorEstimate, chi: DetectorEstimate, curve: [Double?])

    /// The estimates for channel index `channel`; `nil` unless the grid is 8-bit.
    static func run(_ grid: SampleGrid, channel: Int) -> Result? {
        run(grid, channels: [channel])?.first
    }

    /// The estimates for each channel index in `channels`, in that order; `nil` unless the
    /// grid is 8-bit and every index names one of its channels.
    /// - Complexity: O(width × height × channels.count).
    static func run(_ grid: SampleGrid, channels: [Int]) -> [Result]? {
        let step = grid.channels.count
        guard grid.bitsPerSample == 8, channels.allSatisfy({ (0..<step).contains($0) }) else { return nil }
        let width = grid.width, height = grid.height, rowBytes = grid.rowBytes
        guard width > 0, height > 0, rowBytes >= width * step, grid.pixels.count >= rowBytes * height else { return nil }
        let total = width * height
        let groupsPerRow = width / 4
        let steps = ChiSquareAttack.steps
        let tracksCurve = total >= ChiSquareAttack.minimumSamples
        let count = channels.count
        // Per channel (`stride` words): four histograms of 256 bins, 8 RS counts, then SPA's
        // pairs with u ≠ v, X and W.
        let stride = 1024 + 16
        var state = [Int](repeating: 0, count: count * stride)
        var curves = [[Double?]](repeating: [], count: count)
        var nextStep = 1
        var nextBoundary = tracksCurve ? total * nextStep / steps : Int.max
        var prefix = [Int](repeating: 0, count: 256)
        unsafe grid.pixels.withUnsafeBufferPointer { pixels in
            unsafe RSTables.shared.entries.withUnsafeBufferPointer { tables in
                unsafe state.withUnsafeMutableBufferPointer { state in
                    guard let pixelBase = pixels.baseAddress, let table = tables.baseAddress,
                          let stateBase = state.baseAddress else { return }
                    for row in 0..<height {
                        for (slot, channel) in channels.enumerated() {
                            unsafe Self.row(
                                pixelBase + row * rowBytes + channel, step: step, width: width, groups: groupsPerRow,
                                table: table, state: stateBase + slot * stride)
                        }
                        // Chi-square boundaries that fall inside this row.
                        let rowEnd = (row + 1) * width
                        while nextBoundary <= rowEnd, nextStep <= steps {
                            let extra = rowEnd - nextBoundary
                            for (slot, channel) in channels.enumerated() {
                                let histogram = unsafe stateBase + slot * stride
                                for value in 0..<256 {
                                    prefix[value] = unsafe histogram[value] &+ histogram[256 + value] &+ histogram[512 + value] &+ histogram[768 + value]
                                }
                                let samples = unsafe pixelBase + row * rowBytes + channel
                                for k in 0..<extra { prefix[Int(unsafe samples[(width - 1 - k) * step])] &-= 1 }
                                curves[slot].append(ChiSquareAttack.probability(prefix))
                            }
                            nextStep += 1
                            nextBoundary = nextStep <= steps ? total * nextStep / steps : Int.max
                        }
                    }
                }
            }
        }
        let pairs = (width - 1) * height
        return (0..<count).map { slot in
            let counts = slot * stride + 1024
            let different = state[counts + 8], x = state[counts + 9], w = state[counts + 10]
            let spa = SamplePairsAnalysis.estimate(x: x, y: different - x, z: pairs - different, w: w, pairs: max(0, pairs))
            let rs = RSAnalysis.estimate(Array(state[counts..<(counts + 8)]), groups: groupsPerRow * height)
            let chi = tracksCurve ? ChiSquareAttack.estimate(curves[slot])
                : DetectorEstimate(detector: .chiSquare, rate: nil, detail: "no estimate: \(total) samples (< \(ChiSquareAttack.minimumSamples))")
            return (spa, rs, chi, tracksCurve ? curves[slot] : [])
        }
    }

    /// One row of one channel: `width` samples `step` bytes apart from `samples`, counted into
    /// the channel's `state`: four 256-bin histograms, then the RS counts (R_M, S_M, R_−M,
    /// S_−M, then on the flipped picture) and the SPA counts (pairs with u ≠ v, X, W).
    @inline(__always)
    private static func row(
        _ samples: UnsafePointer<UInt8>, step: Int, width: Int, groups: Int, table: UnsafePointer<UInt64>,
        state histogram: UnsafeMutablePointer<Int>
    ) {
        let first = unsafe table + RSTables.first, middle = unsafe table + RSTables.middle
        let last = unsafe table + RSTables.last, classTable = unsafe table + RSTables.classes
        let step2 = 2 * step, step3 = 3 * step, step4 = 4 * step
        let counts = unsafe histogram + 1024
        var offset = 0
        // The pair (previous group's d, this group's a); for the first group (a, a), which counts nothing.
        var previous = Int(unsafe samples[0])
        var group = 0
        while group < groups {
            let end = min(groups, group + RSTables.groupsPerFlush)
            var classSum: UInt64 = 0, pairSum: UInt64 = 0
            while group < end {
                let a = Int(unsafe samples[offset]), b = Int(unsafe samples[offset + step])
                let c = Int(unsafe samples[offset + step2]), d = Int(unsafe samples[offset + step3])
                unsafe histogram[a] &+= 1
                unsafe histogram[256 + b] &+= 1
                unsafe histogram[512 + c] &+= 1
                unsafe histogram[768 + d] &+= 1
                let sum = unsafe first[a << 8 | b] &+ middle[b << 8 | c] &+ last[c << 8 | d]
                classSum &+= unsafe classTable[Int(sum & 0xFFFF)]
                pairSum &+= sum >> 16 &+ (unsafe first[previous << 8 | a] >> 16)
                previous = d
                offset += step4
                group += 1
            }
            for k in 0..<8 { unsafe counts[k] &+= Int(classSum >> UInt64(8 * k) & 0xFF) }
            for k in 0..<3 { unsafe counts[8 + k] &+= Int(pairSum >> UInt64(16 * k) & 0xFFFF) }
        }
        // The samples after the last whole group (at most three pairs).
        var column = groups * 4
        var pairSum: UInt64 = 0
        while column < width {
            let v = Int(unsafe samples[offset])
            unsafe histogram[v] &+= 1
            pairSum &+= unsafe first[previous << 8 | v] >> 16
            previous = v
            offset += step
            column += 1
        }
        for k in 0..<3 { unsafe counts[8 + k] &+= Int(pairSum >> UInt64(16 * k) & 0xFFFF) }
    }
}
