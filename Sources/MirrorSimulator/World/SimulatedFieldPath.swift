/// A field inside a record, written dotted (`actions.0.instructions`, as `setField` takes it) and shown in wire
/// form (`actions[0].instructions`, as `SimulatedEdit.field` and the mirror's `field_changes.path` use it).
struct SimulatedFieldPath: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    let components: [String]

    init(dotted: String) {
        components = dotted.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    init(components: [String]) {
        self.components = components
    }

    init(stringLiteral value: String) {
        self.init(dotted: value)
    }

    func appending(_ components: String...) -> SimulatedFieldPath {
        SimulatedFieldPath(components: self.components + components)
    }

    /// `actions[0].instructions`: numeric components become subscripts.
    var wireName: String {
        var name = ""
        for component in components {
            if !component.isEmpty, component.allSatisfy(\.isASCIIDigitCharacter) {
                name += "[\(component)]"
            } else {
                name += name.isEmpty ? component : ".\(component)"
            }
        }
        return name
    }

    var description: String { wireName }
}

extension Character {
    fileprivate var isASCIIDigitCharacter: Bool { ("0"..."9").contains(self) }
}
