/// What the running daemon knows of its hash chain: the outcome of its last verification (at start-up,
/// daily, after each crawl, or `verify` through it). `status` shows it, and a metrics gauge can read it.
public struct ChainHealth: Sendable, Equatable {
    public enum State: String, Sendable, Equatable {
        /// The start-up walk has not finished yet.
        case unverified = "not_verified"
        case ok
        case broken
    }

    public var state: State
    /// The newest entry found intact: where the next incremental walk starts.
    public var verifiedHead: ChainVerification.Head?
    /// Where and why the chain breaks, while `state` is `broken`.
    public var problem: ChainVerification.Problem?
    /// When the last walk (whole or incremental) finished, ISO 8601.
    public var verifiedAt: String?
    /// When the last walk over the whole chain finished, ISO 8601.
    public var fullyVerifiedAt: String?

    public init(
        state: State = .unverified,
        verifiedHead: ChainVerification.Head? = nil,
        problem: ChainVerification.Problem? = nil,
        verifiedAt: String? = nil,
        fullyVerifiedAt: String? = nil
    ) {
        self.state = state
        self.verifiedHead = verifiedHead
        self.problem = problem
        self.verifiedAt = verifiedAt
        self.fullyVerifiedAt = fullyVerifiedAt
    }

    /// The health after a walk that finished at `time`. A broken chain stays broken until a whole walk
    /// finds it intact again (an incremental one starts after the break, so it cannot clear it).
    public func recording(_ verification: ChainVerification, whole: Bool, at time: String) -> ChainHealth {
        var next = self
        next.verifiedAt = time
        if whole { next.fullyVerifiedAt = time }
        if let problem = verification.problem {
            next.state = .broken
            next.problem = problem
        } else if whole || state != .broken {
            next.state = .ok
            next.problem = nil
            next.verifiedHead = verification.head
        }
        return next
    }
}
