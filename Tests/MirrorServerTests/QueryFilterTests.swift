import MirrorCore
import Testing

/// A mistyped filter is an error that lists the valid names, never an empty answer that looks right;
/// a period that ends before it begins is refused.
@Suite struct QueryFilterTests {
    @Test func anUnknownAccountIsNotFoundInEveryOpThatFilters() async throws {
        let fixture = try await QueryServerFixture()
        for op in ["report", "list", "changes"] {
            let reply = try await fixture.ask(op, ["account": "nope"])
            #expect(reply["error"]?["code"] == "not_found", "\(op): \(reply)")
            let message = reply["error"]?["message"]?.stringValue ?? ""
            #expect(message.contains("no account named nope"), "\(op): \(message)")
            #expect(message.contains("test-puretalk"), "\(op): \(message)")
        }
        // A real account still answers.
        #expect(try await fixture.ask("report", ["account": "test-invent"])["ok"] == true)
    }

    @Test func anUnknownProviderIsNotFound() async throws {
        let fixture = try await QueryServerFixture()
        let reply = try await fixture.ask("list", ["provider": "telnix"])
        #expect(reply["error"]?["code"] == "not_found")
        #expect(reply["error"]?["message"]?.stringValue?.contains("telnyx") == true)
        #expect(try await fixture.ask("list", ["provider": "telnyx"])["ok"] == true)
    }

    @Test func aPeriodThatEndsBeforeItBeginsIsABadRequest() async throws {
        let fixture = try await QueryServerFixture()
        let reply = try await fixture.ask("report", ["since": "2026-12-01", "until": "2026-11-01"])
        #expect(reply["error"]?["code"] == "bad_request")
        #expect(reply["error"]?["message"]?.stringValue?.contains("is after until") == true)
    }

    @Test func followingAnUnknownAccountIsRefusedAtOnce() async throws {
        let fixture = try await QueryServerFixture()
        let reply = try await fixture.ask("changes", ["account": "nope", "follow": true])
        #expect(reply["error"]?["code"] == "not_found")
    }
}
