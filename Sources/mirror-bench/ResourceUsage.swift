import Foundation

/// Peak resident memory of this process, from proc(5): `VmHWM` in /proc/self/status is the high-water
/// mark, and writing 5 to /proc/self/clear_refs resets it to the current RSS (Linux 4.0+), so each
/// phase can report its own peak.
enum ResourceUsage {
    static func resetPeak() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .ascii)
    }

    /// The peak resident set in MiB, or nil where /proc is not Linux's.
    static func peakMiB() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kibibytes = line.split(separator: " ").dropFirst().first.flatMap { Double($0) }
            return kibibytes.map { $0 / 1024 }
        }
        return nil
    }

    /// "4 × AMD EPYC …" from /proc/cpuinfo.
    static func machine() -> String {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "?" }
        return "\(cores) × \(model ?? "unknown CPU")"
    }
}
