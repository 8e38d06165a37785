import TestSupport
import Testing

@testable import MirrorCore

@Suite("MetricsExposition")
struct MetricsExpositionTests {
    @Test("families are written whole: HELP, TYPE, then samples, each line ended by a line feed")
    func layout() {
        let text = MetricsExposition.render([
            MetricFamily(
                "demo_requests_total",
                .counter,
                help: "Requests.",
                samples: [MetricSample(3, [.init("code", "2xx")]), MetricSample(0, [.init("code", "5xx")])]
            ),
            MetricFamily("demo_size_bytes", .gauge, help: "Size.", samples: [MetricSample(1.5)]),
            MetricFamily("demo_unused", .gauge, help: "No samples, so not written."),
        ])
        #expect(
            text == """
                # HELP demo_requests_total Requests.
                # TYPE demo_requests_total counter
                demo_requests_total{code="2xx"} 3
                demo_requests_total{code="5xx"} 0
                # HELP demo_size_bytes Size.
                # TYPE demo_size_bytes gauge
                demo_size_bytes 1.5

                """
        )
    }

    @Test("label values escape backslash, double quote and line feed; HELP escapes backslash and line feed")
    func escaping() throws {
        let awkward = "C:\\dir \"quoted\"\nnext line"
        let text = MetricsExposition.render([
            MetricFamily(
                "demo_info",
                .gauge,
                help: "Help with \\ and\na second line, \"quotes\" kept.",
                samples: [.account(awkward, 1, [.init("other", "plain")])]
            )
        ])
        #expect(text.contains(#"demo_info{account="C:\\dir \"quoted\"\nnext line",other="plain"} 1"#))
        #expect(text.contains(#"# HELP demo_info Help with \\ and\na second line, "quotes" kept."#))
        #expect(text.split(separator: "\n").count == 3)
        // An independent reader gets the original values back.
        let parsed = try ExpositionChecker(text)
        #expect(parsed.families["demo_info"]?.samples.first?.labels["account"] == awkward)
        #expect(parsed.families["demo_info"]?.help == "Help with \\ and\na second line, \"quotes\" kept.")
    }

    @Test(
        "values as Prometheus reads them",
        arguments: [
            (0.0, "0"), (42, "42"), (-3, "-3"), (0.25, "0.25"), (1_764_700_000.123, "1764700000.123"),
            (.nan, "NaN"), (.infinity, "+Inf"), (-.infinity, "-Inf"), (1e20, "1e+20"),
        ]
    )
    func values(value: Double, text: String) {
        #expect(MetricsExposition.number(value) == text)
    }

    @Test("metric and label names follow the data model's rules")
    func names() {
        #expect(MetricsExposition.isMetricName("assistant_mirror_up"))
        #expect(MetricsExposition.isMetricName("job:rate5m"))
        #expect(!MetricsExposition.isMetricName("9lives"))
        #expect(!MetricsExposition.isMetricName("has-dash"))
        #expect(!MetricsExposition.isMetricName(""))
        #expect(MetricsExposition.isLabelName("account"))
        #expect(!MetricsExposition.isLabelName("__reserved"))
        #expect(!MetricsExposition.isLabelName("a:b"))
    }

    @Test("the checker refuses what a scraper refuses")
    func checkerRefuses() {
        let broken = [
            "x 1",  // no final line feed
            "# HELP a_total A.\n# TYPE a_total counter\na_total 1\n# HELP b B.\n# TYPE b gauge\nb 1\na_total 2\n",
            "# HELP c C.\n# TYPE c counter\nc 1\n",  // counter without _total
            "# HELP d D.\n# TYPE d gauge\nd{l=\"a\"b\"} 1\n",  // unescaped quote
            "# HELP e E.\n# TYPE e gauge\ne{l=\"x\"} 1\ne{l=\"x\"} 2\n",  // duplicate series
        ]
        for text in broken {
            #expect(throws: ExpositionChecker.Violation.self) { try ExpositionChecker(text) }
        }
    }
}
