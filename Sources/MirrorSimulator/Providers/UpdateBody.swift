import Foundation

/// An update request's body read against the provider's update document: a JSON object (sent as
/// `application/json`) of documented members, each of the JSON kind the record holds there, the main prompt a
/// string, the required members present. Objects merge member by member (PATCH semantics, RFC 7396 without
/// null-deletes); arrays and scalars replace. Either the leaf changes to apply or the provider's refusal.
enum UpdateBody {
    case changes([(path: SimulatedFieldPath, value: SimulatedJSON)])
    case refused(HTTPResponse)

    init(_ request: HTTPRequest, format: any ProviderWireFormat, current record: SimulatedJSON) {
        guard request.headers["content-type"]?.lowercased().hasPrefix("application/json") == true else {
            self = .refused(format.invalidBodyResponse(member: nil, message: "Content-Type must be application/json"))
            return
        }
        guard case .object(let members)? = SimulatedJSON(parsing: request.body) else {
            self = .refused(format.invalidBodyResponse(member: nil, message: "The body must be a JSON object"))
            return
        }
        for name in format.requiredUpdateMembers where members[name]?.stringValue?.isEmpty != false {
            self = .refused(format.invalidBodyResponse(member: name, message: "\(name) must be a non-empty string"))
            return
        }
        var changes: [(path: SimulatedFieldPath, value: SimulatedJSON)] = []
        for (name, value) in members.sorted(by: { $0.key < $1.key }) {
            if format.updateOnlyMembers.contains(name) { continue }
            guard format.updatableMembers.contains(name) else {
                let accepted = format.updatableMembers.union(format.updateOnlyMembers).sorted().joined(separator: ", ")
                self = .refused(
                    format.invalidBodyResponse(
                        member: name,
                        message: "Unrecognized member '\(name)'; accepted: \(accepted)"
                    )
                )
                return
            }
            if let refusal = Self.collect(value, at: SimulatedFieldPath(components: [name]), record, format, &changes) {
                self = .refused(refusal)
                return
            }
        }
        self = .changes(changes)
    }

    /// Adds the leaves of `value` to `changes`; the refusal when a leaf's kind differs from the record's.
    private static func collect(
        _ value: SimulatedJSON,
        at path: SimulatedFieldPath,
        _ record: SimulatedJSON,
        _ format: any ProviderWireFormat,
        _ changes: inout [(path: SimulatedFieldPath, value: SimulatedJSON)]
    ) -> HTTPResponse? {
        let current = record.value(at: path)
        if case .object(let members) = value, current == nil || current?.kindName == "object" {
            for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                if let refusal = collect(member, at: path.appending(name), record, format, &changes) { return refusal }
            }
            return nil
        }
        let expected = path == format.mainPromptPath ? "string" : current.map(\.kindName)
        if let expected, expected != "null", value.kindName != expected {
            let message = "\(path.wireName) must be a \(expected), not a \(value.kindName)"
            return format.invalidBodyResponse(member: path.wireName, message: message)
        }
        changes.append((path, value))
        return nil
    }
}
