import Foundation
import MirrorCore
import MirrorProviders
import MirrorStore

/// Writes a prompt to the provider through its documented update call, and records the attempt.
///
/// The order: re-read the assistant from the provider and refuse when it differs from the mirror's
/// current revision (a lost update; `force` overrides), send the smallest body, re-read at once and
/// record the new revision with the editor as `changed_by`, then append the `prompt_writes` entry in the
/// same transaction. Every attempt but a dry run is recorded, refused and failed ones included. Nothing
/// here logs a prompt or a key.
public struct PromptWriter: Sendable {
    let store: MirrorStore
    let http: any HTTPFetching
    let fingerprintKey: FingerprintKey
    let secrets: [String: Secret]
    let logger: Logger
    let didCommitChanges: (@Sendable () -> Void)?

    public init(
        store: MirrorStore,
        http: any HTTPFetching,
        fingerprintKey: FingerprintKey,
        secrets: [String: Secret],
        logger: Logger,
        didCommitChanges: (@Sendable () -> Void)? = nil
    ) {
        self.store = store
        self.http = http
        self.fingerprintKey = fingerprintKey
        self.secrets = secrets
        self.logger = logger.with(["component": "prompt-write"])
        self.didCommitChanges = didCommitChanges
    }

    /// Carries out `order` on `account`. `refusal` (forbidden, disabled) is decided by the caller, who
    /// knows the peer; it is recorded as is, or, for a dry run, named in the preview.
    public func write(
        _ order: PromptWriteOrder,
        account: AccountConfiguration,
        refusal: PromptWriteOutcome?
    ) async -> PromptWriteOutcome {
        let now = Timestamp.now()
        let mirror: MirrorState
        do {
            mirror = try await MirrorState.load(order, account: account, store: store, now: now)
        } catch {
            return PromptWriteOutcome(kind: .failed, message: "\(error)")
        }
        if order.dryRun { return preview(order, account: account, mirror: mirror, refusal: refusal) }
        var (outcome, reread) = await attempt(order, account: account, mirror: mirror, refusal: refusal)
        outcome.hashBefore = mirror.contentHash
        do {
            try await record(&outcome, reread: reread, order: order, account: account, mirror: mirror, at: now)
        } catch {
            outcome = PromptWriteOutcome(kind: .failed, message: "the attempt could not be recorded: \(error)")
        }
        logger.notice(
            "prompt write",
            [
                "account": order.account, "assistant": order.remoteID, "operation": order.operation.rawValue,
                "by": order.requestedBy, "outcome": outcome.kind.rawValue,
                "status": outcome.providerStatus.map(String.init) ?? "-",
            ]
        )
        return outcome
    }

    private func preview(
        _ order: PromptWriteOrder,
        account: AccountConfiguration,
        mirror: MirrorState,
        refusal: PromptWriteOutcome?
    ) -> PromptWriteOutcome {
        do {
            let prepared = try PromptUpdate(account: account).request(
                remoteID: order.remoteID,
                prompt: order.prompt,
                record: mirror.snapshot,
                key: nil
            ).prepared
            let note = refusal.map { " A real run would be refused now: \($0.message)" } ?? ""
            return PromptWriteOutcome(
                kind: .previewed,
                message: "dry run: nothing was sent or recorded." + note,
                hashBefore: mirror.contentHash,
                request: prepared
            )
        } catch {
            return PromptWriteOutcome(kind: .failed, message: "\(error)", hashBefore: mirror.contentHash)
        }
    }

    /// Everything up to the re-read after the write, which a `written` outcome comes with.
    private func attempt(
        _ order: PromptWriteOrder,
        account: AccountConfiguration,
        mirror: MirrorState,
        refusal: PromptWriteOutcome?
    ) async -> (PromptWriteOutcome, RemoteRecord?) {
        if let refusal { return (refusal, nil) }
        guard let key = secrets[account.name] else {
            return (
                PromptWriteOutcome(kind: .failed, message: "no API key was loaded for account \(account.name)"), nil
            )
        }
        guard let sender = http as? any HTTPSending else {
            return (PromptWriteOutcome(kind: .failed, message: "this mirror's HTTP client cannot send updates"), nil)
        }
        let provider = ProviderFactory.make(account: account, apiKey: key, http: http)
        let normalizer = Normalizer(account: account, fingerprintKey: fingerprintKey)
        do {
            let before = try await Self.fetch(order.remoteID, from: provider)
            let remoteHash = try normalizer.normalize(before).contentHash
            if remoteHash != mirror.contentHash, !order.force {
                let conflict = PromptWriteOutcome(
                    kind: .conflict,
                    message: "\(order.account)/\(order.remoteID) changed at \(account.provider.rawValue) since the "
                        + "mirror's revision \(mirror.revision) (content hash \(remoteHash.prefix(12)) there, "
                        + "\(mirror.contentHash.prefix(12)) here); nothing was sent. Run `assistant-mirror sync`, "
                        + "look at `diff`, then write again, or pass --force to overwrite"
                )
                return (conflict, nil)
            }
            let status = try await PromptUpdate(account: account).send(
                remoteID: order.remoteID,
                prompt: order.prompt,
                record: before.raw,
                key: key,
                http: sender
            )
            let after: RemoteRecord
            do {
                after = try await Self.fetch(order.remoteID, from: provider)
            } catch {
                let message =
                    "\(account.provider.rawValue) accepted the update (HTTP \(status)), but reading it back failed: "
                    + "\(error). The next crawl records the change, without its editor"
                return (PromptWriteOutcome(kind: .failed, message: message, providerStatus: status), nil)
            }
            let written = PromptWriteOutcome(
                kind: .written,
                message: "written",
                providerStatus: status,
                changedBy: order.requestedBy
            )
            return (written, after)
        } catch let error as PromptUpdateError {
            let status: Int? =
                switch error {
                case .refused(_, let status, _), .replyNotAssistant(_, let status): status
                default: nil
                }
            return (PromptWriteOutcome(kind: .failed, message: error.description, providerStatus: status), nil)
        } catch {
            return (PromptWriteOutcome(kind: .failed, message: "\(error)"), nil)
        }
    }

