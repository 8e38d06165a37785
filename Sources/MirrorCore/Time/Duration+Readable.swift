/// Durations for a person to read in logs and messages: `680 ms`, `1.2 s`, `42 s`, `5m`, `1h30m`,
/// rather than Swift's `0.680577732 seconds`. Truncated, never rounded up, so a wait is not overstated.
extension Duration {
    public var readable: String {
        let sign = self < .zero ? "-" : ""
        let (seconds, attoseconds) = components
        let milliseconds =
            seconds.magnitude.multipliedReportingOverflow(by: 1000).partialValue
            &+ attoseconds.magnitude / 1_000_000_000_000_000
        switch milliseconds {
        case ..<1000: return "\(sign)\(milliseconds) ms"
        case ..<10_000: return "\(sign)\(milliseconds / 1000).\(milliseconds % 1000 / 100) s"
        case ..<60_000: return "\(sign)\(milliseconds / 1000) s"
        // DurationText's notation, which the configuration file also uses, to the whole second.
        default: return sign + DurationText.format(.seconds(Int64(clamping: milliseconds / 1000)))
        }
    }
}
