import Foundation
import MirrorCore
import MirrorServer
import MirrorSync
import Synchronization

/// The daemon's side of `set-prompt` and `revert`: the guards that need the configuration and the
/// peer (`write = on`, `write-group`), then the `PromptWriter` of the current keys, run to its end
/// while the connection's thread waits.
final class PromptWrites: Sendable {
    private let configuration: Current<MirrorConfiguration>
    private let writer: Current<PromptWriter>

    init(configuration: MirrorConfiguration, writer: PromptWriter) {
        self.configuration = Current(configuration)
        self.writer = Current(writer)
    }

    /// After a reload: the new accounts, settings and keys apply to the next write.
    func replace(configuration: MirrorConfiguration, writer: PromptWriter) {
        self.configuration.value = configuration
        self.writer.value = writer
    }

    func write(_ order: PromptWriteOrder, peer: PeerCredentials?) -> PromptWriteOutcome {
        let configuration = configuration.value
        guard let account = configuration.account(named: order.account) else {
            return PromptWriteOutcome(
                kind: .failed,
                message: "account \(order.account) is in the mirror but not in the daemon's configuration; "
                    + "writes go only to configured accounts"
            )
        }
        let writer = writer.value
        let refusal = Self.refusal(peer: peer, account: account, configuration: configuration)
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<PromptWriteOutcome?>(nil)
        // The connection's own thread waits, never a thread of the cooperative pool.
        Task {
            let outcome = await writer.write(order, account: account, refusal: refusal)
            result.withLock { $0 = outcome }
            done.signal()
        }
        done.wait()
        return result.withLock { $0! }
    }

    /// Forbidden before disabled: who asks is judged before what the account allows.
    static func refusal(
        peer: PeerCredentials?,
        account: AccountConfiguration,
        configuration: MirrorConfiguration
    ) -> PromptWriteOutcome? {
        let permission = WritePermission(groupName: account.writeGroup ?? configuration.writeGroup)
        if let reason = permission.refusal(peer) { return PromptWriteOutcome(kind: .forbidden, message: reason) }
        guard account.write else {
            return PromptWriteOutcome(
                kind: .disabled,
                message:
                    "writes are off for account \(account.name): add `write = on` to its [account \"\(account.name)\"] "
                    + "section and reload the daemon (systemctl reload assistant-mirror)"
            )
        }
        return nil
    }
}
