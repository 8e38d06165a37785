import Foundation
import Glibc
import MirrorCore
import TestSupport
import Testing

/// The daemon tests of issue 13's operations (metrics and notifications), one at a time: each runs a
/// daemon, and more daemons at once than the other daemon suites start would crowd a 2-core machine.
@Suite(.serialized) enum DaemonOperationsTests {}

extension DaemonOperationsTests {
    /// The `metrics` op, the `metrics` command and `[mirror] metrics-file`, on the real daemon.
    @Suite struct DaemonMetricsTests {
        @Test func theOpTheCommandAndTheFileServeValidExpositionsThatFollowTheCrawls() async throws {
            let fixture = try DaemonFixture()
            let metricsFile = fixture.directory.file("assistant_mirror.prom")
            try fixture.writeConfiguration(mirror: ["metrics-file = \(metricsFile)"])
            let daemon = try fixture.launch(environment: fixture.environment())
            #expect(await eventuallyTrue { await fixture.everyAccountCrawled() }, "stderr: \(daemon.standardErrorText)")

            let text = try #require(try DaemonFixture.query(socket: fixture.socketPath, op: "metrics").stringValue)
            let metrics = try ExpositionChecker(text)
            for account in DaemonFixture.accounts {
                let labels = ["account": account]
                #expect(metrics.value("assistant_mirror_assistants", labels) == 3)
                #expect(
                    metrics.value("assistant_mirror_last_crawl_outcome", labels.merging(["outcome": "ok"]) { $1 }) == 1
                )
                #expect(
                    metrics.value("assistant_mirror_last_crawl_outcome", labels.merging(["outcome": "failed"]) { $1 })
                        == 0
                )
                #expect(
                    metrics.value("assistant_mirror_breaker_state", labels.merging(["state": "closed"]) { $1 }) == 1
                )
                #expect((metrics.value("assistant_mirror_revisions_total", labels) ?? 0) >= 3)
                #expect((metrics.value("assistant_mirror_prompt_changes_total", labels) ?? 0) >= 3)
                let start = try #require(metrics.value("assistant_mirror_last_crawl_start_timestamp_seconds", labels))
                let success = try #require(metrics.value("assistant_mirror_last_success_timestamp_seconds", labels))
                #expect(abs(start - Date().timeIntervalSince1970) < 600)
                #expect(success >= start)
                #expect((metrics.value("assistant_mirror_last_crawl_duration_seconds", labels) ?? -1) >= 0)
            }
            #expect((metrics.value("assistant_mirror_http_requests_total", ["code": "2xx"]) ?? 0) >= 4)
            #expect(metrics.value("assistant_mirror_http_requests_total", ["code": "5xx"]) == 0)
            #expect(metrics.families["assistant_mirror_http_retries_total"]?.type == "counter")
            #expect((metrics.value("assistant_mirror_chain_head_seq") ?? 0) >= 12)
            // Each crawl verifies what it appended, so after the crawls the daemon's chain state is ok.
            #expect(metrics.value("assistant_mirror_chain_state", ["state": "ok"]) == 1)
            #expect(metrics.value("assistant_mirror_chain_state", ["state": "broken"]) == 0)
            #expect((metrics.value("assistant_mirror_chain_verified_timestamp_seconds") ?? 0) > 1_700_000_000)
            #expect((metrics.value("assistant_mirror_database_size_bytes") ?? 0) > 0)
            #expect(metrics.value("assistant_mirror_wal_size_bytes") != nil)

            // The command prints the same exposition.
            let command = try await ChildProcess.run(
                try DaemonProcess.binaryPath(),
                ["metrics", "--socket", fixture.socketPath]
            )
            #expect(command.status == 0, "\(command.errorText)")
            #expect(try ExpositionChecker(command.outputText).value("assistant_mirror_chain_head_seq") != nil)

            // The file: written after the crawls, parseable, and replaced (a new inode) after the next one.
            #expect(
                await eventuallyTrue {
                    (try? ExpositionChecker(Self.read(metricsFile)))?.value("assistant_mirror_chain_head_seq").map {
                        $0 > 0
                    } ?? false
                }
            )
            // Held open across the rewrite: a rename leaves this descriptor on the old, whole file, where a
            // rewrite in place would show it the new or a truncated text.
            let held = try FileHandle(forReadingFrom: URL(fileURLWithPath: metricsFile))
            defer { try? held.close() }
            let textBefore = String(decoding: try held.readToEnd() ?? Data(), as: UTF8.self)
            let startBefore = try ExpositionChecker(textBefore)
                .value("assistant_mirror_last_crawl_start_timestamp_seconds", ["account": "sim-telnyx"])
            _ = try await fixture.syncAndWait()
            #expect(
                await eventuallyTrue {
                    let start = (try? ExpositionChecker(Self.read(metricsFile)))?
                        .value("assistant_mirror_last_crawl_start_timestamp_seconds", ["account": "sim-telnyx"])
                    return start != nil && start != startBefore
                }
            )
            #expect(
                try Self.inode(metricsFile) != Self.inode(of: held),
                "the file was rewritten in place, not renamed over"
            )
            try held.seek(toOffset: 0)
            #expect(String(decoding: try held.readToEnd() ?? Data(), as: UTF8.self) == textBefore)
            #expect(try permissionBits(of: metricsFile) == 0o644)
            daemon.send(SIGTERM)
            #expect(await daemon.termination() == .exited(0))
            // The temporary exists only while a write is under way.
            #expect(!FileManager.default.fileExists(atPath: metricsFile + ".tmp"))
        }

        private static func read(_ path: String) throws -> String {
            try String(contentsOfFile: path, encoding: .utf8)
        }

        private static func inode(of handle: FileHandle) throws -> UInt64 {
            var info = stat()
            guard fstat(handle.fileDescriptor, &info) == 0 else { throw HarnessError("fstat failed") }
            return UInt64(info.st_ino)
        }

        private static func inode(_ path: String) throws -> UInt64 {
            var info = stat()
            guard stat(path, &info) == 0 else { throw HarnessError("stat \(path) failed") }
            return UInt64(info.st_ino)
        }
    }
}
