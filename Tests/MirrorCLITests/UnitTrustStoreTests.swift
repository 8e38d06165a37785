import Foundation
import TestSupport
import Testing

/// The hardened unit must leave the CA trust store readable, or every https sync would fail with an
/// "untrusted certificate" error that no certificate fix could cure. libcurl reads
/// /etc/ssl/certs/ca-certificates.crt, a file that update-ca-certificates(8) links into
/// /usr/share/ca-certificates and /usr/local/share/ca-certificates.
@Suite("systemd unit and the trust store")
struct UnitTrustStoreTests {
    static let unit = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("systemd/assistant-mirror.service").path
    static let trustStore = ["/etc/ssl", "/usr/share/ca-certificates", "/usr/local/share/ca-certificates"]

    /// `Key=value` lines of the unit's [Service] section.
    static func serviceSettings() throws -> [(key: String, value: String)] {
        var inService = false
        var settings: [(String, String)] = []
        for line in try String(contentsOfFile: unit, encoding: .utf8).split(separator: "\n") {
            if line.hasPrefix("[") { inService = line == "[Service]" }
            guard inService, !line.hasPrefix("#"), let equals = line.firstIndex(of: "=") else { continue }
            settings.append((String(line[..<equals]), String(line[line.index(after: equals)...])))
        }
        return settings
    }

    @Test("no sandbox setting hides or replaces the paths of the trust store")
    func sandboxKeepsTheTrustStore() throws {
        let settings = try Self.serviceSettings()
        #expect(!settings.isEmpty)
        // These make a path unreadable or swap it for something else (systemd.exec(5), "Sandboxing").
        let hiding: Set = ["InaccessiblePaths", "TemporaryFileSystem", "BindPaths", "BindReadOnlyPaths"]
        for (key, value) in settings where hiding.contains(key) {
            for path in value.split(separator: " ").map({ String($0.trimmingCharacters(in: ["-", "+"])) }) {
                let covers = Self.trustStore.contains { $0.hasPrefix(path) || path.hasPrefix($0) } || path == "/"
                #expect(!covers, "\(key)=\(value) hides the CA trust store")
            }
        }
        // A private root would need the trust store bound into it.
        #expect(!settings.contains { $0.key == "RootDirectory" || $0.key == "RootImage" })
        // ProtectSystem=strict makes / read-only, not unreadable; that is the strongest allowed.
        let protect = settings.filter { $0.key == "ProtectSystem" }.map(\.value)
        #expect(protect.allSatisfy { ["yes", "full", "strict", "no"].contains($0) })
    }

    @Test(
        "under systemd-run with the unit's sandbox, the trust store can be read",
        .enabled(if: FileManager.default.fileExists(atPath: "/run/systemd/system"), "systemd is not PID 1 here")
    )
    func readsTheTrustStoreInTheSandbox() throws {
        // The unit's sandbox, minus what only a real service start means; DynamicUser stands in for the
        // static user, which may not exist on the test machine.
        let skipped: Set = [
            "Type", "NotifyAccess", "ExecStart", "ExecReload", "WatchdogSec", "Restart", "RestartSec", "User", "Group",
        ]
        let properties = try Self.serviceSettings().filter { !skipped.contains($0.key) && !$0.key.hasPrefix("Timeout") }
            .flatMap { ["-p", "\($0.key)=\($0.value)"] }
        let run = try ChildProcess.run(
            "/usr/bin/systemd-run",
            ["--wait", "--pipe", "--quiet", "-p", "DynamicUser=yes"]
                + properties
                + ["/usr/bin/head", "-c", "27", "/etc/ssl/certs/ca-certificates.crt"]
        )
        #expect(run.status == 0, "\(run.errorText)")
        #expect(run.outputText == "-----BEGIN CERTIFICATE-----")
    }
}