    private static func fetch(_ remoteID: String, from provider: any AssistantProvider) async throws -> RemoteRecord {
        guard case .found(let record) = try await provider.fetchOne(remoteID: remoteID) else {
            throw PromptWriteError.gone(remoteID: remoteID, provider: provider.kind.rawValue)
        }
        return record
    }

    /// Appends the attempt, and for a write the re-read as a revision, in one transaction.
    private func record(
        _ outcome: inout PromptWriteOutcome,
        reread: RemoteRecord?,
        order: PromptWriteOrder,
        account: AccountConfiguration,
        mirror: MirrorState,
        at now: String
    ) async throws {
        let engine = SyncEngine(
            store: store,
            account: account,
            provider: ProviderFactory.make(account: account, apiKey: secrets[account.name] ?? Secret(""), http: http),
            normalizer: Normalizer(account: account, fingerprintKey: fingerprintKey),
            logger: logger
        )
        let written = try await store.write { writer -> (seq: Int?, hash: String?, revision: Int?) in
            var revisionSeq: Int?
            if let reread {
                revisionSeq = try engine.recordWritten(
                    reread,
                    editor: order.requestedBy,
                    accountID: mirror.accountID,
                    writer: writer
                )
            }
            let current = try writer.assistant(accountID: mirror.accountID, remoteID: order.remoteID)
            try writer.appendPromptWrite(
                RevisionChain.PromptWriteEntry(
                    account: order.account,
                    remoteID: order.remoteID,
                    facts: WriteAttemptFacts(
                        operation: order.operation.rawValue,
                        revertedTo: order.revertedTo,
                        requestedBy: order.requestedBy,
                        requestedAt: now,
                        reason: order.reason,
                        forced: order.force,
                        outcome: outcome.kind.rawValue,
                        providerStatus: outcome.providerStatus,
                        error: outcome.kind == .written ? nil : outcome.message,
                        hashBefore: mirror.contentHash,
                        hashAfter: reread == nil ? nil : current?.contentHash
                    ),
                    revisionSeq: revisionSeq
                ),
                accountID: mirror.accountID
            )
            return (
                revisionSeq, reread == nil ? nil : current?.contentHash, revisionSeq == nil ? nil : current?.revision
            )
        }
        outcome.hashAfter = written.hash
        outcome.revision = written.revision
        if reread != nil {
            outcome.message =
                written.revision.map { "written; recorded as revision \($0)" }
                ?? "written; the provider's record reads back unchanged, so no revision was recorded"
            didCommitChanges?()
        }
    }
}

/// What the mirror holds for the assistant when an attempt begins.
struct MirrorState {
    let accountID: Int
    let revision: Int
    let contentHash: String
    let snapshot: JSONValue

    static func load(
        _ order: PromptWriteOrder,
        account: AccountConfiguration,
        store: MirrorStore,
        now: String
    ) async throws -> MirrorState {
        try await store.read { writer in
            let accountID = try writer.accountID(name: account.name, provider: account.provider, now: now)
            guard let stored = try writer.assistant(accountID: accountID, remoteID: order.remoteID),
                stored.deletedAt == nil
            else { throw PromptWriteError.notMirrored(account: order.account, remoteID: order.remoteID) }
            let snapshot = try writer.currentSnapshot(assistantID: stored.id).flatMap { try? JSONParser.parse($0) }
            return MirrorState(
                accountID: accountID,
                revision: stored.revision,
                contentHash: stored.contentHash,
                snapshot: snapshot ?? .null
            )
        }
    }
}

enum PromptWriteError: Error, CustomStringConvertible {
    case gone(remoteID: String, provider: String)
    case notMirrored(account: String, remoteID: String)

    var description: String {
        switch self {
        case .gone(let remoteID, let provider):
            "\(provider) answered that assistant \(remoteID) does not exist (GET-one 404); nothing was sent"
        case .notMirrored(let account, let remoteID):
            "\(account)/\(remoteID) is not a live assistant in the mirror; run `list` to see the ids"
        }
    }
}
