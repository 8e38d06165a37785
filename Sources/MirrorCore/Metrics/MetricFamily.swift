/// One metric family of the Prometheus text format: a name, its help, its type and its samples.
/// All samples of a name belong to one family, written together after its `# HELP` and `# TYPE`
/// lines (https://prometheus.io/docs/instrumenting/exposition_formats/, "Text format details").
public struct MetricFamily: Sendable, Equatable {
    /// The types this daemon exposes; histograms and summaries are not needed.
    public enum Kind: String, Sendable {
        case counter, gauge
    }

    /// `[a-zA-Z_:][a-zA-Z0-9_:]*`; a counter's name ends in `_total`, a duration's in `_seconds`
    /// (https://prometheus.io/docs/practices/naming/).
    public let name: String
    public let help: String
    public let kind: Kind
    public var samples: [MetricSample]

    public init(_ name: String, _ kind: Kind, help: String, samples: [MetricSample] = []) {
        self.name = name
        self.kind = kind
        self.help = help
        self.samples = samples
    }

    /// A family of one unlabelled sample.
    public init(_ name: String, _ kind: Kind, help: String, value: Double) {
        self.init(name, kind, help: help, samples: [MetricSample(value)])
    }
}

/// One sample line: its labels, in the order written, and its value.
public struct MetricSample: Sendable, Equatable {
    public let labels: [Label]
    public let value: Double

    public struct Label: Sendable, Equatable {
        public let name: String
        public let value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(_ value: Double, _ labels: [Label] = []) {
        self.value = value
        self.labels = labels
    }

    public init(_ value: Int, _ labels: [Label] = []) {
        self.init(Double(value), labels)
    }

    /// A per-account sample (`account="NAME"`), plus any further labels.
    public static func account(_ name: String, _ value: Double, _ more: [Label] = []) -> MetricSample {
        MetricSample(value, [Label("account", name)] + more)
    }
}
