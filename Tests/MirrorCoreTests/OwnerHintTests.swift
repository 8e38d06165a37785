import Foundation
import Testing

@testable import MirrorCore

/// The owner hint fills a description's template (`owner-hint`) from the record: design.md invariant 5
/// keeps it a hint, never the editor, so it must say exactly what the record says.
@Suite struct OwnerHintTests {
    private static func hint(_ template: String, _ record: JSONValue, org: String? = "acme") -> String? {
        var description = ProviderDescription.builtIn(.puretalk)!
        description.ownerHint = template
        let account = AccountConfiguration(name: "a", provider: .puretalk, secret: .environment(name: "K"), org: org)
        return ProviderSchema(description).ownerHint(record, account)
    }

    @Test func placeholdersAreFilledFromTheRecordAndTheAccount() {
        let record: JSONValue = ["user": ["email": "mei@example.test"], "team": "voice"]
        #expect(Self.hint("owner {user.email}", record) == "owner mei@example.test")
        #expect(Self.hint("{team} in {org}, by {user.email}", record) == "voice in acme, by mei@example.test")
        #expect(Self.hint("no placeholder", record) == "no placeholder")
        #expect(Self.hint("unclosed {team", record) == "unclosed {team")
    }

    @Test func aMissingOrNonTextFieldGivesNoHint() {
        #expect(Self.hint("owner {user.email}", ["user": ["email": 7]]) == nil)
        #expect(Self.hint("owner {user.email}", [:]) == nil)
        #expect(Self.hint("org {org}", [:], org: nil) == nil)
    }

    /// A value is text: braces in it are not read as another placeholder of the template.
    @Test func bracesInAValueStayAsTheyAre() {
        let record: JSONValue = ["team": "{org} {missing}"]
        #expect(Self.hint("team {team} of {org}", record) == "team {org} {missing} of acme")
    }
}
