/// An independent reader of the Prometheus text exposition format 0.0.4, for tests: it shares no code
/// with `MetricsExposition` and refuses what a scraper would refuse or what the naming rules forbid
/// (https://prometheus.io/docs/instrumenting/exposition_formats/, …/practices/naming/).
public struct ExpositionChecker {
    public struct Sample: Equatable, Sendable {
        public let labels: [String: String]
        public let value: Double
    }

    public struct Family: Sendable {
        public let type: String
        public let help: String
        public var samples: [Sample]
    }

    public struct Violation: Error, CustomStringConvertible {
        public let description: String
    }

    public private(set) var families: [String: Family] = [:]

    /// Parses `text` or throws the first rule it breaks, naming the line.
    public init(_ text: String) throws {
        guard text.isEmpty || text.hasSuffix("\n") else {
            throw Violation(description: "the last line has no line feed")
        }
        var help: [String: String] = [:]
        var current: String?
        var closed = Set<String>()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init).enumerated()
        {
            func fail(_ why: String) -> Violation { Violation(description: "line \(index + 1) (\(line)): \(why)") }
            if line.hasPrefix("# HELP ") {
                let rest = line.dropFirst(7)
                guard let space = rest.firstIndex(of: " ") else { throw fail("HELP without text") }
                let name = String(rest[..<space])
                guard help[name] == nil else { throw fail("second HELP for \(name)") }
                help[name] = try Self.unescape(String(rest[rest.index(after: space)...]), quote: false, fail)
                continue
            }
            if line.hasPrefix("# TYPE ") {
                let parts = line.dropFirst(7).split(separator: " ").map(String.init)
                guard parts.count == 2, ["counter", "gauge", "histogram", "summary", "untyped"].contains(parts[1])
                else { throw fail("malformed TYPE") }
                let name = parts[0]
                guard Self.isName(name, colon: true) else { throw fail("bad metric name") }
                guard families[name] == nil else { throw fail("second TYPE for \(name)") }
                guard let text = help[name] else { throw fail("TYPE before HELP") }
                if parts[1] == "counter", !name.hasSuffix("_total") {
                    throw fail("a counter's name must end in _total")
                }
                if let current { closed.insert(current) }
                families[name] = Family(type: parts[1], help: text, samples: [])
                current = name
                continue
            }
            if line.hasPrefix("#") { continue }
            let nameEnd = line.firstIndex { $0 == "{" || $0 == " " } ?? line.endIndex
            let name = String(line[..<nameEnd])
            guard name == current, !closed.contains(name) else { throw fail("sample outside its family's block") }
            var labels: [String: String] = [:]
            var rest = line[nameEnd...]
            if rest.first == "{" {
                rest = rest.dropFirst()
                while rest.first != "}" {
                    guard let equals = rest.firstIndex(of: "=") else { throw fail("label without '='") }
                    let label = String(rest[..<equals])
                    guard Self.isName(label, colon: false), labels[label] == nil else {
                        throw fail("bad label \(label)")
                    }
                    rest = rest[rest.index(after: equals)...]
                    guard rest.first == "\"" else { throw fail("label value not quoted") }
                    rest = rest.dropFirst()
                    var raw = ""
                    while let character = rest.first, character != "\"" {
                        raw.append(character)
                        rest = rest.dropFirst()
                        if character == "\\", let next = rest.first {
                            raw.append(next)
                            rest = rest.dropFirst()
                        }
                    }
                    guard rest.first == "\"" else { throw fail("unterminated label value") }
                    rest = rest.dropFirst()
                    labels[label] = try Self.unescape(raw, quote: true, fail)
                    if rest.first == "," { rest = rest.dropFirst() }
                }
                rest = rest.dropFirst()
            }
            let fields = rest.split(separator: " ")
            guard (1...2).contains(fields.count), let value = Self.value(String(fields[0])) else {
                throw fail("bad value")
            }
            guard !(families[name]!.samples.contains { $0.labels == labels }) else { throw fail("duplicate series") }
            families[name]!.samples.append(Sample(labels: labels, value: value))
        }
    }

    /// The value of the one sample of `name` whose labels include `labels`.
    public func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        let matches = families[name]?.samples.filter { sample in labels.allSatisfy { sample.labels[$0.key] == $0.value }
        }
        return matches?.count == 1 ? matches?.first?.value : nil
    }

    private static func value(_ text: String) -> Double? {
        switch text {
        case "NaN": .nan
        case "+Inf": .infinity
        case "-Inf": -.infinity
        default: Double(text)
        }
    }

    private static func isName(_ name: String, colon: Bool) -> Bool {
        guard let first = name.first, !first.isNumber else { return false }
        return name.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" || (colon && $0 == ":") }
    }

    private static func unescape(_ text: String, quote: Bool, _ fail: (String) -> Violation) throws -> String {
        var result = ""
        var escaping = false
        for character in text {
            if escaping {
                switch character {
                case "\\": result.append("\\")
                case "n": result.append("\n")
                case "\"" where quote: result.append("\"")
                default: throw fail("unknown escape \\\(character)")
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else if quote && character == "\"" {
                throw fail("unescaped quote")
            } else {
                result.append(character)
            }
        }
        guard !escaping else { throw fail("dangling backslash") }
        return result
    }
}
