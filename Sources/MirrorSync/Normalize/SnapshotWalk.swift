import MirrorCore

/// The normalizer's one pass over a parsed record: it leaves out the volatile paths, applies the
/// redaction rules and writes the canonical bytes as it goes, and notes the prompt's span and the
/// lifted fields' values on the way. It gives the bytes the tree path gives (`removingVolatile`, then
/// `Redactor.redact(_:secretPaths:)`, then `canonicalBytes(marking:)`), without the two intermediate
/// trees that path builds per record, nor the lifted fields looked up again in the last one.
///
/// It walks patterns of keys, `*` and `[*]` only, where a path's match depends on its keys and the
/// containers above it and never on what another pattern removed or rewrote. `**` is not one of them
/// (`PathPattern.rewriting` stops below a level it changed), so a description with `**` among its
/// volatile or secret paths gets no walk and keeps the tree path.
struct SnapshotWalk: Sendable {
    /// What the walk gives for a record; see `Normalizer.snapshot(of:)`.
    struct Output {
        var bytes: [UInt8]
        /// Where the string at the marked path went (`JSONValue.canonicalBytes(marking:)`).
        var mark: JSONValue.Mark?
        /// The redacted value at each lifted path, nil where there is none. Strings are the final text;
        /// other values are as the record has them, as only their type is asked.
        var lifted: [JSONValue?]
    }

    /// How `Redactor`'s name rule treats a value.
    enum Context {
        /// `redacted(_:underSecretKey: false)`: URLs lose their user-info; keys are read for meaning.
        case plain
        /// `redacted(_:underSecretKey: true)`: every non-empty string is fingerprinted.
        case secret
        /// `redactHeaders`: the value of a key that names a header collection.
        case headers
        /// An object in a header array: its `value` is secret, its other members are plain.
        case headerPair
    }

    /// Which patterns and targets are still on the path to a value (bit i: the i-th of its list).
    struct Position {
        var depth: Int
        var volatile: UInt64
        var secrets: UInt64
        /// A secret pattern matched this value or one above it: its strings get fingerprinted.
        var inSecret: Bool
        var targets: UInt64
    }

    let redactor: Redactor
    let volatile: [[PathPattern.Step]]
    let secrets: [[PathPattern.Step]]
    /// The marked path first, then the lifted paths; a path that names nothing is left out of
    /// `rootTargets` and stays empty here.
    let targets: [[JSONPath.Segment]]
    let rootTargets: UInt64

    /// Nil when a volatile or secret pattern has `**`, or a list holds more patterns than a mask has bits.
    init?(
        redactor: Redactor,
        volatile: [PathPattern],
        secrets: [PathPattern],
        marking: [JSONPath.Segment],
        lifting: [[JSONPath.Segment]?]
    ) {
        let patterns = volatile + secrets
        guard volatile.count <= 64, secrets.count <= 64, lifting.count < 64,
            !patterns.contains(where: { $0.steps.contains(.anyDepth) })
        else { return nil }
        self.redactor = redactor
        self.volatile = volatile.map(\.steps)
        self.secrets = secrets.map(\.steps)
        let paths = [marking] + lifting
        self.targets = paths.map { $0 ?? [] }
        self.rootTargets = paths.indices.reduce(0) { bits, index in
            paths[index] == nil ? bits : bits | 1 << UInt64(index)
        }
    }

    func snapshot(of record: JSONValue) -> Output {
        var output = Output(bytes: [], mark: nil, lifted: Array(repeating: nil, count: targets.count - 1))
        // Snapshots are kilobytes: start near their size rather than doubling up to it.
        output.bytes.reserveCapacity(8192)
        let root = Position(
            depth: 0,
            volatile: Self.allBits(volatile.count),
            secrets: Self.allBits(secrets.count),
            inSecret: false,
            targets: rootTargets
        )
        write(record, at: root, context: .plain, into: &output)
        return output
    }

    private static func allBits(_ count: Int) -> UInt64 {
        count == 64 ? ~0 : (1 << UInt64(count)) - 1
    }

    private func write(_ value: JSONValue, at position: Position, context: Context, into output: inout Output) {
        var here: UInt64 = 0
        forEachBit(position.targets) { if targets[$0].count == position.depth { here |= 1 << UInt64($0) } }
        switch value {
        case .string(let text):
            let final = redacted(text, context: context, inSecret: position.inSecret)
            let written = JSONValue.writeMarkedString(final, to: &output.bytes)
            if here & 1 != 0 { output.mark = written }
            if here > 1 { record(.string(final), at: here, into: &output) }
        case .array(let elements):
            record(value, at: here, into: &output)
            writeArray(elements, at: position, context: context, into: &output)
        case .object(let members):
            record(value, at: here, into: &output)
            writeObject(members, at: position, context: context, into: &output)
        default:
            record(value, at: here, into: &output)
            value.write(to: &output.bytes)
        }
    }

