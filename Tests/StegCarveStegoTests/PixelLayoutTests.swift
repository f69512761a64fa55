import StegCarveStego
import Testing

@Suite struct PixelLayoutTests {
    @Test(arguments: [
        "planes:b0,rgb,msb-first,xy", "planes:b0-3,bg,msb-first,xy", "planes:b0-7,a,lsb-first,yx",
        "planes:b2,l,msb-first,xy-bottom-up", "planes:b0-15,abgr,lsb-first,xy",
    ])
    func descriptorRoundTrips(_ text: String) throws {
        let layout = try #require(PixelLayout(parsing: text))
        #expect(layout.description == text)
    }

    @Test(arguments: [
        "b0,rgb,msb-first,xy", "planes:b1-0,rgb,msb-first,xy", "planes:b16,r,msb-first,xy",
        "planes:b0,rgx,msb-first,xy", "planes:b0,,msb-first,xy", "planes:b0,r,msb,xy",
        "planes:b0,r,msb-first,zz", "planes:b0,r,msb-first", "planes:0,r,msb-first,xy", "",
    ])
    func malformedDescriptorIsRejected(_ text: String) {
        #expect(PixelLayout(parsing: text) == nil)
    }

    @Test func defaultSweepMatchesTheDocumentedSet() {
        let rgb = PixelLayout.defaultSweep(available: [.red, .green, .blue], bitsPerSample: 8)
        // 4 plane sets × (3 single + rgb + bgr) × 2 packings + 3 whole-sample + Invoke-PSImage.
        #expect(rgb.count == 4 * 5 * 2 + 3 + 1)
        #expect(Set(rgb).count == rgb.count)
        let rgba = PixelLayout.defaultSweep(available: [.red, .green, .blue, .alpha], bitsPerSample: 8)
        #expect(rgba.count == 4 * 8 * 2 + 4 + 1)
        #expect(rgba.map(\.description).contains("planes:b0-3,abgr,lsb-first,xy"))
        let gray = PixelLayout.defaultSweep(available: [.luminance], bitsPerSample: 16)
        #expect(gray.map(\.description) .contains("planes:b0-15,l,msb-first,xy"))
        #expect(gray.count == 4 * 1 * 2 + 1)
    }
}
