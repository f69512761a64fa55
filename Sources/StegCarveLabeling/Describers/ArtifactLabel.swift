/// A label with the one-line reason it applies.
package struct ArtifactLabel: Sendable, Equatable {
    package var name: String
    package var reason: String

    package init(name: String, reason: String) {
        self.name = name
        self.reason = reason
    }
}
