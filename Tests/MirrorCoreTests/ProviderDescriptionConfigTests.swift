import Foundation
import Testing

@testable import MirrorCore

/// `[provider "NAME"]` sections: a new API described in the file, a built-in corrected key by key, and
/// refusals that name file:line, the key and what would be right.
@Suite struct ProviderDescriptionConfigTests {
    static let file = "/etc/assistant-mirror/config.ini"

    static let openAI = """
        [account "oa"]
        provider = openai
        api-key-env = OPENAI_KEY

        [provider "openai"]
        base-url = https://api.openai.com/v1
        list-path = /assistants
        get-path = /assistants/{id}
        paging = cursor
        page-parameter = after
        size-parameter = limit
        items = data
        cursor-field = last_id
        more-field = has_more
        prompt = instructions
        prompts = tools[*].function.description
        secrets = metadata.webhook_token
        updated-at = created_at
        updated-at-format = unix-seconds
        update-method = POST
        update-path = /assistants/{id}
        update-prompt = instructions
        """

    @Test func aNewProviderIsUsableByItsName() throws {
        let configuration = try ConfigurationLoader.parse(Self.openAI, sourcePath: Self.file)
        let account = try #require(configuration.account(named: "oa"))
        #expect(account.provider.rawValue == "openai" && !account.provider.isBuiltIn)
        let description = account.effectiveDescription
        #expect(description.paging == .cursor && description.cursorField == "last_id")
        #expect(description.items == "data" && description.moreField == "has_more")
        #expect(description.authHeader == "Authorization" && description.authScheme == "Bearer")
        #expect(description.secrets.map(\.description) == ["metadata.webhook_token"])
        #expect(description.update == .init(method: "POST", path: "/assistants/{id}", promptPath: "instructions"))
        #expect(account.effectiveBaseURL.absoluteString == "https://api.openai.com/v1")
        let schema = ProviderSchema(description)
        #expect(schema.isPromptBearing("instructions") && schema.isPromptBearing("tools[*].function.description"))
        #expect(!schema.isPromptBearing("tools[*].function.name"))
        #expect(schema.normalizedTime(.number("1700000000")) == "2023-11-14T22:13:20.000Z")
    }

    @Test func aSectionUnderABuiltInsNameChangesOnlyTheKeysItSets() throws {
        let text = """
            [provider "interactly"]
            items = data.assistants
            total-field = none

            [account "ia"]
            provider = interactly
            api-key-env = K
            """
        let configuration = try ConfigurationLoader.parse(text, sourcePath: Self.file)
        let description = try #require(configuration.account(named: "ia")).effectiveDescription
        var expected = try #require(ProviderDescription.builtIn(.interactly))
        expected.items = "data.assistants"
        expected.totalField = nil
        #expect(description == expected)
    }

    @Test func aBareArrayIsTheDot() throws {
        let text = "[provider \"interactly\"]\nitems = .\n[account \"ia\"]\nprovider = interactly\napi-key-env = K\n"
        let configuration = try ConfigurationLoader.parse(text, sourcePath: Self.file)
        #expect(try #require(configuration.account(named: "ia")).effectiveDescription.items == nil)
    }

    @Test(arguments: ProviderDescription.builtIns)
    func everyBuiltInReadsBackFromWhatProvidersPrints(_ builtIn: ProviderDescription) throws {
        let text = builtIn.renderedSection().replacingOccurrences(
            of: "[provider \"\(builtIn.name.rawValue)\"]",
            with: "[provider \"copy\"]"
        )
        let configuration = try ConfigurationLoader.parse(text, sourcePath: Self.file)
        var copy = try #require(configuration.providers.first)
        copy.name = builtIn.name
        #expect(copy == builtIn)
    }

    @Test func checkConfigsRenderingReadsBackToTheSameConfiguration() throws {
        let configuration = try ConfigurationLoader.parse(Self.openAI, sourcePath: Self.file)
        let again = try ConfigurationLoader.parse(
            configuration.renderEffective(describingProvidersInUse: true),
            sourcePath: Self.file
        )
        // Account defaults are written out in the rendering; the description must come back as it was.
        #expect(again.accounts.map(\.providerDescription) == configuration.accounts.map(\.providerDescription))
        #expect(again.renderEffective().contains("[provider \"openai\"]\nbase-url = https://api.openai.com/v1\n"))
    }

    @Test func inventsBoardCounterIsVolatile() throws {
        let schema = try #require(ProviderSchema.of(.invent))
        let record: JSONValue = [
            "id": "ast_1",
            "boards": [["id": "b1", "initial_segment": ["contacts_count": 41, "name": "new"]]],
        ]
        #expect(
            schema.removingVolatile(record)
                == ["id": "ast_1", "boards": [["id": "b1", "initial_segment": ["name": "new"]]]]
        )
    }

    @Test(
        arguments: [
            (
                "[account \"a\"]\nprovider = vapi\napi-key-env = K\n", 2, "provider",
                "'vapi' is not one of puretalk, invent, telnyx, interactly, and no [provider \"vapi\"] section describes it"
            ),
            (
                "[provider \"vapi\"]\nget-path = /assistant/{id}\nprompt = model.messages[0].content\n", 1, "list-path",
                "describes a new provider and has no list-path; it needs list-path, get-path, prompt"
            ),
            (
                "[provider \"vapi\"]\nlist-path = /assistant\nget-path = /assistant\n", 3, "get-path",
                "has no {id}; write where the assistant's id goes"
            ),
            ("[provider \"interactly\"]\npaging = cursor\n", 2, "paging", "paging = cursor needs cursor-field"),
            (
                "[provider \"interactly\"]\npaging = pages\n", 2, "paging",
                "'pages' is not one of page, offset, cursor, next, link, none"
            ),
            ("[provider \"interactly\"]\nitems = data[*]\n", 2, "items", "is not a field path of keys joined by '.'"),
            ("[provider \"interactly\"]\nvolatile = a..b\n", 2, "volatile", "'a..b' is not a path pattern"),
            (
                "[provider \"interactly\"]\nhooks = magic\n", 2, "hooks",
                "'magic' is not one of next-url-page-number, single-page-without-total, or none"
            ),
            (
                "[provider \"interactly\"]\nupdate-method = none\n", 1, "update-method",
                "without update-method; give update-method, update-path and update-prompt, or none of them (read-only)"
            ),
            ("[provider \"interactly\"]\nauth-header = X Key\n", 2, "auth-header", "is not an HTTP token"),
            ("[provider \"interactly\"]\nlist-pat = /a\n", 2, "list-pat", "did you mean 'list-path'?"),
            ("[provider \"interactly\"]\n[provider \"interactly\"]\n", 2, nil, "duplicate provider \"interactly\""),
            ("[provider \"Open AI\"]\n", 1, nil, "provider name 'Open AI' is not valid"),
            (
                "[account \"a\"]\nprovider = vapi\napi-key-env = K\n[provider \"vapi\"]\nlist-path = /assistant\n"
                    + "get-path = /assistant/{id}\nprompt = p\n", 1, "base-url",
                "[account \"a\"] has no base-url and [provider \"vapi\"] gives none"
            ),
        ] as [(String, Int, String?, String)]
    )
    func refusals(text: String, line: Int, key: String?, mention: String) {
        let error = #expect(throws: ConfigError.self) { try ConfigurationLoader.parse(text, sourcePath: Self.file) }
        #expect(error?.line == line)
        #expect(error?.key == key)
        #expect(error?.description.contains(mention) == true, "\(String(describing: error))")
        #expect(error?.description.hasPrefix("\(Self.file):\(line): ") == true)
    }
}
