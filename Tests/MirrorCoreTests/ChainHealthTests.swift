import MirrorCore
import Testing

/// How one walk's outcome moves the daemon's chain state.
@Suite struct ChainHealthTests {
    static let first = ChainVerification.Head(seq: 3, hash: String(repeating: "a", count: 64))
    static let later = ChainVerification.Head(seq: 5, hash: String(repeating: "b", count: 64))
    static let problem = ChainVerification.Problem(seq: 2, reason: "edited")

    @Test func aBreakStaysUntilAWholeWalkFindsTheChainIntact() {
        let ok = ChainHealth().recording(.init(checked: 3, head: Self.first, problem: nil), whole: true, at: "t1")
        #expect(ok == ChainHealth(state: .ok, verifiedHead: Self.first, verifiedAt: "t1", fullyVerifiedAt: "t1"))
        let grown = ok.recording(.init(checked: 2, head: Self.later, problem: nil), whole: false, at: "t2")
        #expect(grown.verifiedHead == Self.later && grown.verifiedAt == "t2" && grown.fullyVerifiedAt == "t1")

        let broken = grown.recording(.init(checked: 1, head: nil, problem: Self.problem), whole: true, at: "t3")
        #expect(broken.state == .broken && broken.problem == Self.problem)
        // The last good head stays: it is where the chain was last known intact.
        #expect(broken.verifiedHead == Self.later)
        let incremental = broken.recording(.init(checked: 0, head: Self.later, problem: nil), whole: false, at: "t4")
        #expect(incremental.state == .broken && incremental.problem == Self.problem)
        let repaired = incremental.recording(.init(checked: 5, head: Self.later, problem: nil), whole: true, at: "t5")
        #expect(repaired.state == .ok && repaired.problem == nil && repaired.fullyVerifiedAt == "t5")
    }
}
