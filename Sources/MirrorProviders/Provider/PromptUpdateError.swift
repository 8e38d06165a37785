/// Why a prompt was not written. Messages name the field, the provider and the status; never a value,
/// a prompt or a key.
public enum PromptUpdateError: Error, Equatable, CustomStringConvertible {
    case noUpdateCall(provider: String, account: String)
    /// The value to send holds one of the mirror's redaction marks.
    case redacted(field: String)
    /// A field the document requires in the body is absent from the record.
    case missingField(field: String, remoteID: String)
    case transport(method: String, url: String, detail: String)
    case refused(provider: String, status: Int, message: String?)
    case replyNotAssistant(provider: String, status: Int)

    public var description: String {
        switch self {
        case .noUpdateCall(let provider, let account):
            "provider \(provider) of account \(account) has no update call; describe one with update-method, "
                + "update-path and update-prompt in its [provider \"\(provider)\"] section"
        case .redacted(let field):
            "\(field) holds a redaction mark ([redacted:…]), the mirror's stand-in for a secret; sending it "
                + "would overwrite the real value. Give the whole text with set-prompt --file instead"
        case .missingField(let field, let remoteID):
            "the update body needs \(field), and assistant \(remoteID) has none to copy"
        case .transport(let method, let url, let detail):
            "\(method) \(url) failed: \(detail). Not retried; run `history` to see whether it took effect"
        case .refused(let provider, let status, let message):
            "\(provider) answered HTTP \(status) to the update" + (message.map { ": \($0)" } ?? "")
        case .replyNotAssistant(let provider, let status):
            "\(provider) answered HTTP \(status) to the update, but the reply is not the assistant"
        }
    }
}
