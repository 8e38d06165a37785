import Foundation
import MirrorStore
import Testing

@Suite struct ConnectionTests {
    @Test func errorsCarryCodeMessageAndSQLButNeverBoundValues() throws {
        let directory = TemporaryDirectory()
        let connection = try Connection(path: directory.file("c.db"), mode: .readWrite)
        try connection.execute("CREATE TABLE t (k TEXT PRIMARY KEY)")
        try connection.execute("INSERT INTO t VALUES (?)", ["CANARY-secret-value"])
        let error = #expect(throws: SQLiteError.self) {
            try connection.execute("INSERT INTO t VALUES (?)", ["CANARY-secret-value"])
        }
        #expect(error?.extendedCode == 1555)  // SQLITE_CONSTRAINT_PRIMARYKEY
        #expect(error?.message.contains("t.k") == true)
        #expect(error?.sql == "INSERT INTO t VALUES (?)")
        #expect(String(describing: error).contains("CANARY") == false)
    }

    @Test func readersCannotWrite() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("c.db")
        let writer = try Connection(path: path, mode: .readWrite)
        try writer.execute("CREATE TABLE t (x)")
        let reader = try Connection(path: path, mode: .readOnly)
        let error = #expect(throws: SQLiteError.self) { try reader.execute("INSERT INTO t VALUES (1)") }
        #expect(error?.isReadOnly == true)
    }

    @Test func writerUsesWALWithFullSync() throws {
        let directory = TemporaryDirectory()
        let connection = try Connection(path: directory.file("c.db"), mode: .readWrite)
        #expect(try connection.scalarString("PRAGMA journal_mode") == "wal")
        #expect(try connection.scalarInt("PRAGMA synchronous") == 2)
        #expect(try connection.scalarInt("PRAGMA foreign_keys") == 1)
    }

    @Test func aReaderSeesACommittedSnapshotWhileTheWriterHoldsATransaction() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("c.db")
        let writer = try Connection(path: path, mode: .readWrite)
        try writer.execute("CREATE TABLE t (x); INSERT INTO t VALUES (1)")
        let reader = try Connection(path: path, mode: .readOnly)
        try writer.execute("BEGIN IMMEDIATE; INSERT INTO t VALUES (2)")
        #expect(try reader.scalarInt("SELECT count(*) FROM t") == 1)
        try writer.execute("COMMIT")
        #expect(try reader.scalarInt("SELECT count(*) FROM t") == 2)
    }

    @Test func textRoundTripsByteForByte() throws {
        let directory = TemporaryDirectory()
        let connection = try Connection(path: directory.file("c.db"), mode: .readWrite)
        try connection.execute("CREATE TABLE t (x TEXT)")
        let samples = [
            "e\u{301}", "🧑🏽‍💻 你好 مرحبا שלום", "tab\tnew\nline\r\n", "nul\u{0}inside",
            String(repeating: "長い", count: 100_000),
        ]
        for sample in samples {
            try connection.execute("DELETE FROM t")
            try connection.execute("INSERT INTO t VALUES (?)", [sample])
            let back = try connection.scalarString("SELECT x FROM t")
            #expect(back.map { Array($0.utf8) } == Array(sample.utf8))
        }
    }
}
