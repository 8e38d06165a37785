import MirrorCore

/// Writes a `JSONObject` as canonical JSON: the bytes `JSONValue.canonicalBytes` gives for the same
/// object (keys in UTF-8 byte order, the same escapes), but without a dictionary per object.
///
/// The rows of a reply are objects of one type, set in the same order each time, so the sorted order
/// of an object's members is worked out once per shape and reused while the keys match (checked key by
/// key; the keys are the same string literals, so each check is a comparison of two words). A profile
/// of `changes` with limit 100 spent half the request building and sorting row dictionaries.
struct CanonicalObjectWriter {
    var bytes: [UInt8] = []
    /// The last sorted order seen for objects of each member count.
    private var orders: [Int: (keys: [String], order: [Int])] = [:]

    init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    mutating func write(_ object: JSONObject) {
        let members = object.members
        let order = sortedOrder(of: members)
        bytes.append(UInt8(ascii: "{"))
        for (position, index) in order.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONValue.string(members[index].key).write(to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            switch members[index].member {
            case .value(let value): value.write(to: &bytes)
            case .object(let nested): write(nested)
            case .objects(let rows):
                bytes.append(UInt8(ascii: "["))
                for (row, nested) in rows.enumerated() {
                    if row > 0 { bytes.append(UInt8(ascii: ",")) }
                    write(nested)
                }
                bytes.append(UInt8(ascii: "]"))
            }
        }
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func sortedOrder(of members: [(key: String, member: JSONObject.Member)]) -> [Int] {
        if let known = orders[members.count], known.keys.elementsEqual(members.lazy.map(\.key)) {
            return known.order
        }
        let order = members.indices.sorted { members[$0].key.utf8.lexicographicallyPrecedes(members[$1].key.utf8) }
        orders[members.count] = (members.map(\.key), order)
        return order
    }
}
