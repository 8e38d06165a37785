import Foundation
import MirrorCore
import MirrorStore

/// The metric families of the `metrics` op and of `[mirror] metrics-file`: what the database knows
/// (read through `reader`) followed by what only the running daemon knows (`live`: schedule, circuit
/// breakers, HTTP counters, notifications). Names follow https://prometheus.io/docs/practices/naming/:
/// the `assistant_mirror_` prefix, base units (`_seconds`, `_bytes`), `_total` on counters.
public enum MirrorMetrics {
    /// The exposition text (Prometheus text format 0.0.4).
    public static func exposition(reader: MirrorReader, live: [MetricFamily]) throws -> String {
        MetricsExposition.render(try families(reader: reader) + live)
    }

    static func families(reader: MirrorReader) throws -> [MetricFamily] {
        let accounts = try reader.accountStatus()
        let history = try reader.historyCounts()
        let files = reader.fileSizes()
        func gauge(_ name: String, _ help: String, _ value: (AccountStatus) -> Double?) -> MetricFamily {
            MetricFamily(
                name,
                .gauge,
                help: help,
                samples: accounts.compactMap { status in value(status).map { .account(status.account, $0) } }
            )
        }
        return [
            MetricFamily(
                "assistant_mirror_build_info",
                .gauge,
                help: "Always 1; the version of assistant-mirror serving these metrics.",
                samples: [MetricSample(1, [.init("version", MirrorVersion.current)])]
            ),
            gauge("assistant_mirror_assistants", "Assistants mirrored and not deleted, per account.") {
                Double($0.assistants)
            },
            gauge("assistant_mirror_deleted_assistants", "Assistants confirmed deleted, per account.") {
                Double($0.deletedAssistants)
            },
            gauge(
                "assistant_mirror_last_crawl_start_timestamp_seconds",
                "When the account's last crawl started, in seconds since the Unix epoch."
            ) { $0.lastCrawlStartedAt.flatMap(seconds) },
            gauge(
                "assistant_mirror_last_crawl_duration_seconds",
                "How long the account's last crawl took (absent while it runs)."
            ) { status in
                guard let start = status.lastCrawlStartedAt.flatMap(seconds),
                    let end = status.lastCrawlFinishedAt.flatMap(seconds)
                else { return nil }
                return end - start
            },
            outcomes(accounts),
            gauge(
                "assistant_mirror_last_success_timestamp_seconds",
                "When the account's last successful crawl finished, in seconds since the Unix epoch."
            ) { $0.lastSuccessAt.flatMap(seconds) },
            MetricFamily(
                "assistant_mirror_revisions_total",
                .counter,
                help: "Revisions recorded, per account (retention prunes rows, never this count).",
                samples: history.map { .account($0.account, Double($0.revisionsRecorded)) }
            ),
            MetricFamily(
                "assistant_mirror_prompt_changes_total",
                .counter,
                help: "Prompt changes recorded (rows of the prompt_changes view), per account.",
                samples: history.map { .account($0.account, Double($0.promptChangesRecorded)) }
            ),
        ] + chain(head: try reader.chainHead()) + [
            MetricFamily(
                "assistant_mirror_database_size_bytes",
                .gauge,
                help: "Size of the SQLite database file.",
                value: Double(files.database)
            ),
            MetricFamily(
                "assistant_mirror_wal_size_bytes",
                .gauge,
                help: "Size of the database's write-ahead log (-wal file).",
                value: Double(files.wal)
            ),
        ]
    }

    /// The chain's head. What the daemon's verification found is live state (`LiveMetrics`).
    static func chain(head: ChainVerification.Head?) -> [MetricFamily] {
        [
            MetricFamily(
                "assistant_mirror_chain_head_seq",
                .gauge,
                help: "Sequence number of the newest entry of the hash-chained history (0 when empty).",
                value: Double(head?.seq ?? 0)
            )
        ]
    }

    /// The last crawl's outcome as a state set: one series per outcome, 1 for the one that holds.
    private static func outcomes(_ accounts: [AccountStatus]) -> MetricFamily {
        MetricFamily(
            "assistant_mirror_last_crawl_outcome",
            .gauge,
            help: "1 for the outcome of the account's last crawl (running, ok, failed, interrupted), else 0.",
            samples: accounts.flatMap { status in
                status.lastCrawlStatus.map { last in
                    [CrawlStatus.running, .ok, .failed, .interrupted].map { outcome in
                        MetricSample.account(
                            status.account,
                            outcome.rawValue == last ? 1 : 0,
                            [.init("outcome", outcome.rawValue)]
                        )
                    }
                } ?? []
            }
        )
    }

    private static func seconds(_ timestamp: String) -> Double? {
        Timestamp.parse(timestamp)?.timeIntervalSince1970
    }
}
