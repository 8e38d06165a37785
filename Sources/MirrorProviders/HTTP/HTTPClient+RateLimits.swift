import Foundation

extension HTTPClient {
    /// The wait a retryable response asks for, clamped to `[0, maxServerWait]`: `Retry-After`
    /// (RFC 9110 §10.2.3) first, else a spent `x-ratelimit-*` budget's reset; nil means "use backoff".
    func serverRequestedWait(_ response: HTTPResponse) -> Duration? {
        if let value = response.header("retry-after"),
            let delay = RetryAfter.delay(
                headerValue: value,
                responseDate: response.header("date").flatMap { HTTPDate.parse($0, now: Date()) },
                now: Date()
            )
        {
            return clampedServerWait(delay)
        }
        return rateLimitReset(response)
    }

    /// Remembers a spent budget (`x-ratelimit-remaining: 0`) so the next request to `origin` waits for it.
    func notePause(announcedBy response: HTTPResponse, origin: Origin) {
        guard let reset = rateLimitReset(response) else { return }
        pauses.pause(origin, until: configuration.now().advanced(by: reset))
    }

    /// Sleeps out a pause that an earlier response to `origin` announced.
    func waitForRateLimitReset(of origin: Origin, url shown: String) async throws {
        guard let wait = pauses.remainingPause(for: origin, now: configuration.now()) else { return }
        logger.notice("HTTP rate limit spent; waiting for reset", ["url": shown, "wait": wait.readable])
        traffic.rateLimitWait(wait)
        try await configuration.sleep(wait)
    }

    /// The reset of a spent budget: Telnyx sends `x-ratelimit-reset` as "the time in seconds until the rate
    /// limit resets". Nil unless `x-ratelimit-remaining` is exactly 0 and the reset is a non-negative number.
    private func rateLimitReset(_ response: HTTPResponse) -> Duration? {
        guard response.header("x-ratelimit-remaining")?.trimmingCharacters(in: .whitespaces) == "0",
            let text = response.header("x-ratelimit-reset")?.trimmingCharacters(in: .whitespaces),
            let seconds = Double(text), seconds.isFinite, seconds >= 0
        else { return nil }
        // Compared as a number first: `Duration.seconds(_:)` traps on a Double too large to represent.
        let ceiling = configuration.backoff.maxServerWait
        return seconds >= ceiling / .seconds(1) ? ceiling : .seconds(seconds)
    }

    private func clampedServerWait(_ wait: Duration) -> Duration {
        min(max(wait, .zero), configuration.backoff.maxServerWait)
    }
}
