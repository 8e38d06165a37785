import MirrorCore
import MirrorProtocol

/// `metrics`: the daemon's metrics in the Prometheus text format, as a scraper would read them.
struct MetricsCommand: Command {
    let name = "metrics"
    let summary = "print the daemon's metrics in the Prometheus text exposition format (version 0.0.4)"
    let options = SocketClient.commonOptions
    let discussion = """
        Per-account series carry account="NAME". The same text is the socket op `metrics` (the reply's
        result is one JSON string) and, with `[mirror] metrics-file = PATH`, a file rewritten atomically
        after each crawl for node_exporter's textfile collector. README lists the series.
        """

    func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        let text = try SocketClient.connect(arguments).requestText(.metrics)
        Console.out(arguments.flag("json") ? JSONValue.string(text).canonicalText : text)
        return .ok
    }
}
