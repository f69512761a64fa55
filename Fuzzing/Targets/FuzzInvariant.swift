/// Failing checks inside a fuzz target.
///
/// A broken invariant (a region outside the input, a decoder that claims more bytes than it
/// was given) is a bug even when nothing crashed; the harness traps on purpose so libFuzzer
/// saves the input. This is harness code: the library itself never traps on input.
enum FuzzInvariant {
    static func check(_ condition: Bool, _ message: @autoclosure () -> String, target: String) {
        guard !condition else { return }
        fatalError("fuzz invariant broken in \(target): \(message())")
    }
}
