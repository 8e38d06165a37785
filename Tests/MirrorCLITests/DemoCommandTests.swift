import Foundation
import TestSupport
import Testing

/// `assistant-mirror demo`, the first command a newcomer runs: it prints the audit report, its own check
/// against the simulator's record of edits passes, and it leaves nothing behind.
@Suite struct DemoCommandTests {
    @Test func theTourRunsChecksItselfAndLeavesNothingBehind() throws {
        let workingDirectory = NSTemporaryDirectory() + "demo-cwd-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: workingDirectory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: workingDirectory) }
        let temporary = FileManager.default.temporaryDirectory.path
        func demoDirectories() -> Set<String> {
            Set(
                ((try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? []).filter {
                    $0.hasPrefix("assistant-mirror-demo-")
                }
            )
        }
        let before = demoDirectories()

        let run = try ChildProcess.run(
            CLIFixture.binary,
            ["demo", "--rounds", "2", "--seed", "3"],
            directory: workingDirectory
        )

        #expect(run.status == 0, "\(run.errorText)")
        #expect(run.outputText.contains("Prompt changes"))
        #expect(run.outputText.contains("chain head "))
        #expect(run.errorText.contains("as expected") && run.errorText.contains("chain intact"))
        // One revert through the mirror, its editor the demo's own user.
        #expect(run.errorText.contains("revert through the mirror: ") && run.errorText.contains("recorded as revision"))
        #expect(run.outputText.contains("unix:") && run.outputText.contains("(uid \(getuid()))"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: workingDirectory).isEmpty)
        #expect(demoDirectories() == before)
    }
}
