import Foundation
import MirrorApp
import MirrorCore

/// `daemon --config FILE`: the service (systemd's ExecStart).
struct DaemonCommand: Command {
    let name = "daemon"
    let summary = "run the service: crawl on schedule, serve queries on the socket (systemd ExecStart)"
    let options: [ParsedArguments.Option] = [.value("config", "FILE", "the configuration file")]
    let discussion = """
        Signals: SIGTERM or SIGINT stop it cleanly (a second one exits at once); SIGHUP reloads the
        configuration, keeping the old one if the new file is invalid. Speaks sd_notify (Type=notify),
        pings the watchdog, and uses a socket passed by systemd socket activation when there is one.
        Logs go to stderr, one line per event, with journald priority prefixes.
        """

    func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        guard let path = arguments.value("config") else { throw UsageError("--config FILE is required") }
        let status = await Daemon(configurationPath: path, logger: Logger(label: "assistant-mirror")).run()
        return ExitStatus(rawValue: status) ?? .failure
    }
}
