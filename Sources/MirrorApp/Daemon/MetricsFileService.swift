import Foundation
import MirrorCore
import MirrorServer
import MirrorStore

/// With `[mirror] metrics-file` set, writes the metrics there at start-up and after each crawl, for
/// node_exporter's textfile collector (atomically: `AtomicFile`). A failed write is logged, once per
/// run of failures, and never touches the crawl.
struct MetricsFileService: Service {
    let name = "metrics file"
    let databasePath: String
    let path: @Sendable () -> String?
    let live: LiveMetrics
    let wakeup: Wakeup
    let logger: Logger

    func run() async {
        var failing = false
        write(&failing)
        for await _ in wakeup.rings {
            write(&failing)
        }
    }

    private func write(_ failing: inout Bool) {
        guard let path = path() else { return }
        do {
            let text = try MirrorMetrics.exposition(reader: try MirrorReader(path: databasePath), live: live.families())
            try AtomicFile.write(text, to: path)
            if failing { logger.notice("metrics file written again", ["path": path]) }
            failing = false
        } catch {
            if !failing { logger.error("cannot write the metrics file: \(error)", ["path": path]) }
            failing = true
        }
    }
}
