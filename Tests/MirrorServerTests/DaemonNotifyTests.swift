import Foundation
import Glibc
import MirrorCore
import MirrorSimulator
import Testing

extension DaemonOperationsTests {
    /// `notify-exec` end to end: the real daemon, the simulator on loopback, and shell scripts as programs.
    @Suite struct DaemonNotifyTests {
        @Test func theBaselineNotifiesNothingAnEditExactlyOnceAndARestartNothingAgain() async throws {
            let fixture = try DaemonFixture()
            let folder = fixture.directory.file("received")
            try fixture.writeConfiguration(mirror: ["notify-exec = \(try fixture.recordingScript(into: folder))"])
            var daemon = try fixture.launch(environment: fixture.environment())
            #expect(await eventuallyTrue { await fixture.everyAccountCrawled() }, "stderr: \(daemon.standardErrorText)")
            #expect(await eventuallyTrue { await fixture.notificationsCaughtUp() })
            #expect(fixture.recorded(in: folder).isEmpty, "the first complete crawl is the baseline")

            let id = try #require(fixture.simulator.assistantIDs(.puretalk).first)
            let old = try #require(fixture.simulator.mainPrompt(.puretalk, id: id))
            let new = old + "\nAlways answer in French.\n"
            #expect(fixture.simulator.editPrompt(.puretalk, id: id, to: new))
            _ = try await fixture.syncAndWait()
            #expect(
                await eventuallyTrue { fixture.recorded(in: folder).count == 1 },
                "stderr: \(daemon.standardErrorText)"
            )
            #expect(await eventuallyTrue { await fixture.notificationsCaughtUp() })

            let change = try #require(fixture.recorded(in: folder).first)
            #expect(change["account"] == .string("sim-puretalk"))
            #expect(change["remote_id"] == .string(id))
            #expect(change["change_kind"] == .string("updated"))
            #expect(change["revision"] == .number("2"))
            #expect(change["old_prompt"] == .string(old))
            #expect(change["new_prompt"] == .string(new))
            // Every column of the view comes along, the who-changed-it ones included.
            for column in [
                "seq", "observed_at", "previous_observed_at", "prompt_fields", "changed_by", "changed_by_source",
            ] {
                #expect(change[column] != nil, "missing \(column)")
            }
            let diff = try #require(change["diff"]?.stringValue)
            #expect(diff.contains("+Always answer in French."))
            #expect(diff.hasPrefix("--- sim-puretalk/\(id) before revision 2\n"))
            // The program runs with a small environment: the daemon's API keys never reach it.
            let environment = try #require(fixture.recordedEnvironments(in: folder).first)
            #expect(!fixture.keyEnvironment.isEmpty)
            for (name, key) in fixture.keyEnvironment {
                #expect(!environment.contains(name) && !environment.contains(key), "\(name) reached notify-exec")
            }

