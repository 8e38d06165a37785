import MirrorCore

extension JSONValue {
    /// An integer as JSON writes it.
    public init(_ number: Int) { self = .number(String(number)) }

    /// An integer that may be missing: null when it is.
    public init(_ number: Int?) { self = number.map { .number(String($0)) } ?? .null }

    /// A text that may be missing: null when it is.
    public init(_ text: String?) { self = text.map(JSONValue.string) ?? .null }
}
