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

    /// User plus system CPU time of this process so far, in seconds (getrusage(2), RUSAGE_SELF: the
    /// simulator child's time is not included).
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        return user + system
    }

    /// Bytes this process asked write(2) and pwrite(2) to write so far (`wchar` in /proc/self/io,
    /// proc(5)): the WAL's frames and the checkpoints' copies into the database file, plus a few
    /// hundred bytes of HTTP requests per page.
    static func writtenBytes() -> Int {
        guard let io = try? String(contentsOfFile: "/proc/self/io", encoding: .utf8) else { return 0 }
        for line in io.split(separator: "\n") where line.hasPrefix("wchar:") {
            return Int(line.split(separator: " ").last ?? "") ?? 0
        }
        return 0
    }

    /// The size of a file in bytes (0 when missing): the database, and apart from it its WAL, which
    /// `journal_size_limit` keeps to at most 64 MiB after a checkpoint.
    static func fileBytes(_ path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
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
