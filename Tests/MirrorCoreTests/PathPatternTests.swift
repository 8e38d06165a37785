import Testing

@testable import MirrorCore

@Suite struct PathPatternTests {
    @Test(arguments: [
        ("llm_states[*].**.prompt", "llm_states[*].prompt", true),
        ("llm_states[*].**.prompt", "llm_states[*].children[*].children[*].prompt", true),
        ("llm_states[*].**.prompt", "llm_states[*].name", false),
        ("conversation_flow.**", "conversation_flow", true),
        ("conversation_flow.**", "conversation_flow[*].nodes.x", true),
        ("conversation_flow.**", "conversation_flowx", false),
        ("assistantAnalysis.*.prompt", "assistantAnalysis.summary.prompt", true),
        ("assistantAnalysis.*.prompt", "assistantAnalysis.prompt", false),
        ("headers[\"X-Api-Key\"]", "headers[\"X-Api-Key\"]", true),
        ("actions[*].instructions", "actions[*].instructions", true),
        ("actions[*].instructions", "actions.instructions", false),
    ])
    func matching(pattern: String, path: String, matches: Bool) throws {
        #expect(try #require(PathPattern(pattern)).matches(pathPattern: path) == matches)
    }

    @Test func rewritingReachesEveryMatchAndNothingElse() throws {
        let document: JSONValue = [
            "metadata": ["webhook_token": "t", "team": "x"],
            "tools": [["function": ["secret": "a"]], ["function": ["secret": "b", "name": "n"]]],
        ]
        let removed = try #require(PathPattern("tools[*].function.secret")).rewriting(document) { _ in nil }
        #expect(
            removed == [
                "metadata": ["webhook_token": "t", "team": "x"],
                "tools": [["function": [:]], ["function": ["name": "n"]]],
            ]
        )
        let marked = try #require(PathPattern("**.webhook_token")).rewriting(document) { _ in "*" }
        #expect(marked["metadata"]?["webhook_token"] == "*" && marked["metadata"]?["team"] == "x")
    }

    @Test(arguments: ["", "a..b", "a.", ".a", "a[\"x"])
    func malformedPatternsAreRefused(_ text: String) {
        #expect(PathPattern(text) == nil)
    }
}
