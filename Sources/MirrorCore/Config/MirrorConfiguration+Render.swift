extension MirrorConfiguration {
    /// The configuration as `check-config` prints it: valid INI that `ConfigurationLoader` reads back to
    /// the same settings, with every default written out, accounts in file order, and for each account
    /// where its API key comes from, never the key (this value holds no key to begin with).
    ///
    /// Settings whose default lives elsewhere (a provider adapter's page size, Interactly's paths) or
    /// that are off by default appear as a comment saying so, since there is no value to print.
    ///
    /// The `[provider "NAME"]` sections follow the accounts, each as the whole effective description:
    /// those the file has, and with `describingProvidersInUse` also the built-ins its accounts use.
    public func renderEffective(describingProvidersInUse: Bool = false) -> String {
        var lines = ["# Effective configuration" + (sourcePath.map { " of \($0)" } ?? "")]
        lines.append("# (defaults filled in; API keys are never shown, only where they are read from)")
        lines.append("")
        lines.append("[mirror]")
        lines.append(setting("database", database))
        lines.append(setting("socket", socket))
        lines.append(setting("interval", DurationText.format(interval)))
        lines.append(setting("jitter", ShareText.format(jitter)))
        lines.append(setting("max-concurrent-crawls", "\(maxConcurrentCrawls)"))
        lines.append(setting("log-level", logLevel.rawValue))
        lines.append(setting("sync-group", syncGroup, otherwise: "any peer that can open the socket may sync"))
        lines.append(
            setting("write-group", writeGroup, otherwise: "only root and the daemon's user may write prompts")
        )
        lines.append(setting("fingerprint-key-file", effectiveFingerprintKeyFile))
        lines.append(setting("retention", retention.map(DurationText.format), otherwise: "history is kept forever"))
        lines.append(setting("max-delete-share", ShareText.format(maxDeleteShare)))
        lines.append(setting("request-timeout", DurationText.format(requestTimeout)))
        lines.append(setting("max-response-size", ByteSizeText.format(maxResponseSize)))
        lines.append(setting("wal-checkpoints", walCheckpoints.rawValue))
        lines.append(setting("metrics-file", metricsFile, otherwise: "metrics only through the socket's metrics op"))
        lines.append(setting("notify-exec", notifyExec, otherwise: "no program is run on a prompt change"))
        lines.append(setting("notify-timeout", DurationText.format(notifyTimeout)))
        for account in accounts {
            lines.append("")
            lines += render(account)
        }
        var described = providers
        if describingProvidersInUse {
            for account in accounts where !described.contains(where: { $0.name == account.provider }) {
                described.append(account.providerDescription)
            }
        }
        for description in described {
            lines.append("")
            lines.append(description.renderedSection().dropLast().description)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func render(_ account: AccountConfiguration) -> [String] {
        let adapterDefault = "the \(account.provider.rawValue) adapter's default"
        var lines = [
            "[account \"\(account.name)\"]",
            setting("provider", account.provider.rawValue),
            secretSetting(account.secret),
            setting("base-url", account.effectiveBaseURL.absoluteString),
            setting("interval", DurationText.format(account.interval ?? interval)),
            setting("page-size", account.pageSize.map(String.init), otherwise: adapterDefault),
            setting("max-pages", "\(account.maxPages)"),
            setting("max-delete-share", ShareText.format(account.maxDeleteShare ?? maxDeleteShare)),
            setting("write", account.write ? WriteSwitch.on.rawValue : WriteSwitch.off.rawValue),
            setting("notify-exec", account.notifyExec ?? notifyExec, otherwise: "no program is run on a prompt change"),
        ]
        if let group = account.writeGroup { lines.append(setting("write-group", group)) }
        switch account.provider {
        case .invent:
            lines.append(setting("org", account.org ?? AccountSection.defaultInventOrg))
        case .interactly:
            lines.append(setting("list-path", account.listPath, otherwise: adapterDefault))
            lines.append(setting("page-parameter", account.pageParameter, otherwise: adapterDefault))
            lines.append(setting("size-parameter", account.sizeParameter, otherwise: adapterDefault))
            lines.append(setting("items-key", account.itemsKey, otherwise: adapterDefault))
            lines.append(setting("total-key", account.totalKey, otherwise: adapterDefault))
        default:
            if account.providerDescription.usesOrg, let org = account.org { lines.append(setting("org", org)) }
        }
        if account.providerDescription.auditLogPath != nil {
            lines.append(setting("audit-log", account.auditLog.rawValue))
        }
        return lines
    }

    private func secretSetting(_ source: SecretSource) -> String {
        switch source {
        case .file(let path): setting("api-key-file", path)
        case .environment(let name): setting("api-key-env", name)
        case .credential(let name): setting("credential", name)
        }
    }

    /// `key = value`, quoted when the loader would otherwise trim or unquote the value.
    private func setting(_ key: String, _ value: String) -> String {
        let needsQuotes =
            value.isEmpty || value.hasPrefix("\"") || value.first?.isWhitespace == true
            || value.last?.isWhitespace == true
        return "\(key) = " + (needsQuotes ? "\"\(value)\"" : value)
    }

    private func setting(_ key: String, _ value: String?, otherwise meaning: String) -> String {
        value.map { setting(key, $0) } ?? "# \(key) is not set: \(meaning)"
    }
}
