import Foundation
import MirrorStore
import Testing

@Suite struct MigratorTests {
    @Test func emptyDatabaseReachesTheLatestVersionWithEveryView() throws {
        let directory = TemporaryDirectory()
        let connection = try Connection(path: directory.file("m.db"), mode: .readWrite)
        let applied = try Migrator().migrate(connection)
        #expect(applied == Migrator.embedded.map(\.version))
        #expect(try connection.userVersion == Migrator().latestVersion)
        let views = try connection.rows("SELECT name FROM sqlite_schema WHERE type = 'view' ORDER BY name") {
            $0.string(0)!
        }
        #expect(
            Set(views).isSuperset(of: [
                "assistants_current", "assistant_revisions", "field_changes", "prompt_changes", "sync_runs",
            ])
        )
        // A second run applies nothing.
        #expect(try Migrator().migrate(connection).isEmpty)
    }

    @Test(arguments: Migrator.embedded.map(\.version).dropLast())
    func everyEarlierVersionUpgradesToTheLatest(from version: Int) throws {
        let directory = TemporaryDirectory()
        let connection = try Connection(path: directory.file("m.db"), mode: .readWrite)
        let older = Migrator(migrations: Migrator.embedded.filter { $0.version <= version })
        try older.migrate(connection)
        #expect(try connection.userVersion == version)
        let applied = try Migrator().migrate(connection)
        #expect(applied == Migrator.embedded.map(\.version).filter { $0 > version })
        #expect(try connection.userVersion == Migrator().latestVersion)
    }

    @Test func viewColumnsMatchTheDesignContract() throws {
        let directory = TemporaryDirectory()
        let connection = try Connection(path: directory.file("m.db"), mode: .readWrite)
        try Migrator().migrate(connection)
        let contract: [String: [String]] = [
            "assistants_current": [
                "account", "provider", "remote_id", "name", "prompt", "model", "provider_updated_at", "first_seen_at",
                "last_seen_at", "deleted_at", "revision",
            ],
            "assistant_revisions": [
                "account", "provider", "remote_id", "revision", "change_kind", "observed_at", "previous_observed_at",
                "provider_updated_at", "content_hash", "changed_by", "actor_hint", "snapshot", "changed_by_source",
                "change_reason",
            ],
            "field_changes": ["account", "remote_id", "revision", "path", "old_value", "new_value"],
            "prompt_changes": [
                "account", "provider", "remote_id", "name", "revision", "change_kind", "observed_at",
                "previous_observed_at", "provider_updated_at", "changed_by", "actor_hint", "old_prompt", "new_prompt",
                "changed_by_source", "change_reason",
            ],
            // Issue 10: every attempt to write a prompt through the mirror.
            "write_attempts": [
                "account", "provider", "remote_id", "operation", "reverted_to", "requested_by", "requested_at",
                "reason",
                "forced", "outcome", "provider_status", "error", "hash_before", "hash_after", "revision", "seq",
            ],
            "sync_runs": [
                "account", "started_at", "finished_at", "status", "pages", "seen", "created", "updated", "deleted",
                "complete", "error",
            ],
        ]
        for (view, columns) in contract {
            let present = try connection.rows("SELECT name FROM pragma_table_info(?)", [view]) { $0.string(0)! }
            #expect(Set(present).isSuperset(of: columns), "view \(view) lacks \(Set(columns).subtracting(present))")
        }
    }

    @Test func aDatabaseNewerThanTheBinaryIsRefusedUntouched() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("m.db")
        do {
            let connection = try Connection(path: path, mode: .readWrite)
            try connection.execute("PRAGMA user_version = 999")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: MigrationError.databaseIsNewer(database: 999, binary: Migrator().latestVersion)) {
            _ = try MirrorStore(path: path)
        }
        let connection = try Connection(path: path, mode: .readOnly)
        #expect(try connection.scalarInt("SELECT count(*) FROM sqlite_schema") == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func aFailingMigrationRollsBackToThePreviousVersion() throws {
        let directory = TemporaryDirectory()
        let connection = try Connection(path: directory.file("m.db"), mode: .readWrite)
        let broken = Migrator(
            migrations: Migrator.embedded + [
                Migration(
                    version: 900,
                    name: "0900_broken",
                    sql: "CREATE TABLE half_done (x); INSERT INTO no_such_table VALUES (1);"
                )
            ]
        )
        #expect(throws: MigrationError.self) { try broken.migrate(connection) }
        #expect(try connection.userVersion == Migrator().latestVersion)
        #expect(try connection.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'") == 0)
    }

    @Test func embeddedMigrationsMatchTheFilesInMigrationsFolder() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("migrations")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }
            .sorted()
        #expect(files.count == Migrator.embedded.count, "run .ci/embed-migrations after adding a migration")
        for (file, migration) in zip(files, Migrator.embedded) {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            #expect(file == migration.name + ".sql")
            #expect(Int(file.prefix(4)) == migration.version)
            #expect(
                text.trimmingCharacters(in: .newlines) == migration.sql.trimmingCharacters(in: .newlines),
                "\(file) differs from its embedded copy: run .ci/embed-migrations (and never edit a shipped migration)"
            )
        }
    }
}
