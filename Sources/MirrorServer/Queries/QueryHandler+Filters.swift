import MirrorCore
import MirrorStore

extension QueryHandler {
    /// A filter that names an account or a provider nobody has is a typo, not an empty answer: say so,
    /// with the names that exist (the database's and, in a daemon, the configuration's).
    func checkFilters(account: String?, provider: String? = nil) throws {
        guard account != nil || provider != nil else { return }
        let stored = try reader.accountNames()
        let scheduled = daemon?.accountSchedules() ?? []
        if let account {
            let known = Set(stored.map(\.account) + scheduled.map(\.account))
            guard known.contains(account) else {
                throw QueryError.notFound("no account named \(account); known: \(Self.list(known))")
            }
        }
        if let provider {
            let known = Set(
                stored.map(\.provider) + scheduled.map(\.provider.rawValue) + ProviderKind.builtIns.map(\.rawValue)
            )
            guard known.contains(provider) else {
                throw QueryError.notFound("no provider named \(provider); known: \(Self.list(known))")
            }
        }
    }

    private static func list(_ names: Set<String>) -> String {
        names.isEmpty ? "none yet" : names.sorted().joined(separator: ", ")
    }
}
