/// The command line of one subcommand, parsed against its declared options. Options may come before
/// or after positional arguments (`show ID --json --socket PATH`); `--name=value` and `--name value`
/// are both accepted; `--` ends the options.
public struct ParsedArguments: Sendable {
    public struct Option: Sendable {
        public let name: String
        public let valueName: String?
        public let help: String
        public let repeatable: Bool

        /// A flag (`--json`).
        public static func flag(_ name: String, _ help: String) -> Option {
            Option(name: name, valueName: nil, help: help, repeatable: false)
        }

        /// An option with a value (`--config FILE`).
        public static func value(
            _ name: String,
            _ valueName: String,
            _ help: String,
            repeatable: Bool = false
        ) -> Option {
            Option(name: name, valueName: valueName, help: help, repeatable: repeatable)
        }
    }

    public private(set) var positionals: [String] = []
    private var values: [String: [String]] = [:]
    private var flags: Set<String> = []

    public init(_ arguments: [String], options: [Option]) throws(UsageError) {
        let byName = Dictionary(uniqueKeysWithValues: options.map { ($0.name, $0) })
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard !onlyPositionals, argument.hasPrefix("--"), argument.count > 2 else {
                if argument == "--" && !onlyPositionals {
                    onlyPositionals = true
                } else {
                    positionals.append(argument)
                }
                continue
            }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard let option = byName[name] else {
                let known = options.map { "--\($0.name)" }.joined(separator: ", ")
                throw UsageError(
                    "unknown option --\(name); this command takes: \(known.isEmpty ? "no options" : known)"
                )
            }
            if option.valueName == nil {
                guard inlineValue == nil else { throw UsageError("--\(name) takes no value") }
                flags.insert(name)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < arguments.count else {
                    throw UsageError("--\(name) needs a value (\(option.valueName!))")
                }
                value = arguments[index]
                index += 1
            }
            if !option.repeatable, values[name] != nil { throw UsageError("--\(name) was given twice") }
            values[name, default: []].append(value)
        }
    }

    public func flag(_ name: String) -> Bool { flags.contains(name) }
    public func value(_ name: String) -> String? { values[name]?.last }
    public func values(_ name: String) -> [String] { values[name] ?? [] }

    /// The option's value as an integer, nil when the option is not given.
    public func wholeNumber(_ name: String) throws -> Int? {
        guard let value = value(name) else { return nil }
        guard let number = Int(value) else { throw UsageError("--\(name) takes a whole number, not '\(value)'") }
        return number
    }
}

/// A mistake on the command line: exit status 2, message on stderr with a pointer to `--help`.
public struct UsageError: Error, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
