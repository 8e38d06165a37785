import Foundation
import MirrorCore
import MirrorServer
import MirrorStore
import MirrorSync

/// `assistant-mirror daemon`: loads the configuration and the keys, migrates the database, listens on
/// the query socket, tells systemd it is ready, then crawls on schedule until SIGTERM or SIGINT.
///
/// Its long-lived parts are services of one `ServiceGroup`: the query server, the scheduler,
/// retention, the metrics file and change notifications, stopped in that reverse order. The sd_notify(3) sequence: `READY=1` only once
/// migrations ran and the socket listens; a one-line `STATUS=` after each crawl; on SIGHUP
/// `RELOADING=1` + `MONOTONIC_USEC=`, then `READY=1` whether the new file was taken or refused;
/// `STOPPING=1` first thing on a stop signal; `WATCHDOG=1` while every component makes progress.
public final class Daemon: Sendable {
    let configurationPath: String
    let environment: [String: String]
    let baseLogger: Logger
    let notifier: SystemdNotifier

    public init(
        configurationPath: String,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger
    ) {
        self.configurationPath = configurationPath
        self.environment = environment
        self.baseLogger = logger
        self.notifier = SystemdNotifier(environment: environment)
    }

    /// Runs until stopped; returns the exit status (0 after a clean stop).
    public func run() async -> Int32 {
        SignalWatcher.ignoreBrokenPipe()
        let signals = SignalWatcher(signals: [SIGTERM, SIGINT, SIGHUP])
        let running: RunningDaemon
        do {
            running = try await start()
        } catch {
            baseLogger.error("cannot start: \(error)")
            _ = notifier.notify([("STATUS", "failed to start: \(error)"), ("ERRNO", "1")])
            return 3
        }
        let logger = running.logger
        let (shutdown, requestShutdown) = AsyncStream.makeStream(of: Void.self)
        let group = ServiceGroup(services: running.services, logger: logger)
        await withTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                await group.run(until: shutdown)
                logger.notice("stopped")
                signals.cancel()
            }
            _ = notifier.ready()
            _ = notifier.status("mirroring \(running.configuration.value.accounts.count) account(s)")
            logger.notice(
                "ready",
                [
                    "socket": running.socketPath, "database": running.assembly.store.path,
                    "version": MirrorVersion.current,
                ]
            )
            var stopping = false
            for await signal in signals.events {
                if signal == SIGHUP && !stopping {
                    await reload(running)
                    continue
                }
                if stopping {
                    logger.warning("second stop signal: exiting at once")
                    exit(1)
                }
                stopping = true
                _ = notifier.stopping()
                logger.notice("stopping: finishing or rolling back the page in flight")
                requestShutdown.finish()
            }
            await tasks.waitForAll()
        }
        return 0
    }

    // MARK: - Start-up

    private func start() async throws -> RunningDaemon {
        let configuration = try ConfigurationLoader.load(path: configurationPath)
        var configuredLogger = baseLogger
        configuredLogger.level = configuration.logLevel
        let logger = configuredLogger
        let (secrets, errors) = MirrorAssembly.loadSecrets(for: configuration, environment: environment)
        if let first = errors.values.sorted().first {
            throw AssemblyError.secretsUnavailable(first + (errors.count > 1 ? " (and \(errors.count - 1) more)" : ""))
        }
        try MirrorAssembly.requireDatabaseDirectory(configuration)
        let lock = try DatabaseLock(databasePath: configuration.database)
        let assembly = try MirrorAssembly.open(configuration, logger: logger)
        if configuration.walCheckpoints == .litestream {
            // Litestream checkpoints on its own schedule, and an automatic checkpoint by the daemon
            // could copy WAL frames back before Litestream read them (litestream.io/tips).
            try await assembly.store.withWriterConnection { try $0.execute("PRAGMA wal_autocheckpoint = 0") }
        }
        let listener: UnixListener
        if let inherited = try UnixListener.inherited(environment: environment) {
            listener = inherited
            logger.info("using the socket passed by systemd")
        } else {
            listener = try UnixListener.bind(path: configuration.socket)
        }
        // Children must not believe the descriptors are theirs (sd_listen_fds(3)).
        UnixListener.clearActivationEnvironment()
        return try RunningDaemon(
            assembly: assembly,
            lock: lock,
            listener: listener,
            secrets: secrets,
            notifier: notifier,
            watchdog: WatchdogSettings.from(environment: environment),
            environment: environment
        )
    }

    // MARK: - Reload

    /// SIGHUP: validate the new file and its keys, then swap; on any error keep the old configuration,
    /// log one error, and carry on.
    private func reload(_ running: RunningDaemon) async {
        _ = notifier.reloading()
        let logger = running.logger
        defer { _ = notifier.ready() }
        do {
            let candidate = try ConfigurationLoader.load(path: configurationPath)
            let current = running.configuration.value
            guard candidate.database == current.database, candidate.socket == current.socket else {
                throw DaemonError.needsRestart("database and socket paths change only with a restart")
            }
            let (secrets, errors) = MirrorAssembly.loadSecrets(for: candidate, environment: environment)
            if let first = errors.values.sorted().first { throw AssemblyError.secretsUnavailable(first) }
            running.replaceCrawler(configuration: candidate, secrets: secrets)
            await running.scheduler.reload(candidate)
            logger.notice("configuration reloaded", ["accounts": String(candidate.accounts.count)])
            _ = notifier.status("reloaded: mirroring \(candidate.accounts.count) account(s)")
        } catch {
            logger.error("reload refused, keeping the running configuration: \(error)")
            _ = notifier.status("reload refused: \(error)")
        }
    }
}

public enum DaemonError: Error, CustomStringConvertible {
    case needsRestart(String)

    public var description: String {
        switch self {
        case .needsRestart(let detail): detail
        }
    }
}
