import MirrorCore
import MirrorServer
import MirrorStore

/// `verify [--head SEQ:HASH] [--database FILE]`: SQLite's check of the file, then the hash chain.
struct VerifyCommand: Command {
    let name = "verify"
    let summary = "check the database file with SQLite and recompute the history's hash chain"
    let options =
        SocketClient.commonOptions + [
            .value(
                "head",
                "SEQ:HASH",
                "a chain head recorded earlier (from a report or the journal): also detects a cut tail"
            ),
            .value("database", "FILE", "check this database file directly, read-only, without the daemon"),
        ]
    let discussion = """
        Two findings, reported apart: SQLite's `PRAGMA quick_check` of the file (a corrupt file: restore a
        backup) and the hash chain (a broken chain: the history was edited). Exit status 0 when both hold,
        1 otherwise.
        """

    func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        var parameters: [String: JSONValue] = [:]
        if let head = arguments.value("head") { parameters["head"] = .string(head) }
        let result =
            try arguments.value("database").map { try Self.verifyFile($0, head: arguments.value("head")) }
            ?? SocketClient.connect(arguments).request("verify", parameters)
        if arguments.flag("json") {
            Console.out(result.canonicalText)
        } else {
            Console.out(Self.describe(result))
        }
        return result["ok"]?.boolValue == true ? .ok : .failure
    }

    static func describe(_ result: JSONValue) -> String {
        let sqlite = result["sqlite"]
        let file: String
        if sqlite?["ok"]?.boolValue == false {
            let problems = sqlite?["problems"]?.arrayValue?.compactMap(\.stringValue) ?? []
            file = "database file CORRUPT (SQLite quick_check): \(problems.joined(separator: "; ")); restore a backup"
        } else if sqlite?["finished"]?.boolValue == false {
            file = "database file: SQLite quick_check did not finish within its time limit; nothing found so far"
        } else {
            file = "database file intact (SQLite quick_check ok)"
        }
        let chain: String
        if case .object = result["problem"] {
            chain =
                "chain BROKEN at revision seq \(text(result["problem"]?["seq"])): \(text(result["problem"]?["reason"]))"
        } else {
            chain =
                "chain intact: \(text(result["checked"])) revisions, head \(text(result["head"]?["seq"])):\(text(result["head"]?["hash"]))"
        }
        return chain + "\n" + file
    }

    /// The same checks on a file, through a read-only connection (a backup, or a database whose daemon
    /// refuses to start).
    static func verifyFile(_ path: String, head: String?) throws -> JSONValue {
        var anchor: ChainVerification.Head?
        if let head {
            let parts = head.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let seq = Int(parts[0]) else {
                throw UsageError("--head should be SEQ:HASH as printed by status or a report, not '\(head)'")
            }
            anchor = .init(seq: seq, hash: parts[1].lowercased())
        }
        do {
            return VerificationReply.json(try MirrorReader(path: path).verifyDatabase(anchoredHead: anchor))
        } catch {
            throw CLIError("cannot open \(path) read-only: \(error)", status: .unavailable)
        }
    }
}