            daemon.send(SIGTERM)
            #expect(await daemon.termination() == .exited(0))
            daemon = try fixture.launch(environment: fixture.environment())
            #expect(
                await eventuallyTrue { (try? await fixture.syncAndWait()) != nil },
                "stderr: \(daemon.standardErrorText)"
            )
            #expect(await eventuallyTrue { await fixture.notificationsCaughtUp() })
            #expect(fixture.recorded(in: folder).count == 1, "a restart notified a change again")
            daemon.send(SIGTERM)
            #expect(await daemon.termination() == .exited(0))
        }

        @Test func turningNotificationsOnForAnExistingHistoryStartsFromThen() async throws {
            let fixture = try DaemonFixture()
            let folder = fixture.directory.file("received")
            try fixture.writeConfiguration(mirror: [])
            var daemon = try fixture.launch(environment: fixture.environment())
            #expect(await eventuallyTrue { await fixture.everyAccountCrawled() }, "stderr: \(daemon.standardErrorText)")
            let id = try #require(fixture.simulator.assistantIDs(.telnyx).first)
            #expect(fixture.simulator.editPrompt(.telnyx, id: id, to: "Edited while nobody listened.\n"))
            _ = try await fixture.syncAndWait()
            daemon.send(SIGTERM)
            #expect(await daemon.termination() == .exited(0))

            try fixture.writeConfiguration(mirror: ["notify-exec = \(try fixture.recordingScript(into: folder))"])
            daemon = try fixture.launch(environment: fixture.environment())
            #expect(
                await eventuallyTrue { await fixture.notificationsCaughtUp() },
                "stderr: \(daemon.standardErrorText)"
            )
            #expect(fixture.recorded(in: folder).isEmpty, "a change from before notify-exec was set was notified")
            #expect(fixture.simulator.editPrompt(.telnyx, id: id, to: "Edited while someone listens.\n"))
            _ = try await fixture.syncAndWait()
            #expect(
                await eventuallyTrue { fixture.recorded(in: folder).count == 1 },
                "stderr: \(daemon.standardErrorText)"
            )
            #expect(fixture.recorded(in: folder).first?["new_prompt"] == .string("Edited while someone listens.\n"))
            daemon.send(SIGTERM)
            #expect(await daemon.termination() == .exited(0))
        }

        @Test func aFailingAndAHangingProgramAreLoggedAndNeverFailTheCrawl() async throws {
            let fixture = try DaemonFixture()
            let folder = fixture.directory.file("received")
            let pidFile = fixture.directory.file("hanging.pid")
            let failing = try fixture.script("fail.sh", "cat > /dev/null; echo 'webhook refused' >&2; exit 3")
            // The hanging one starts a child of its own: the timeout must kill the whole process group.
            let hanging = try fixture.script("hang.sh", "echo $$ > \(pidFile); sleep 300 & wait")
            try fixture.writeConfiguration(
                mirror: ["notify-exec = \(try fixture.recordingScript(into: folder))", "notify-timeout = 1s"],
                accounts: ["sim-puretalk": ["notify-exec = \(failing)"], "sim-invent": ["notify-exec = \(hanging)"]]
            )
            let daemon = try fixture.launch(environment: fixture.environment())
            #expect(await eventuallyTrue { await fixture.everyAccountCrawled() }, "stderr: \(daemon.standardErrorText)")
            #expect(await eventuallyTrue { await fixture.notificationsCaughtUp() })

            for provider in [SimulatedProvider.puretalk, .invent, .telnyx] {
                let id = try #require(fixture.simulator.assistantIDs(provider).first)
                #expect(fixture.simulator.editPrompt(provider, id: id, to: "Rewritten for \(provider).\n"))
            }
            let outcomes = try await fixture.syncAndWait()
            guard case .array(let rows)? = outcomes["outcomes"] else {
                throw HarnessError("no outcomes in \(outcomes)")
            }
            #expect(rows.count == DaemonFixture.accounts.count)
            #expect(rows.allSatisfy { $0["status"] == .string("ok") }, "a notify program failed a crawl: \(outcomes)")

            #expect(
                await eventuallyTrue { await fixture.notificationsCaughtUp() },
                "stderr: \(daemon.standardErrorText)"
            )
            let received = fixture.recorded(in: folder)
            #expect(received.count == 1)
            #expect(received.first?["account"] == .string("sim-telnyx"))
            let log = daemon.logLines
            #expect(log.contains { $0.contains("notify-exec failed (exit status 3)") && $0.contains("sim-puretalk") })
            #expect(log.contains { $0.contains("notify-exec timed out") && $0.contains("sim-invent") })
            #expect(log.filter { $0.contains("notify-exec") && $0.contains("sim-puretalk") }.count == 1)
            // The hanging script's group (it and its sleep) is gone.
            let pid = try #require(
                Int32(
                    String(decoding: try Data(contentsOf: URL(fileURLWithPath: pidFile)), as: UTF8.self)
                        .trimmingCharacters(in: .whitespacesAndNewlines)
                )
            )
            #expect(
                await eventuallyTrue { kill(-pid, 0) != 0 && errno == ESRCH },
                "the timed-out process group lives on"
            )
            daemon.send(SIGTERM)
            #expect(await daemon.termination() == .exited(0))
        }
    }
}
