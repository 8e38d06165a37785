import MirrorCore
import MirrorProtocol
import MirrorStore

/// The `verify` reply: the chain's fields as before (`ok`, `checked`, `head`, `problem`), and SQLite's
/// own check of the file under `sqlite`, so a corrupt file and an edited history read differently.
public enum VerificationReply {
    public static func json(_ verification: DatabaseVerification) -> JSONValue {
        var reply: [String: JSONValue]
        if let chain = verification.chain, case .object(let fields) = chain.json {
            reply = fields
        } else {
            reply = [
                "ok": false, "checked": .number("0"), "head": .null,
                "problem": [
                    "seq": .null,
                    "reason": .string("the history cannot be read: \(verification.unreadable ?? "unknown error")"),
                ],
            ]
        }
        reply["ok"] = .bool(verification.isIntact)
        switch verification.integrity {
        case .ok: reply["sqlite"] = ["ok": true, "finished": true, "problems": .array([])]
        case .unfinished: reply["sqlite"] = ["ok": true, "finished": false, "problems": .array([])]
        case .corrupt(let problems):
            reply["sqlite"] = ["ok": false, "finished": true, "problems": .array(problems.map(JSONValue.string))]
        }
        return .object(reply)
    }
}
