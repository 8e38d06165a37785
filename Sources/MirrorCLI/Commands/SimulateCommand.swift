import MirrorSimulator

/// `simulate [--listen HOST:PORT] [--seed N] [--assistants N]`: the fake provider APIs on loopback.
struct SimulateCommand: Command {
    let name = "simulate"
    let summary = "serve realistic fake APIs of all four providers on loopback (for trying and testing)"
    let options: [ParsedArguments.Option] = [
        .value("listen", "HOST:PORT", "where to listen (default 127.0.0.1:8089; loopback only)"),
        .value("seed", "N", "seed of the generated assistants and edits (default 1)"),
        .value("assistants", "N", "assistants per provider (default 12)"),
        .value("edit-every", "SECONDS", "apply a round of realistic edits every SECONDS"),
        .value("write-config", "FILE", "also write the ready configuration to FILE"),
    ]
    let discussion = """
        Prints a ready configuration for `sync` or `daemon` on standard output (each provider's base URL
        and API key as comments), so `simulate > sim.ini` works; edits and the stop go to standard error.
        The simulator writes each provider's wire format from the providers' API documents and shares no
        code with the mirror's adapters, so it is an independent witness.
        """

    func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        func number<T: FixedWidthInteger>(_ name: String, default value: T) throws -> T {
            guard let text = arguments.value(name) else { return value }
            guard let parsed = T(text) else { throw UsageError("--\(name) takes a whole number, not '\(text)'") }
            return parsed
        }
        let interval = try arguments.value("edit-every").map { text -> Double in
            guard let seconds = Double(text), seconds > 0 else {
                throw UsageError("--edit-every takes a number of seconds, not '\(text)'")
            }
            return seconds
        }
        if let path = arguments.value("write-config") { try OutputPath.requireWritable(path, for: "the configuration") }
        do {
            try await SimulatorCommand.run(
                listen: arguments.value("listen") ?? "127.0.0.1:8089",
                seed: try number("seed", default: UInt64(1)),
                assistants: try number("assistants", default: 12),
                editInterval: interval,
                writeConfig: arguments.value("write-config")
            )
        } catch let failure as SimulatorCommand.Failure {
            throw UsageError(failure.description)
        }
        return .ok
    }
}
