import Foundation
import MirrorCore
import MirrorProviders
import MirrorSync

/// The metric families only the running daemon knows: its start, each account's circuit breaker, the
/// HTTP client's counters, the notifier's and its last verification of the hash chain (see
/// `MirrorMetrics` for the database's).
struct LiveMetrics: Sendable {
    let scheduler: Scheduler
    let traffic: HTTPTraffic
    let notifications: NotificationCounts
    let startedAt: Date
    let chainHealth: @Sendable () -> ChainHealth

    func families() -> [MetricFamily] {
        let schedules = scheduler.states()
        let chain = chainHealth()
        let counts = traffic.snapshot
        let delivered = notifications.snapshot
        return [
            MetricFamily(
                "assistant_mirror_start_time_seconds",
                .gauge,
                help: "When the daemon started, in seconds since the Unix epoch.",
                value: startedAt.timeIntervalSince1970
            ),
            MetricFamily(
                "assistant_mirror_breaker_state",
                .gauge,
                help: "1 for the state of the account's circuit breaker (closed, open, half-open), else 0.",
                samples: schedules.flatMap { schedule in
                    [BreakerState.closed, .open, .halfOpen].map {
                        .account(schedule.account, schedule.breaker == $0 ? 1 : 0, [.init("state", $0.rawValue)])
                    }
                }
            ),
            MetricFamily(
                "assistant_mirror_consecutive_failures",
                .gauge,
                help: "Crawls of the account that failed in a row since its last success.",
                samples: schedules.map { .account($0.account, Double($0.consecutiveFailures)) }
            ),
            MetricFamily(
                "assistant_mirror_http_requests_total",
                .counter,
                help: "HTTP attempts to the providers since start, by status class (error: no complete response).",
                samples: HTTPTraffic.outcomeClasses.map {
                    MetricSample(counts.attempts[$0, default: 0], [.init("code", $0)])
                }
            ),
            MetricFamily(
                "assistant_mirror_http_retries_total",
                .counter,
                help: "HTTP attempts that repeated a failed one, since start.",
                value: Double(counts.retries)
            ),
            MetricFamily(
                "assistant_mirror_rate_limit_waits_total",
                .counter,
                help: "Waits for a provider's rate limit (Retry-After or a spent x-ratelimit budget), since start.",
                value: Double(counts.rateLimitWaits)
            ),
            MetricFamily(
                "assistant_mirror_rate_limit_wait_seconds_total",
                .counter,
                help: "Time spent waiting for providers' rate limits, since start.",
                value: counts.rateLimitWaitSeconds
            ),
            MetricFamily(
                "assistant_mirror_notifications_total",
                .counter,
                help: "Runs of notify-exec since start, by outcome (delivered, failed, timeout).",
                samples: NotificationCounts.Outcome.allCases.map {
                    MetricSample(delivered[$0, default: 0], [.init("outcome", $0.rawValue)])
                }
            ),
            MetricFamily(
                "assistant_mirror_chain_state",
                .gauge,
                help:
                    "1 for what the daemon's last verification of the hash chain found (ok, broken, not_verified), else 0.",
                samples: [ChainHealth.State.ok, .broken, .unverified].map {
                    MetricSample(chain.state == $0 ? 1 : 0, [.init("state", $0.rawValue)])
                }
            ),
            MetricFamily(
                "assistant_mirror_chain_verified_timestamp_seconds",
                .gauge,
                help:
                    "When the daemon last verified the hash chain (whole or the newest entries), in seconds since the Unix epoch.",
                samples: chain.verifiedAt.flatMap(Timestamp.parse).map { [MetricSample($0.timeIntervalSince1970, [])] }
                    ?? []
            ),
        ]
    }
}
