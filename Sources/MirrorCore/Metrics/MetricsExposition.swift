/// Writes metric families in the Prometheus text exposition format, version 0.0.4
/// (https://prometheus.io/docs/instrumenting/exposition_formats/): UTF-8, lines ended by `\n`
/// (the last one too), one `# HELP` and one `# TYPE` line per family before its samples.
public enum MetricsExposition {
    /// The HTTP `Content-Type` a scraper expects for this text.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// The exposition of `families`, in the order given; a family with no samples is left out
    /// (a `# TYPE` line with nothing after it says nothing). Names must be unique and valid: they are
    /// this program's own constants, so a bad one is a programming error.
    public static func render(_ families: [MetricFamily]) -> String {
        var text = ""
        var seen = Set<String>()
        for family in families where !family.samples.isEmpty {
            precondition(isMetricName(family.name), "invalid metric name \(family.name)")
            precondition(seen.insert(family.name).inserted, "metric family \(family.name) written twice")
            text += "# HELP \(family.name) \(escapedHelp(family.help))\n"
            text += "# TYPE \(family.name) \(family.kind.rawValue)\n"
            for sample in family.samples {
                text += family.name
                if !sample.labels.isEmpty {
                    let pairs = sample.labels.map { label in
                        precondition(isLabelName(label.name), "invalid label name \(label.name)")
                        return "\(label.name)=\"\(escapedLabelValue(label.value))\""
                    }
                    text += "{" + pairs.joined(separator: ",") + "}"
                }
                text += " " + number(sample.value) + "\n"
            }
        }
        return text
    }

    /// HELP text escapes backslash as `\\` and line feed as `\n`; nothing else.
    public static func escapedHelp(_ help: String) -> String {
        escape(help, quote: false)
    }

    /// A label value escapes backslash as `\\`, double quote as `\"` and line feed as `\n`.
    public static func escapedLabelValue(_ value: String) -> String {
        escape(value, quote: true)
    }

    /// A value as Go's `strconv.ParseFloat` reads it: integers without a fraction, `NaN`, `+Inf`, `-Inf`.
    public static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// `[a-zA-Z_:][a-zA-Z0-9_:]*`
    public static func isMetricName(_ name: String) -> Bool {
        isName(name, extra: UInt8(ascii: ":"))
    }

    /// `[a-zA-Z_][a-zA-Z0-9_]*`, and not starting with `__` (reserved for Prometheus itself).
    public static func isLabelName(_ name: String) -> Bool {
        isName(name, extra: nil) && !name.hasPrefix("__")
    }

    private static func isName(_ name: String, extra: UInt8?) -> Bool {
        guard let first = name.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            return false
        }
        return name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_") || byte == extra
        }
    }

    private static func escape(_ text: String, quote: Bool) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\"" where quote: escaped += "\\\""
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }
}
