import MirrorCore
import MirrorSync

/// `check-config --config FILE`: validate, print the effective configuration, check every key loads.
struct CheckConfigCommand: Command {
    let name = "check-config"
    let summary =
        "validate a configuration and print it with every default filled in (secrets masked) and the "
        + "description of every provider in use"
    let options: [ParsedArguments.Option] = [.value("config", "FILE", "the configuration file")]
    let discussion = """
        Exit status 0 when the file is valid and every account's API key can be read, 1 when a key cannot,
        3 when the file itself is invalid (the error names file:line and the key).
        """

    func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        let configuration = try CommandContext.loadConfiguration(arguments)
        Console.out(configuration.renderEffective(describingProvidersInUse: true))
        let (secrets, errors) = AccountCrawler.loadSecrets(for: configuration, loader: SecretLoader())
        for account in configuration.accounts {
            if let error = errors[account.name] {
                Console.error("error: \(error)")
            } else if secrets[account.name] != nil {
                Console.error("\(account.name): API key readable from \(account.secret)")
            }
        }
        Console.error(
            errors.isEmpty
                ? "configuration OK: \(configuration.accounts.count) account(s)"
                : "configuration has \(errors.count) unreadable API key(s)"
        )
        return errors.isEmpty ? .ok : .failure
    }
}
