import MirrorCore

/// The hash chain over the history, which makes an edit of any stored revision detectable.
///
/// `row_hash(n) = SHA-256(prev_hash(n) ‖ encoding(n))`, where `prev_hash(n)` is `row_hash(n-1)` and the
/// first revision's is 32 zero bytes. `encoding` is fixed and length-prefixed, so no two different
/// revisions can encode alike (no ambiguity between `("a","bc")` and `("ab","c")`):
///
///     "assistant-mirror/revision/v1"
///     then, for each field in this order: 0x00 when absent, else 0x01 ‖ UInt64 big-endian byte count ‖ UTF-8 bytes
///       seq, account, provider, remote_id, revision, change_kind, observed_at, previous_observed_at,
///       provider_updated_at, content_hash, changed_by, actor_hint, name, prompt,
///       hex SHA-256 of snapshot, hex SHA-256 of the field changes
///     the snapshot's digest is its content_hash, which is that very SHA-256: the normalizer computed it
///     once, and `verify` checks it against the stored snapshot before it checks the row hash
///     the field changes hash covers each change in path order: path, old_value, new_value, prompt_bearing ("0"/"1")
///
/// A revision that stores its prompt once, as a span of its snapshot (migration 0007: `prompt` NULL,
/// `prompt_offset` and `prompt_length` set, `PromptSpan`), is encoded as
///
///     "assistant-mirror/revision/v2", then the v1 fields with prompt_offset and prompt_length (decimal)
///       after prompt: seq, …, name, prompt (the stored column, so NULL: 0x00), prompt_offset,
///       prompt_length, hex SHA-256 of snapshot, hex SHA-256 of the field changes
///     the prompt's bytes are covered through the snapshot's digest, so they are hashed once; the stored
///     prompt column stays in the encoding, so writing a prompt into it breaks the row's hash, and so
///     does moving the span or clearing it (which makes the row read as v1)
///
/// Revisions written before migration 0007, and those with no prompt or one the span cannot give back
/// exactly, keep the v1 encoding; one chain holds both.
///
/// A prune (retention) is a chain entry too, encoded as
///
///     "assistant-mirror/prune/v1", then seq, pruned_at, cutoff, removed, hex SHA-256 of the gaps
///     the gaps hash covers each gap in first_seq order: first_seq, last_seq, resume_seq, bridge_from, bridge_to
///
/// An attribution (who made a revision, from the provider's audit log) is a chain entry too, encoded as
/// "assistant-mirror/attribution/v1" (`AttributionEntry`, AttributionChain.swift).
///
/// Integers are written as decimal text. This is the documented encoding `verify` recomputes; changing
/// it means a new version tag, never an edit of this one.
public enum RevisionChain {
    public static let genesisHash = String(repeating: "0", count: 64)
    static let domainTag = Array("assistant-mirror/revision/v1".utf8)
    static let spanDomainTag = Array("assistant-mirror/revision/v2".utf8)
    static let pruneTag = Array("assistant-mirror/prune/v1".utf8)

    /// A revision with what places it in the chain: its seq and its assistant's account, provider and
    /// remote id. The revision's own fields live in `NewRevision`, once.
    public struct Entry: Sendable, Equatable {
        public var seq: Int
        public var account: String
        public var provider: String
        public var remoteID: String
        public var revision: NewRevision

        public init(seq: Int, account: String, provider: String, remoteID: String, revision: NewRevision) {
            self.seq = seq
            self.account = account
            self.provider = provider
            self.remoteID = remoteID
            self.revision = revision
        }
    }

    /// `row_hash` for `entry` following `previousHash` (hex).
    public static func rowHash(previousHash: String, entry: Entry) -> String {
        var hasher = SHA256()
        hasher.update(hexBytes(previousHash))
        hasher.update(encoding(of: entry))
        return hasher.finalize().hexString
    }

