import MirrorCore

/// `providers`: the built-in provider descriptions, in the syntax of a `[provider "NAME"]` section.
struct ProvidersCommand: Command {
    let name = "providers"
    let summary = "print the built-in provider descriptions as [provider \"NAME\"] sections to copy"
    let options: [ParsedArguments.Option] = [.flag("json", "print a JSON object of name → {key: value}")]
    let discussion = """
        Copy a section into the configuration and change a key to correct a built-in (a section under a
        built-in's name changes only the keys it sets), or rename it to describe a new API and use it with
        provider = NAME in an account. README's "Describing a provider" explains every key.
        """

    func run(_ arguments: ParsedArguments) async throws -> ExitStatus {
        if arguments.flag("json") {
            let object = ProviderDescription.builtIns.map { description in
                (
                    description.name.rawValue,
                    JSONValue.object(
                        Dictionary(
                            uniqueKeysWithValues: ProviderDescription.Key.allCases.map {
                                ($0.rawValue, JSONValue.string(description.text(of: $0)))
                            }
                        )
                    )
                )
            }
            Console.out(JSONValue.object(Dictionary(uniqueKeysWithValues: object)).canonicalText)
        } else {
            Console.out(ProviderDescription.builtIns.map { $0.renderedSection() }.joined(separator: "\n"))
        }
        return .ok
    }
}
