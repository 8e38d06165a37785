import Foundation
import MirrorCore
import MirrorProtocol
import MirrorStore

extension QueryHandler {
    /// `set-prompt`, `revert`: the new prompt and its diff are worked out here from the mirror; the
    /// daemon decides who may write, talks to the provider and records the attempt.
    func writePrompt(_ request: PromptWriteRequest, id: JSONValue, peer: PeerCredentials?) throws -> PromptWriteResult {
        guard let daemon else {
            throw QueryFailure(
                id: id,
                code: .unavailable,
                message: "\(request.operation.rawValue) needs the running daemon, which holds the API keys; start it "
                    + "(systemctl start assistant-mirror) and ask again"
            )
        }
        let assistantID = try reader.resolve(request.assistant)
        let current = try reader.show(assistantID: assistantID)
        let key = current.header.key
        let prompt: String
        var revertedTo: Int?
        switch request.change {
        case .prompt(let text): prompt = text
        case .revision(let number):
            let target = try reader.revision(assistantID: assistantID, number: number)
            guard let text = target.prompt else {
                throw QueryFailure(
                    id: id,
                    code: .badRequest,
                    message: "revision \(number) of \(key.label) has no main prompt to restore (\(target.changeKind)); "
                        + "`history \(key.label)` lists the revisions"
                )
            }
            prompt = text
            revertedTo = number
        }
        let order = PromptWriteOrder(
            account: key.account,
            remoteID: key.remoteID,
            operation: request.operation == .revert ? .revert : .setPrompt,
            revertedTo: revertedTo,
            prompt: prompt,
            reason: request.reason,
            force: request.force,
            dryRun: request.dryRun,
            requestedBy: Self.editor(peer)
        )
        let outcome = daemon.writePrompt(order, peer: peer)
        let code: QueryFailure.Code? =
            switch outcome.kind {
            case .written, .previewed: nil
            case .forbidden: .forbidden
            case .disabled: .writeDisabled
            case .conflict: .conflict
            case .failed: .writeFailed
            }
        if let code { throw QueryFailure(id: id, code: code, message: outcome.message) }
        return PromptWriteResult(
            assistant: key.label,
            outcome: outcome.kind.rawValue,
            message: outcome.message,
            dryRun: request.dryRun,
            promptDiff: LineDiff.unified(
                old: current.prompt ?? "",
                new: prompt,
                oldLabel: "\(key.label) revision \(current.header.revision) (mirror)",
                newLabel: "\(key.label) " + (revertedTo.map { "revision \($0)" } ?? "new prompt"),
                missingNewline: .onlyWhenSidesDiffer
            ),
            request: outcome.request,
            providerStatus: outcome.providerStatus,
            hashBefore: outcome.hashBefore,
            hashAfter: outcome.hashAfter,
            revision: outcome.revision,
            changedBy: outcome.changedBy
        )
    }

    /// `unix:<user name> (uid N)` from the peer's uid and the user database (getpwuid(3)).
    static func editor(_ peer: PeerCredentials?) -> String {
        guard let peer else { return "unix:unknown" }
        let name = getpwuid(peer.uid).map { String(cString: $0.pointee.pw_name) }
        return PromptWriteOrder.editor(userName: name, uid: peer.uid)
    }
}
