import MirrorCore
import MirrorProviders

/// Turns one provider record into what the mirror stores: the common columns, the redacted canonical
/// snapshot and its content hash, and the owner hint.
///
/// The snapshot is redacted before it is hashed, so a secret never reaches the database, and a secret's
/// rotation still changes the hash through its fingerprint.
public struct Normalizer: Sendable {
    public let schema: ProviderSchema
    let redactor: Redactor
    let account: AccountConfiguration
    /// What `normalize` decides by, besides the record: the description, the fingerprint key and the
    /// code (`version`). A raw digest seeded with it stops matching when any of them changes.
    let rawDigestSeed: UInt64
    let name: LiftedField
    /// Also where the canonical writer marks the prompt's bytes.
    let prompt: LiftedField
    let model: LiftedField?
    let voice: LiftedField?
    let greeting: LiftedField?
    /// name, prompt, model, voice, greeting: the order of `SnapshotWalk.Output.lifted`.
    let liftedFields: [LiftedField?]
    /// The one-pass snapshot writer; nil for a description it cannot walk (see `SnapshotWalk`).
    let walk: SnapshotWalk?

    /// Bump whenever `normalize` can give another snapshot or `updated_at` for the same bytes, so the
    /// stored raw digests (migration 0004) stop vouching for the old output.
    /// 2: a header pair's members other than `value` get the rules of any object (a URL's user-info, a
    /// secret-named key); version 1 stored them as sent.
    static let version = 2

    public init(account: AccountConfiguration, fingerprintKey: FingerprintKey) {
        self.schema = ProviderSchema(account.effectiveDescription)
        self.redactor = Redactor(key: fingerprintKey)
        self.account = account
        self.accountHint = "account \(account.name)"
        let identity =
            "normalizer \(Self.version) \(MirrorVersion.current)\n\(String(reflecting: account.effectiveDescription))"
        self.rawDigestSeed = RawDigest.digest(Array(identity.utf8) + fingerprintKey.bytes)
        self.name = LiftedField(schema.namePath)
        self.prompt = LiftedField(schema.promptPath)
        self.model = schema.modelPath.map(LiftedField.init)
        self.voice = schema.voicePath.map(LiftedField.init)
        self.greeting = schema.greetingPath.map(LiftedField.init)
        self.liftedFields = [name, prompt, model, voice, greeting]
        self.walk = SnapshotWalk(
            redactor: redactor,
            volatile: schema.volatilePaths,
            secrets: schema.secretPaths,
            marking: prompt.segments ?? [],
            lifting: liftedFields.map { $0?.segments }
        )
    }

    /// The record's raw digest seeded with this normalizer's identity, as `assistants.raw_digest`
    /// stores it; nil when the adapter did not digest the record's bytes.
    func rawDigest(of record: RemoteRecord) -> Int64? {
        record.rawDigest.map(rawDigest(ofBytesDigest:))
    }

    /// The seeded digest of an item whose bytes digest (`RawDigest`) as `raw`.
    func rawDigest(ofBytesDigest raw: UInt64) -> Int64 {
        withUnsafeBytes(of: (rawDigestSeed, raw)) { Int64(bitPattern: RawDigest.digest($0)) }
    }

    /// Throws `NormalizationError` when a common field has a type the API does not document: such a
    /// record is not what we think it is, and its page is refused whole.
    public func normalize(_ record: RemoteRecord) throws -> AssistantObservation {
        try normalize(record, hashing: true)
    }

    /// With `hashing: false` the content hash is left empty, for `withContentHash()` to fill in only
    /// when the record turns out to be new or changed: the engine recognises an unchanged record by
    /// comparing its snapshot bytes with the stored ones, which costs far less than SHA-256 over them.
    func normalize(_ record: RemoteRecord, hashing: Bool) throws -> AssistantObservation {
        let snapshot = snapshot(of: record.raw)
        let lifted = snapshot.lifted
        let promptText = try string(lifted[1], at: prompt, record: record)
        return AssistantObservation(
            remoteID: record.remoteID,
            name: try string(lifted[0], at: name, record: record),
            prompt: promptText,
            model: try model.flatMap { try string(lifted[2], at: $0, record: record) },
            voice: lifted[3]?.stringValue,
            greeting: try greeting.flatMap { try string(lifted[4], at: $0, record: record) },
            providerUpdatedAt: providerUpdatedAt(of: record.raw),
            snapshot: String(decoding: snapshot.bytes, as: UTF8.self),
            contentHash: hashing ? SHA256.hash(snapshot.bytes).hexString : "",
            changedBy: nil,
            actorHint: actorHint(for: record.raw),
            promptRange: promptText != nil && snapshot.mark?.onlyCommonEscapes == true ? snapshot.mark?.range : nil
        )
    }

    /// The record's redacted canonical snapshot, the prompt's mark in it and the lifted values: by the
    /// one walk where the description allows it, else by the tree path.
    func snapshot(of record: JSONValue) -> SnapshotWalk.Output {
        walk?.snapshot(of: record) ?? treeSnapshot(of: record)
    }

    /// The same through whole trees: the record without its volatile paths, redacted, then encoded.
    /// The walk must give these bytes exactly (stored content hashes and raw digests depend on them);
    /// the differential tests hold it to that.
    func treeSnapshot(of record: JSONValue) -> SnapshotWalk.Output {
        let tree = redactor.redact(schema.removingVolatile(record), secretPaths: schema.secretPaths)
        let (bytes, mark) = tree.canonicalBytes(marking: prompt.segments ?? [])
        return SnapshotWalk.Output(bytes: bytes, mark: mark, lifted: liftedFields.map { $0?.value(in: tree) })
    }

    /// The hint for a deletion, when there is no record to read an owner from.
    public let accountHint: String

    public func isPromptBearing(_ pattern: String) -> Bool { schema.isPromptBearing(pattern) }

    func actorHint(for record: JSONValue) -> String {
        guard let owner = schema.ownerHint(record, account) else { return accountHint }
        return owner + "; " + accountHint
    }

    /// The newest of the record's modification times, normalized to the mirror's format. A value that
    /// cannot be read as a time is ignored rather than fatal: it stays in the snapshot as sent.
    func providerUpdatedAt(of record: JSONValue) -> String? {
        schema.updatedAtPatterns
            .flatMap { JSONPath.values(matching: $0, in: record) }
            .compactMap(schema.normalizedTime)
            .max()
    }

    private func string(_ value: JSONValue?, at field: LiftedField, record: RemoteRecord) throws -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let other?:
            throw NormalizationError(remoteID: record.remoteID, path: field.path, found: other.typeName)
        }
    }
}

extension AssistantObservation {
    /// The observation with its content hash, computing it when `Normalizer.normalize(_:hashing:)` left it out.
    func withContentHash() -> AssistantObservation {
        guard contentHash.isEmpty else { return self }
        var hashed = self
        hashed.contentHash = SHA256.hash(snapshot).hexString
        return hashed
    }
}

public struct NormalizationError: Error, Equatable, CustomStringConvertible {
    public let remoteID: String
    public let path: String
    public let found: String

    public var description: String {
        "assistant \(remoteID): '\(path)' should be a string or null, found \(found)"
    }
}
