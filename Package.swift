// swift-tools-version:6.0
// assistant-mirror: mirrors AI-assistant configurations from several SaaS providers into SQLite,
// with an append-only, hash-chained history. No package dependencies by design: Foundation,
// FoundationNetworking, Dispatch, Glibc, Synchronization and the system libsqlite3 only.
import PackageDescription

let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "assistant-mirror",
    products: [
        .executable(name: "assistant-mirror", targets: ["assistant-mirror"])
    ],
    targets: [
        // The only module that sees the SQLite C API.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .yum(["sqlite-devel"])]
        ),
        // SHA-256's compression function on the x86 SHA extensions, the one piece Swift cannot express;
        // MirrorCore uses it when the CPU has them and its own Swift rounds otherwise.
        .target(name: "CSHA256"),
        // glibc's mallopt(3), which Swift's Glibc module does not export: the daemon caps its malloc arenas.
        .target(name: "CMallocArenas"),
        // Value types and small algorithms every other module shares: JSON, SHA-256, time, config, logging.
        .target(name: "MirrorCore", dependencies: ["CSHA256"], swiftSettings: strict),
        // SQLite wrapper, migrations (embedded), the mirror's write path and read queries.
        .target(name: "MirrorStore", dependencies: ["CSQLite", "MirrorCore"], swiftSettings: strict),
        // HTTP client with retry policy and one adapter per provider. Knows nothing of the database.
        .target(name: "MirrorProviders", dependencies: ["MirrorCore"], swiftSettings: strict),
        // Normalizer, redaction, change detection, the sync engine and the scheduler.
        .target(
            name: "MirrorSync",
            dependencies: ["MirrorCore", "MirrorStore", "MirrorProviders"],
            swiftSettings: strict
        ),
        // The socket protocol: request and reply types, encoded and decoded here and nowhere else;
        // shared by the server and the CLI.
        .target(name: "MirrorProtocol", dependencies: ["MirrorCore"], swiftSettings: strict),
        // The Unix-socket query server and systemd integration (sd_notify, socket activation, signals).
        // Knows the store and the protocol; reaches the running daemon only through `DaemonControl`.
        .target(
            name: "MirrorServer",
            dependencies: ["MirrorCore", "MirrorStore", "MirrorProtocol"],
            swiftSettings: strict
        ),
        // The composition root: builds the daemon and the one-shot sync from a configuration, and runs
        // the daemon's long-lived parts as services in one task group.
        .target(
            name: "MirrorApp",
            dependencies: [
                "CMallocArenas", "MirrorCore", "MirrorStore", "MirrorProviders", "MirrorSync", "MirrorServer",
            ],
            swiftSettings: strict
        ),
        // Fake provider APIs on loopback. Shares no code with the adapters or the normalizer on purpose:
        // it writes the wire format itself, from the providers' documents, as an independent witness.
        .target(name: "MirrorSimulator", swiftSettings: strict),
        // Subcommands, argument parsing, the socket client, tables and reports.
        .target(
            name: "MirrorCLI",
            dependencies: [
                "MirrorCore", "MirrorStore", "MirrorSync", "MirrorProtocol", "MirrorServer", "MirrorApp",
                "MirrorSimulator",
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "assistant-mirror", dependencies: ["MirrorCLI"], swiftSettings: strict),
        // Benchmarks with figures for README (swift run -c release mirror-bench); not timed tests.
        .executableTarget(
            name: "mirror-bench",
            dependencies: [
                "MirrorCore", "MirrorStore", "MirrorSync", "MirrorServer", "MirrorSimulator", "MirrorApp",
            ],
            swiftSettings: strict
        ),

        // Fuzz targets (Tests/Fuzz): each hands untrusted bytes to one public entry point and checks
        // invariants. `mirror-fuzz` replays a corpus in an ordinary build; .ci/fuzz builds it with libFuzzer.
        .target(
            name: "FuzzTargets",
            dependencies: ["MirrorCore", "MirrorProviders", "MirrorStore", "MirrorSync", "MirrorProtocol"],
            path: "Tests/Fuzz/FuzzTargets",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "mirror-fuzz",
            dependencies: ["FuzzTargets"],
            path: "Tests/Fuzz/mirror-fuzz",
            swiftSettings: strict
        ),

        // Small helpers the test targets share (a seeded generator, a child-process runner).
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "MirrorCoreTests", dependencies: ["MirrorCore", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "MirrorStoreTests",
            dependencies: ["MirrorCore", "MirrorStore", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "MirrorProvidersTests",
            dependencies: ["MirrorCore", "MirrorProviders", "MirrorSimulator", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "MirrorSyncTests",
            dependencies: [
                "MirrorCore", "MirrorStore", "MirrorProviders", "MirrorSync", "MirrorSimulator", "TestSupport",
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "MirrorServerTests",
            dependencies: [
                "MirrorCore", "MirrorStore", "MirrorProviders", "MirrorSync", "MirrorProtocol", "MirrorServer",
                "MirrorApp",
                "MirrorSimulator", "TestSupport",
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "MirrorSimulatorTests", dependencies: ["MirrorSimulator"], swiftSettings: strict),
        .testTarget(name: "FuzzTargetTests", dependencies: ["FuzzTargets"], swiftSettings: strict),
        .testTarget(
            name: "MirrorCLITests",
            dependencies: [
                "MirrorCore", "MirrorStore", "MirrorProviders", "MirrorSync", "MirrorProtocol", "MirrorServer",
                "MirrorCLI",
                "MirrorSimulator", "TestSupport",
            ],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
