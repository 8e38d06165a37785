import Foundation
import MirrorCore
import MirrorProviders
import MirrorSync

/// `check-config --config FILE [--probe]`: validate, print the effective configuration, check every key
/// loads, and with `--probe` ask each provider for its first page.
struct CheckConfigCommand: Command {
    let name = "check-config"
    let summary =
        "validate a configuration and print it with every default filled in (secrets masked) and the "
        + "description of every provider in use"
    let options: [ParsedArguments.Option] = [
        .value("config", "FILE", "the configuration file"),
        .flag("probe", "make one list request per account and report what each provider answered"),
        .value(
            "credentials",
            "DIR",
            "read `credential = NAME` keys from DIR/NAME, the files LoadCredential= hands to the service"
        ),
    ]
    let discussion = """
        Exit status 0 when the file is valid and every account's API key can be read (and, with --probe,
        every provider answered its first page), 1 when one cannot, 3 when the file itself is invalid (the
        error names file:line and the key). --probe sends one request per account, without retries, and
        prints the same words a failed sync would; it writes nothing to the database.
        Outside systemd there is no $CREDENTIALS_DIRECTORY: `credential = NAME` keys are then read from
        --credentials DIR (e.g. /etc/assistant-mirror/keys, where LoadCredential= reads them from), or
        reported as not checked.
        """

    func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        let configuration = try CommandContext.loadConfiguration(arguments)
        Console.out(configuration.renderEffective(describingProvidersInUse: true))
        guard !configuration.accounts.isEmpty else {
            Console.error("error: the configuration has no [account \"NAME\"] section, so nothing would be mirrored")
            return .failure
        }
        var environment = ProcessInfo.processInfo.environment
        if let directory = arguments.value("credentials") { environment["CREDENTIALS_DIRECTORY"] = directory }
        let (secrets, loadErrors) = AccountCrawler.loadSecrets(
            for: configuration,
            loader: SecretLoader(environment: environment)
        )
        var errors = loadErrors
        var unchecked = 0
        for account in configuration.accounts {
            if case .credential(let name) = account.secret, environment["CREDENTIALS_DIRECTORY"] == nil {
                // Not an error of the file: systemd provides the directory only to the service.
                errors[account.name] = nil
                unchecked += 1
                Console.error(
                    "\(account.name): credential \(name) not checked: $CREDENTIALS_DIRECTORY exists only inside the "
                        + "service; pass --credentials DIR (the directory LoadCredential= reads from) to check it"
                )
            } else if let error = errors[account.name] {
                Console.error("error: \(error)")
            } else if secrets[account.name] != nil {
                Console.error("\(account.name): API key readable from \(account.secret)")
            }
        }
        var probeFailures = 0
        if arguments.flag("probe") {
            probeFailures = await probe(configuration, secrets: secrets)
        }
        Console.error(
            errors.isEmpty
                ? "configuration OK: \(configuration.accounts.count) account(s)"
                    + (unchecked > 0 ? ", \(unchecked) credential key(s) not checked" : "")
                : "configuration has \(errors.count) unreadable API key(s)"
        )
        if probeFailures > 0 { Console.error("probe: \(probeFailures) account(s) failed") }
        return errors.isEmpty && probeFailures == 0 ? .ok : .failure
    }

    /// One list request per account whose key loaded, one at a time so the lines come out in file order;
    /// returns how many failed.
    private func probe(_ configuration: MirrorConfiguration, secrets: [String: Secret]) async -> Int {
        var settings = HTTPClient.Configuration(mirror: configuration)
        settings.maxAttempts = 1
        let http = HTTPClient(
            configuration: settings,
            logger: CommandContext.terminalLogger(label: "probe", level: .warning)
        )
        var failures = 0
        for account in configuration.accounts {
            guard let secret = secrets[account.name] else { continue }
            let provider = ProviderFactory.make(account: account, apiKey: secret, http: http)
            do {
                let page = try await provider.fetchPage(nil)
                let more = page.next == nil ? "" : ", more pages follow"
                Console.error("probe \(account.name): OK, \(page.records.count) assistant(s) on the first page\(more)")
            } catch {
                failures += 1
                Console.error("probe \(account.name): FAILED: \(error)")
            }
        }
        return failures
    }
}
