import MirrorCore
import MirrorProtocol
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
        let head = try ChainHeadArgument.parse(arguments.value("head"))
        let json: JSONValue
        if let path = arguments.value("database") {
            json = try StillWorking.during("verify: checking \(path)") { try Self.verifyFile(path, head: head) }
        } else {
            json = try SocketClient.connect(arguments).request(.verify(head: head), as: VerifyResult.self).json
        }
        let result: VerifyResult
        do {
            result = try VerifyResult(json: json)
        } catch {
            throw CLIError("the verify result is not as expected: \(error)", status: .unavailable)
        }
        Console.out(arguments.flag("json") ? json.canonicalText : Self.describe(result, anchoredHead: head))
        return result.ok ? .ok : .failure
    }

    /// With `anchoredHead` (`--head`), a chain that verifies also says that head matched: the one check
    /// that proves the tail was not cut or rewritten, worth seeing done.
    static func describe(_ result: VerifyResult, anchoredHead: ChainVerification.Head? = nil) -> String {
        let file: String
        if let check = result.file, !check.ok {
            file =
                "database file CORRUPT (SQLite quick_check): \(check.problems.joined(separator: "; ")); restore a backup"
        } else if let check = result.file, !check.finished {
            file = "database file: SQLite quick_check did not finish within its time limit; nothing found so far"
        } else if result.file != nil {
            file = "database file intact (SQLite quick_check ok)"
        } else {
            file = "database file: not checked by this daemon"
        }
        let chain: String
        if let reason = result.problemReason {
            chain = "chain BROKEN at revision seq \(result.problemSeq.map(String.init) ?? "?"): \(reason)"
        } else {
            // An empty history has no head.
            chain =
                "chain intact: \(result.checked) revisions, head \(result.head?.text ?? "-:-")"
                + (anchoredHead.map { "; anchored head seq \($0.seq) matched" } ?? "")
        }
        return chain + "\n" + file
    }

    /// The same checks on a file, through a read-only connection (a backup, or a database whose daemon
    /// refuses to start).
    static func verifyFile(_ path: String, head: ChainVerification.Head?) throws -> JSONValue {
        do {
            return VerificationReply.json(try MirrorReader(path: path).verifyDatabase(anchoredHead: head))
        } catch {
            throw CLIError("cannot open \(path) read-only: \(error)", status: .unavailable)
        }
    }
}