    /// The name rule (`Redactor.redacted`), then the secret paths (`fingerprintingStrings`).
    private func redacted(_ text: String, context: Context, inSecret: Bool) -> String {
        var final = text
        switch context {
        case .plain: final = redactor.redactedURLUserInfo(text) ?? text
        case .secret, .headers: if !text.isEmpty { final = redactor.key.fingerprint(text) }
        case .headerPair: break
        }
        if inSecret, !final.isEmpty, !final.hasPrefix(Redactor.fingerprintPrefix) {
            final = redactor.key.fingerprint(final)
        }
        return final
    }

    private func record(_ value: JSONValue, at here: UInt64, into output: inout Output) {
        forEachBit(here >> 1) { output.lifted[$0] = value }
    }

    private func writeObject(
        _ members: [String: JSONValue],
        at position: Position,
        context: Context,
        into output: inout Output
    ) {
        output.bytes.append(UInt8(ascii: "{"))
        var first = true
        for member in JSONValue.sortedMembers(members) {
            // Matched without building a `.key` per comparison, which retains the key each time.
            let fits = { (step: PathPattern.Step) -> Bool in
                switch step {
                case .anyKey: true
                case .key(let name): name == member.key
                default: false
                }
            }
            guard var childPosition = child(of: position, fits: fits) else { continue }
            forEachBit(position.targets) { index in
                if targets[index].count > position.depth, case .key(let name) = targets[index][position.depth],
                    name == member.key
                {
                    childPosition.targets |= 1 << UInt64(index)
                }
            }
            if !first { output.bytes.append(UInt8(ascii: ",")) }
            first = false
            JSONValue.writeString(member.key, to: &output.bytes)
            output.bytes.append(UInt8(ascii: ":"))
            write(
                member.value,
                at: childPosition,
                context: memberContext(member.key, of: member.value, in: context),
                into: &output
            )
        }
        output.bytes.append(UInt8(ascii: "}"))
    }

    private func writeArray(_ elements: [JSONValue], at position: Position, context: Context, into output: inout Output)
    {
        output.bytes.append(UInt8(ascii: "["))
        var written = 0
        for element in elements {
            guard var childPosition = child(of: position, fits: { $0 == .anyIndex }) else { continue }
            forEachBit(position.targets) { index in
                if targets[index].count > position.depth, targets[index][position.depth] == .index(written) {
                    childPosition.targets |= 1 << UInt64(index)
                }
            }
            if written > 0 { output.bytes.append(UInt8(ascii: ",")) }
            written += 1
            write(element, at: childPosition, context: elementContext(element, in: context), into: &output)
        }
        output.bytes.append(UInt8(ascii: "]"))
    }

    /// The position one step below, for a step the patterns' steps at this depth `fits`; nil when a
    /// volatile pattern ends there, which removes the value.
    private func child(of position: Position, fits: (PathPattern.Step) -> Bool) -> Position? {
        var child = Position(
            depth: position.depth + 1,
            volatile: 0,
            secrets: 0,
            inSecret: position.inSecret,
            targets: 0
        )
        var removed = false
        forEachBit(position.volatile) { index in
            let steps = volatile[index]
            guard fits(steps[position.depth]) else { return }
            if steps.count == child.depth { removed = true } else { child.volatile |= 1 << UInt64(index) }
        }
        if removed { return nil }
        forEachBit(position.secrets) { index in
            let steps = secrets[index]
            guard fits(steps[position.depth]) else { return }
            if steps.count == child.depth { child.inSecret = true } else { child.secrets |= 1 << UInt64(index) }
        }
        return child
    }

    /// `Redactor.redacted` reads an object's keys for meaning; `redactHeaders` does not.
    /// A key's meaning only changes strings: a number, a boolean, null or an empty string comes out
    /// alike in every context, so their keys (a third of a PureTalk record's) are not read.
    private func memberContext(_ key: String, of value: JSONValue, in context: Context) -> Context {
        switch value {
        case .string(let text) where text.isEmpty: return context
        case .number, .bool, .null: return context
        case .string, .array, .object: break
        }
        return switch context {
        case .plain, .secret:
            switch Redactor.meaning(ofKey: key) {
            case .headers: .headers
            case .secret: .secret
            case .plain: context
            }
        case .headers: .secret
        case .headerPair: key == "value" ? .secret : memberContext(key, of: value, in: .plain)
        }
    }

    /// A header array holds `{name, value}` pairs; anything else in it is secret whole.
    private func elementContext(_ element: JSONValue, in context: Context) -> Context {
        switch context {
        case .headers:
            if case .object = element { .headerPair } else { .secret }
        // A header pair is an object, so it has no elements: its members get `memberContext`.
        case .headerPair: .plain
        case .plain, .secret: context
        }
    }

    @inline(__always)
    private func forEachBit(_ mask: UInt64, _ body: (Int) -> Void) {
        var bits = mask
        while bits != 0 {
            body(bits.trailingZeroBitCount)
            bits &= bits - 1
        }
    }
}
