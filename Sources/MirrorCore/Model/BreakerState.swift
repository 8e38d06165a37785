/// An account's circuit breaker (https://martinfowler.com/bliki/CircuitBreaker.html), as `status` shows it.
public enum BreakerState: String, Sendable, Equatable {
    case closed
    case open
    case halfOpen = "half-open"
}