    static func encoding(of entry: Entry) -> [UInt8] {
        let revision = entry.revision
        var output = revision.promptSpan == nil ? domainTag : spanDomainTag
        output.reserveCapacity(1024 + (revision.prompt?.utf8.count ?? 0))
        append(decimal: entry.seq, to: &output)
        append(entry.account, to: &output)
        append(entry.provider, to: &output)
        append(entry.remoteID, to: &output)
        append(decimal: revision.revision, to: &output)
        append(revision.kind.rawValue, to: &output)
        append(revision.observedAt, to: &output)
        append(revision.previousObservedAt, to: &output)
        append(revision.providerUpdatedAt, to: &output)
        append(revision.contentHash, to: &output)
        append(revision.changedBy, to: &output)
        append(revision.actorHint, to: &output)
        append(revision.name, to: &output)
        append(revision.prompt, to: &output)
        if let span = revision.promptSpan {
            append(decimal: span.offset, to: &output)
            append(decimal: span.length, to: &output)
        }
        append(revision.contentHash, to: &output)
        append(fieldsDigest(revision.fields), to: &output)
        return output
    }

    /// A run of revisions removed by a prune, and the hashes that bridge it.
    public struct Gap: Sendable, Equatable {
        public var firstSeq: Int
        public var lastSeq: Int
        public var resumeSeq: Int
        public var bridgeFrom: String
        public var bridgeTo: String
    }

    /// The fields of a prune record that the chain covers.
    public struct PruneEntry: Sendable, Equatable {
        public var seq: Int
        public var prunedAt: String
        public var cutoff: String
        public var removed: Int
        public var gaps: [Gap]
    }

    public static func rowHash(previousHash: String, prune: PruneEntry) -> String {
        var gapsEncoding: [UInt8] = []
        for gap in prune.gaps.sorted(by: { $0.firstSeq < $1.firstSeq }) {
            for part in [
                String(gap.firstSeq), String(gap.lastSeq), String(gap.resumeSeq), gap.bridgeFrom, gap.bridgeTo,
            ] {
                append(part, to: &gapsEncoding)
            }
        }
        var encoded = pruneTag
        for field in [
            String(prune.seq), prune.prunedAt, prune.cutoff, String(prune.removed), SHA256.hash(gapsEncoding).hexString,
        ] {
            append(field, to: &encoded)
        }
        var hasher = SHA256()
        hasher.update(hexBytes(previousHash))
        hasher.update(encoded)
        return hasher.finalize().hexString
    }

    /// A new assistant's revision has no field changes; their digest is this constant.
    static let noFieldsDigest = SHA256.hash([UInt8]()).hexString

    static func fieldsDigest(_ fields: [FieldChange]) -> String {
        guard !fields.isEmpty else { return noFieldsDigest }
        var encoded: [UInt8] = []
        for change in fields.sorted(by: { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }) {
            for part in [change.path, change.oldValue, change.newValue, change.promptBearing ? "1" : "0"] as [String?] {
                append(part, to: &encoded)
            }
        }
        return SHA256.hash(encoded).hexString
    }

    static func append(_ field: String?, to output: inout [UInt8]) {
        guard let field else {
            output.append(0)
            return
        }
        output.append(1)
        let bytes = field.utf8
        withUnsafeBytes(of: UInt64(bytes.count).bigEndian) { output.append(contentsOf: $0) }
        output.append(contentsOf: bytes)
    }

    /// An integer field: its decimal text, encoded like any other present field.
    static func append(decimal value: Int, to output: inout [UInt8]) {
        // Int.min has 20 characters with its sign; the digits are written from the right.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var magnitude = value.magnitude
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude != 0
            if value < 0 {
                start -= 1
                digits[start] = UInt8(ascii: "-")
            }
            output.append(1)
            withUnsafeBytes(of: UInt64(digits.count - start).bigEndian) { output.append(contentsOf: $0) }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// Decodes a hex digest; a malformed one (only possible after tampering) decodes to different bytes
    /// and so breaks the chain, which is the point.
    static func hexBytes(_ hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        var iterator = hex.utf8.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            bytes.append(nibble(high) << 4 | nibble(low))
        }
        return bytes
    }

    private static func nibble(_ character: UInt8) -> UInt8 {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        default: 0xFF
        }
    }
}
