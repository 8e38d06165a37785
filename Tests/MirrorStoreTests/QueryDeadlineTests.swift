import Foundation
import MirrorStore
import Testing

/// A socket request's queries stop at their deadline (the server answers "took too long" instead of
/// holding a reader and a thread), and only inside it.
@Suite struct QueryDeadlineTests {
    /// Counts far enough to take minutes; only the deadline can end it.
    static let endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT max(i) FROM n"

    @Test func aStatementPastItsDeadlineStopsAsInterrupted() throws {
        let directory = TemporaryDirectory()
        _ = try MirrorStore(path: directory.file("m.db"))
        let reader = try MirrorReader(path: directory.file("m.db"))
        let started = ContinuousClock.now
        let error = #expect(throws: SQLiteError.self) {
            try reader.withDeadline(0.2) { try reader.scalarInt(Self.endless) }
        }
        let took = ContinuousClock.now - started
        #expect(error?.isInterrupt == true)
        #expect(took >= .milliseconds(200))
        #expect(took < .seconds(10))
    }

    @Test func outsideADeadlineAndWithinOneStatementsRunToTheirEnd() throws {
        let directory = TemporaryDirectory()
        _ = try MirrorStore(path: directory.file("m.db"))
        let reader = try MirrorReader(path: directory.file("m.db"))
        let counted =
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000) SELECT max(i) FROM n"
        #expect(try reader.withDeadline(30) { try reader.scalarInt(counted) } == 200_000)
        // A deadline that has passed is over once its request is: the next statement is not stopped.
        _ = try? reader.withDeadline(0) { try reader.scalarInt(Self.endless) }
        #expect(try reader.scalarInt(counted) == 200_000)
    }
}
