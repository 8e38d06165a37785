/// The outcome of recomputing the hash chain (the store's `ChainVerifier`; `verify` and every report
/// carry it).
public struct ChainVerification: Sendable, Equatable {
    /// The newest revision's seq and hash: the value to anchor outside the database.
    public struct Head: Sendable, Equatable {
        public let seq: Int
        public let hash: String

        public init(seq: Int, hash: String) {
            self.seq = seq
            self.hash = hash
        }

        /// SEQ:HASH, as `status`, every report and the journal print it and `verify --head` takes it.
        public var text: String { "\(seq):\(hash)" }
    }

    public struct Problem: Sendable, Equatable {
        /// The first revision (by seq) at which the chain breaks.
        public let seq: Int
        public let reason: String

        public init(seq: Int, reason: String) {
            self.seq = seq
            self.reason = reason
        }
    }

    public let checked: Int
    public let head: Head?
    public let problem: Problem?

    public init(checked: Int, head: Head?, problem: Problem?) {
        self.checked = checked
        self.head = head
        self.problem = problem
    }

    public var isIntact: Bool { problem == nil }
}
