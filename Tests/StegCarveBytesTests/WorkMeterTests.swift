import StegCarveBytes
import Testing

@Suite("Work meter")
struct WorkMeterTests {
    @Test("counts every unit charged and never stops without a deadline or cancellation")
    func counts() {
        let meter = WorkMeter.unbounded()
        for _ in 0..<1_000 { #expect(meter.charge(200)) }
        #expect(meter.units == 200_000)
        #expect(meter.stop == nil && !meter.hasDeadline)
    }

    @Test("a passed deadline stops at the first clock read, and the meter stays stopped")
    func deadline() {
        let meter = WorkMeter(deadline: .now - .seconds(1))
        #expect(meter.hasDeadline)
        #expect(!meter.charge(1), "the first charge reads the clock")
        #expect(meter.stop == .deadline)
        #expect(!meter.charge(1) && !meter.check())
        #expect(meter.units == 2, "work is still counted")
    }

    @Test("the clock and the cancellation flag are read once per interval of units")
    func countdown() {
        var reads = 0
        var cancelled = false
        let meter = WorkMeter(isCancelled: {
            reads += 1
            return cancelled
        })
        #expect(meter.charge(1))
        #expect(reads == 1)
        for _ in 0..<(WorkMeter.clockInterval - 1) { #expect(meter.charge(1)) }
        #expect(reads == 1, "no read within the interval")
        cancelled = true
        #expect(!meter.charge(1))
        #expect(reads == 2 && meter.stop == .cancelled)
    }
}
