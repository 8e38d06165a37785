extension ProviderSimulator {
    /// The environment variable the sample configuration reads a provider's key from, e.g. `SIM_PURETALK_KEY`.
    public static func apiKeyEnvironmentVariable(for provider: SimulatedProvider) -> String {
        "SIM_\(provider.rawValue.uppercased().replacingOccurrences(of: "-", with: "_"))_KEY"
    }

    /// A ready-to-use mirror configuration (design.md's INI format) with one `sim-…` account per provider.
    public func sampleConfiguration(
        database: String = "sim-mirror.db",
        socket: String = "sim-mirror.sock",
        interval: String = "30s"
    ) -> String {
        var lines = [
            "# assistant-mirror configuration for the simulator on port \(port).",
            "# Keys are read from the environment:",
        ]
        lines += SimulatedProvider.builtIn.map {
            "#   export \(Self.apiKeyEnvironmentVariable(for: $0))=\(apiKeys[$0] ?? "")"
        }
        lines += ["", "[mirror]", "database = \(database)", "socket = \(socket)", "interval = \(interval)"]
        for provider in SimulatedProvider.builtIn {
            lines += [
                "", "[account \"sim-\(provider.rawValue)\"]", "provider = \(provider.rawValue)",
                "base-url = \(baseURL(for: provider).absoluteString)",
                "api-key-env = \(Self.apiKeyEnvironmentVariable(for: provider))",
            ]
            if provider == .invent { lines.append("org = \(inventOrg)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
