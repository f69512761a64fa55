#if YARA
import Foundation
import StegCarve
import Testing
import TestSupport

@Suite("YARA rules")
struct YARARulesTests {
    @Test("placeholder")
    func placeholder() {}
}
#endif
