import MirrorCore

/// `DurationText`, the notation of intervals in the configuration and on the command line: an accepted
/// text formats to one that parses to the same duration. The input's first 8 bytes, read as a count of
/// milliseconds, also go through `format`: a non-negative one parses back, a negative one never does.
enum DurationTarget {
    static let target = FuzzTarget(name: "duration", check: .synchronous(check))

    static func check(_ input: [UInt8]) throws(InvariantViolation) {
        let text = String(decoding: input, as: UTF8.self)
        if let duration = DurationText.parse(text) {
            let formatted = DurationText.format(duration)
            try expect(
                DurationText.parse(formatted) == duration,
                "\(text.debugDescription) parses to \(duration), which formats as \(formatted)"
            )
        }
        if input.count >= 8 {
            let milliseconds = input.withUnsafeBytes { Int64(littleEndian: $0.loadUnaligned(as: Int64.self)) }
            let formatted = DurationText.format(.milliseconds(milliseconds))
            let expected: Duration? = milliseconds >= 0 ? .milliseconds(milliseconds) : nil
            try expect(
                DurationText.parse(formatted) == expected,
                "\(milliseconds) ms formats as \(formatted), which parses to \(String(describing: DurationText.parse(formatted)))"
            )
        }
    }
}
