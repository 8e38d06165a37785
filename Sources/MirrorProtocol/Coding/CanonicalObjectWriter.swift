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
    /// The last shape seen for objects of each member count.
    private var shapes: [Int: Shape] = [:]

    /// The members' keys in the order they were set, the order to write them in, and each key already
    /// written as `"key":` (after the first with the comma before it), so a row's keys are copied
    /// rather than escaped again for every row: the keys were a fifth of the bytes a `changes` reply
    /// escaped one string at a time.
    private struct Shape {
        let keys: [String]
        let order: [Int]
        let keyBytes: [UInt8]
        /// The range of `keyBytes` to copy before each member, by its position in `order`.
        let keyRanges: [Range<Int>]

        init(keys: [String]) {
            self.keys = keys
            order = keys.indices.sorted { keys[$0].utf8.lexicographicallyPrecedes(keys[$1].utf8) }
            var keyBytes: [UInt8] = []
            var keyRanges: [Range<Int>] = []
            for (position, index) in order.enumerated() {
                let start = keyBytes.count
                if position > 0 { keyBytes.append(UInt8(ascii: ",")) }
                JSONValue.string(keys[index]).write(to: &keyBytes)
                keyBytes.append(UInt8(ascii: ":"))
                keyRanges.append(start..<keyBytes.count)
            }
            self.keyBytes = keyBytes
            self.keyRanges = keyRanges
        }
    }

    init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    mutating func write(_ object: JSONObject) {
        let members = object.members
        let shape = shape(of: members)
        bytes.append(UInt8(ascii: "{"))
        for (position, index) in shape.order.enumerated() {
            shape.keyBytes.withUnsafeBufferPointer { keyBytes in
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: keyBytes[shape.keyRanges[position]]))
            }
            switch members[index].member {
            case .value(let value): value.write(to: &bytes)
            case .object(let nested): write(nested)
            case .rows(let rows):
                bytes.append(UInt8(ascii: "["))
                var row = JSONObject()
                for index in 0..<rows.count {
                    if index > 0 { bytes.append(UInt8(ascii: ",")) }
                    let start = bytes.count
                    row.removeAll()
                    rows.encode(index, &row)
                    write(row)
                    // Room for the other rows at the first one's size, in one step rather than the
                    // doublings (and copies) of a reply that grows to tens of kilobytes.
                    if index == 0 { bytes.reserveCapacity(bytes.count + (bytes.count - start + 1) * (rows.count - 1)) }
                }
                bytes.append(UInt8(ascii: "]"))
            }
        }
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func shape(of members: [(key: String, member: JSONObject.Member)]) -> Shape {
        if let known = shapes[members.count], members.indices.allSatisfy({ members[$0].key == known.keys[$0] }) {
            return known
        }
        let shape = Shape(keys: members.map(\.key))
        shapes[members.count] = shape
        return shape
    }
}
