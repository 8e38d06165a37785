import MirrorCore

/// `verify`: the hash chain's fields (`ok`, `checked`, `head`, `problem`) and, under `sqlite`, SQLite's
/// own check of the file, so a corrupt file and an edited history read differently. `ok` holds only
/// when both do. A daemon older than the file check sends no `sqlite`.
public struct VerifyResult: Sendable, Equatable, JSONObjectCodable {
    /// `PRAGMA quick_check` of the database file.
    public struct FileCheck: Sendable, Equatable, JSONObjectCodable {
        public let ok: Bool
        /// False when the check stopped at its time limit before finding anything.
        public let finished: Bool
        public let problems: [String]

        public init(ok: Bool, finished: Bool, problems: [String]) {
            self.ok = ok
            self.finished = finished
            self.problems = problems
        }

        public func encode(into object: inout JSONObject) {
            object["ok"] = .bool(ok)
            object["finished"] = .bool(finished)
            object["problems"] = .array(problems.map(JSONValue.string))
        }

        public init(from object: JSONObject) throws(JSONShapeError) {
            self.init(
                ok: try object.bool("ok"),
                finished: try object.bool("finished"),
                problems: try object.strings("problems")
            )
        }
    }

    public let ok: Bool
    public let checked: Int
    public let head: ChainVerification.Head?
    /// The first revision that does not verify; `seq` is absent when the history could not be read.
    public let problemSeq: Int?
    public let problemReason: String?
    public let file: FileCheck?

    public init(from object: JSONObject) throws(JSONShapeError) {
        ok = try object.bool("ok")
        checked = try object.int("checked")
        head = try object.optional("head")
        if let problem = object["problem"], problem != .null {
            let fields = try JSONObject(problem, what: "\"problem\"")
            problemSeq = try fields.optionalInt("seq")
            problemReason = try fields.optionalString("reason")
        } else {
            problemSeq = nil
            problemReason = nil
        }
        file = try object.optional("sqlite")
    }

    public func encode(into object: inout JSONObject) {
        object["ok"] = .bool(ok)
        object["checked"] = JSONValue(checked)
        object["head"] = head?.json ?? .null
        if problemSeq != nil || problemReason != nil {
            object["problem"] = [
                "seq": problemSeq.map { JSONValue($0) } ?? .null,
                "reason": problemReason.map(JSONValue.string) ?? .null,
            ]
        } else {
            object["problem"] = .null
        }
        if let file { object["sqlite"] = file.json }
    }
}
