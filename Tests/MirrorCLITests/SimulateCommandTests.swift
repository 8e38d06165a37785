import Foundation
import MirrorCore
import TestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `assistant-mirror simulate` as a person runs it: it serves, edits on schedule, and stops on SIGTERM.
@Suite struct SimulateCommandTests {
    @Test func servesEditsAndStopsOnSignal() async throws {
        let child = try ChildProcess(
            CLIFixture.binary,
            ["simulate", "--listen", "127.0.0.1:0", "--assistants", "2", "--edit-every", "0.2"]
        )
        // The banner names the kernel-chosen port; the first edit line shows the timer runs.
        var port: String?
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline, port == nil || !child.errorText.contains("edit: ") {
            port = child.outputText.firstMatch(of: /127\.0\.0\.1:(\d+)\/puretalk/).map { String($0.1) }
            try await Task.sleep(for: .milliseconds(50))
        }
        let found = try #require(port, "no base URL in: \(child.outputText) \(child.errorText)")
        #expect(child.errorText.contains("edit: "))
        // Standard output is a configuration that loads as it is (`simulate > sim.ini`).
        let saved = FileManager.default.temporaryDirectory.appending(path: "sim-\(UUID().uuidString).ini").path
        defer { try? FileManager.default.removeItem(atPath: saved) }
        try child.outputText.write(toFile: saved, atomically: true, encoding: .utf8)
        let loaded = try ConfigurationLoader.load(path: saved)
        #expect(loaded.accounts.count == 4)
        #expect(!child.outputText.contains("edit: "))
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(found)/puretalk/api/ai-assistants")!)
        request.setValue("sim-puretalk-key", forHTTPHeaderField: "X-API-KEY")
        let (body, response) = try await URLSession(configuration: .ephemeral).data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        // The edits may have created or deleted an assistant by now: a page of them is what matters.
        #expect(try JSONParser.parse(body)["results"]?.arrayValue?.isEmpty == false)
        child.send(SIGTERM)
        #expect(await child.termination(within: .seconds(20)) == .exited(0))
        #expect(child.errorText.contains("simulator stopped"))
    }
}
