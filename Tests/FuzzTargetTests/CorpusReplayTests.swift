import Foundation
import FuzzTargets
import Testing

/// Every checked-in corpus file (seeds, and the inputs behind past findings) through its fuzz target's
/// invariants, so an ordinary `swift test` catches a regression the fuzzer once found.
@Suite struct CorpusReplayTests {
    static let corpusRoot = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "Fuzz/Corpus")

    @Test(arguments: FuzzTarget.all.map(\.name))
    func corpusHoldsTheInvariants(targetName: String) async throws {
        let target = try #require(FuzzTarget.named(targetName))
        let directory = Self.corpusRoot.appending(path: targetName)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(!names.isEmpty, "no seed corpus in \(directory.path)")
        for name in names {
            let input = try Data(contentsOf: directory.appending(path: name))
            do {
                try await target.run(Array(input))
            } catch {
                Issue.record("\(targetName)/\(name): \(error)")
            }
        }
    }

    @Test func everyCorpusDirectoryHasATarget() throws {
        let directories = try FileManager.default.contentsOfDirectory(atPath: Self.corpusRoot.path)
        #expect(Set(directories) == Set(FuzzTarget.all.map(\.name)))
    }
}
