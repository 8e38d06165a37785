import MirrorCore

/// `JSONParser.parse`, the parser every provider body, socket request and stored snapshot goes through.
/// A rejected text names an offset inside the input; an accepted one re-encodes canonically to bytes
/// that parse back to the same canonical bytes (content hashes rely on that fixed point).
enum JSONTarget {
    static let target = FuzzTarget(name: "json", check: .synchronous(check))

    static func check(_ input: [UInt8]) throws(InvariantViolation) {
        let value: JSONValue
        switch try parse(input) {
        case .failure(let error):
            try expect(error.offset >= 0 && error.offset <= input.count, "error offset outside the input: \(error)")
            return
        case .success(let parsed):
            value = parsed
        }
        let canonical = value.canonicalBytes
        guard case .success(let reparsed) = try parse(canonical) else {
            throw InvariantViolation("the canonical encoding does not parse: \(value.canonicalText)")
        }
        try expect(reparsed.canonicalBytes == canonical, "canonical encoding is not a fixed point")
    }

    /// `JSONParser.parse` with its one documented error type made explicit.
    static func parse(_ bytes: [UInt8]) throws(InvariantViolation) -> Result<JSONValue, JSONParseError> {
        do {
            return .success(try JSONParser.parse(bytes))
        } catch let error as JSONParseError {
            return .failure(error)
        } catch {
            throw InvariantViolation("JSONParser threw \(type(of: error)), which it does not document: \(error)")
        }
    }
}
