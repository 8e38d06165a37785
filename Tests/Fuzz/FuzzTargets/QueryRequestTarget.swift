import MirrorCore
import MirrorProtocol

/// `QueryRequest.parse` and `MirrorRequest`, the decoders of each line a socket peer sends. A refusal
/// carries a scalar id; an accepted request has an op, keeps `v`, `id` and `op` out of its parameters,
/// survives being written back as a request line, and its typed decoding throws rather than traps.
enum QueryRequestTarget {
    static let target = FuzzTarget(name: "query-request", check: .synchronous(check))

    static func check(_ input: [UInt8]) throws(InvariantViolation) {
        let request: QueryRequest
        switch QueryRequest.parse(input) {
        case .failure(let failure):
            try expectScalar(failure.id)
            return
        case .success(let parsed):
            request = parsed
        }
        try expectScalar(request.id)
        try expect(!request.op.isEmpty, "an accepted request has an empty op")
        for reserved in ["v", "id", "op"] {
            try expect(request.parameters[reserved] == nil, "\"\(reserved)\" is left among the parameters")
        }
        var members = request.parameters
        members["v"] = .number(String(QueryRequest.version))
        members["id"] = request.id
        members["op"] = .string(request.op)
        let line = JSONValue.object(members).canonicalBytes
        guard case .success(let again) = QueryRequest.parse(line) else {
            throw InvariantViolation("the request written back is refused: \(String(decoding: line, as: UTF8.self))")
        }
        try expect(
            JSONValue.object(again.parameters).canonicalBytes == JSONValue.object(request.parameters).canonicalBytes
                && again.op == request.op && again.id.canonicalBytes == request.id.canonicalBytes,
            "the request written back reads differently"
        )
        if let typed = try? MirrorRequest(request) {
            // A request the daemon accepts, encoded again by the CLI's side, decodes to itself.
            guard case .success(let reread) = QueryRequest.parse(typed.line(id: request.id)),
                (try? MirrorRequest(reread)) == typed
            else {
                throw InvariantViolation("a typed request does not survive being encoded and decoded again")
            }
        }
        for name in request.parameters.keys {
            _ = try? request.string(name)
            _ = try? request.int(name, default: 0, range: 0...1000)
            _ = try? request.bool(name)
            _ = try? request.timestamp(name)
            _ = try? request.strings(name)
        }
    }

    static func expectScalar(_ id: JSONValue) throws(InvariantViolation) {
        switch id {
        case .array, .object: throw InvariantViolation("the request id is \(id.typeName), not a scalar")
        default: break
        }
    }
}
