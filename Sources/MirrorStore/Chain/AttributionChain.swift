import MirrorCore

/// The chain encoding of an attribution: the editor(s) of one revision according to the provider's
/// audit log (issue "Who changed it"). Attributions share the revisions' seq numbers and chain like
/// prunes (`RevisionChain`): `row_hash(n) = SHA-256(prev_hash(n) ‖ encoding(n))`, with
///
///     "assistant-mirror/attribution/v1"
///     then, length-prefixed as in RevisionChain: seq, revision_seq, source, changed_by,
///       ambiguous ("0"/"1"), event_ids, attributed_at
///
/// Integers are decimal text. Changing the encoding means a new version tag, never an edit of this one.
public struct AttributionEntry: Sendable, Equatable {
    static let tag = Array("assistant-mirror/attribution/v1".utf8)

    public var seq: Int
    public var revisionSeq: Int
    public var source: String
    /// One editor, or all of them joined with ", " when `ambiguous`.
    public var changedBy: String
    public var ambiguous: Bool
    /// The provider's event ids it rests on, comma-separated, in created_at order.
    public var eventIDs: String
    public var attributedAt: String

    public func rowHash(previousHash: String) -> String {
        var encoded = Self.tag
        for field in [
            String(seq), String(revisionSeq), source, changedBy, ambiguous ? "1" : "0", eventIDs, attributedAt,
        ] {
            RevisionChain.append(field, to: &encoded)
        }
        var hasher = SHA256()
        hasher.update(RevisionChain.hexBytes(previousHash))
        hasher.update(encoded)
        return hasher.finalize().hexString
    }
}
