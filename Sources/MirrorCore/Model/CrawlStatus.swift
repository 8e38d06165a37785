/// How a crawl ended (`sync_runs.status`).
public enum CrawlStatus: String, Sendable {
    case running, ok, failed, interrupted
}
