import Foundation
import MirrorCore
import Testing

@testable import MirrorStore

/// The chain's encoding is a documented format (RevisionChain.swift) that `verify` recomputes over
/// databases written by older builds, so these tests build the expected bytes by hand from the
/// documentation, not through the code under test: a change that moved one byte would still let the
/// writer and verifier agree with each other, and only a test like this would see old chains break.
@Suite struct RevisionChainEncodingTests {
    /// 0x00 when absent, else 0x01 ‖ UInt64 big-endian byte count ‖ UTF-8 bytes.
    private static func field(_ text: String?) -> [UInt8] {
        guard let text else { return [0] }
        let bytes = Array(text.utf8)
        let count = UInt64(bytes.count)
        return [1] + (0..<8).map { UInt8(truncatingIfNeeded: count >> UInt64(56 - 8 * $0)) } + bytes
    }

    private static let emptyDigest = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    private static func revision(span: PromptSpan?, fields: [FieldChange] = []) -> NewRevision {
        NewRevision(
            assistantID: 7,
            revision: 12,
            kind: .updated,
            observedAt: "2026-12-03T19:00:00.000Z",
            previousObservedAt: "2026-12-02T19:00:00.000Z",
            providerUpdatedAt: nil,
            contentHash: String(repeating: "ab", count: 32),
            changedBy: nil,
            actorHint: "owner ana@customer.example; account ünïcode",
            name: "Front desk",
            prompt: span == nil ? "Be brief." : nil,
            snapshot: "{}",
            crawlID: 3,
            fields: fields,
            promptSpan: span
        )
    }

    private static func entry(_ revision: NewRevision) -> RevisionChain.Entry {
        RevisionChain.Entry(seq: 1_234_567, account: "prod", provider: "puretalk", remoteID: "a-1", revision: revision)
    }

    @Test func aV1RevisionEncodesAsDocumented() {
        let revision = Self.revision(span: nil)
        var expected = Array("assistant-mirror/revision/v1".utf8)
        for part in [
            "1234567", "prod", "puretalk", "a-1", "12", "updated", "2026-12-03T19:00:00.000Z",
            "2026-12-02T19:00:00.000Z", nil, revision.contentHash, nil, revision.actorHint, "Front desk", "Be brief.",
            revision.contentHash, Self.emptyDigest,
        ] as [String?] {
            expected += Self.field(part)
        }
        #expect(RevisionChain.encoding(of: Self.entry(revision)) == expected)
        let previous = String(repeating: "0f", count: 32)
        let hash = SHA256.hash([UInt8](repeating: 0x0f, count: 32) + expected).hexString
        #expect(RevisionChain.rowHash(previousHash: previous, entry: Self.entry(revision)) == hash)
    }

    @Test func aV2RevisionAddsItsSpanAfterTheNullPrompt() {
        let change = FieldChange(path: "prompt", oldValue: "a", newValue: nil, promptBearing: true)
        let revision = Self.revision(span: PromptSpan(offset: 0, length: 1_000_000), fields: [change])
        let fieldsEncoding = Self.field("prompt") + Self.field("a") + Self.field(nil) + Self.field("1")
        var expected = Array("assistant-mirror/revision/v2".utf8)
        for part in [
            "1234567", "prod", "puretalk", "a-1", "12", "updated", "2026-12-03T19:00:00.000Z",
            "2026-12-02T19:00:00.000Z", nil, revision.contentHash, nil, revision.actorHint, "Front desk", nil,
            "0", "1000000", revision.contentHash, SHA256.hash(fieldsEncoding).hexString,
        ] as [String?] {
            expected += Self.field(part)
        }
        #expect(RevisionChain.encoding(of: Self.entry(revision)) == expected)
    }

    @Test(arguments: [0, 1, 9, 10, 99, 100, 1_234_567_890, Int.max, -1, -10, Int.min])
    func integersAreTheirDecimalText(value: Int) {
        var output: [UInt8] = []
        RevisionChain.append(decimal: value, to: &output)
        #expect(output == Self.field(String(value)))
    }
}
