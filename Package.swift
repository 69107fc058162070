// swift-tools-version: 6.1
// Kyndig: AI-literacy competence programme and compliance tracker for hospitals.
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]
/// For the layers other backends and callers build on: an `import` is internal unless written
/// `public import`, so no dependency's type (GRDB's, say) leaks into their public API by accident.
let strictInternalImports = strict + [.enableUpcomingFeature("InternalImportsByDefault")]

let package = Package(
    name: "Kyndig",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kyndig", targets: ["kyndig"]),
        .executable(name: "kyndig-bench", targets: ["KyndigBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // MARK: - System libraries (module map + shim header)

        /// CommonMark reference parser: module Markdown, source lines for errors.
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        /// Line editing for the tutor: history, completion, Emacs keys.
        .systemLibrary(name: "CLibedit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        /// Snowball's stemmers (libstemmer, the reference C library): bokmål and English (Porter2).
        /// Debian ships no .pc file for it, so no pkgConfig.
        .systemLibrary(name: "CStemmer", providers: [.apt(["libstemmer-dev"])]),

        // MARK: - Layers, bottom up

        /// Domain types and pure rules. Foundation only: no files, no clock, no database.
        .target(
            name: "KyndigCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictInternalImports),
        /// Text analysis for nb/en: NFKC, tokens with offsets, compounds, Snowball stop words and
        /// stems, synonym groups, and the FTS5 tokenizers kyndig_nb / kyndig_en.
        .target(
            name: "KyndigText",
            dependencies: ["KyndigCore", "CStemmer", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict),
        /// Reads and validates curricula/ and quizzes/, renders nothing, computes content hashes.
        .target(
            name: "KyndigCatalog",
            dependencies: [
                "KyndigCore", "CCmark", "Yams",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict),
        /// The storage contract (async protocols, named Codable records) and its SQLite (GRDB) implementation.
        .target(
            name: "KyndigStore",
            dependencies: ["KyndigCore", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift")],
            swiftSettings: strictInternalImports),
        /// Search over the course: passages, the FTS5 index (an SQLite file derived from the
        /// catalog), query analysis, ranking, abstention and extractive answers.
        .target(
            name: "KyndigSearch",
            dependencies: [
                "KyndigCore", "KyndigText", "KyndigCatalog", "Yams", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictInternalImports),
        /// HR roster CSV and AI-system register: parse, validate, plan the change.
        .target(
            name: "KyndigImport",
            dependencies: ["KyndigCore", "Yams"],
            swiftSettings: strict),
        /// Use cases: quizzes, imports, catalog sync, learner overview. Values and typed problems in
        /// and out; no printing, no clock reads (an injected `WallClock`), no exits.
        .target(
            name: "KyndigServices",
            dependencies: ["KyndigCore", "KyndigStore", "KyndigImport", "KyndigSearch", "KyndigText"],
            swiftSettings: strictInternalImports),
        /// Report writers: the compliance report as terminal text, CSV (RFC 4180, Excel-safe) and
        /// one self-contained HTML page (Mustache templates, inline SVG charts).
        .target(
            name: "KyndigReports",
            dependencies: ["KyndigCore", .product(name: "Mustache", package: "swift-mustache")],
            resources: [.copy("Templates")],
            swiftSettings: strictInternalImports),
        /// The terminal tutor: REPL (libedit), terminal rendering, over the `LearnerService` protocol.
        .target(
            name: "KyndigTutor",
            dependencies: ["KyndigCore", "KyndigCatalog", "KyndigServices", "KyndigStore", "KyndigSearch", "CLibedit"],
            swiftSettings: strict),
        /// The HTTP API (Hummingbird 2): bearer-token scopes, routes that parse, call a service and
        /// render, RFC 9457 problem documents, Prometheus metrics, graceful shutdown.
        .target(
            name: "KyndigServer",
            dependencies: [
                "KyndigCore", "KyndigStore", "KyndigServices", "KyndigReports", "KyndigSearch",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict),
        /// The learner's side of the HTTP API: `RemoteLearnerService` (the tutor as a client of
        /// `kyndig serve`) over Foundation's URLSession, and where its server and token come from.
        .target(
            name: "KyndigClient",
            dependencies: ["KyndigCore", "KyndigServices", "KyndigStore", "KyndigSearch"],
            swiftSettings: strictInternalImports),
        /// The `kyndig` subcommands, in a library so tests call them without spawning processes.
        .target(
            name: "KyndigCommands",
            dependencies: [
                "KyndigCore", "KyndigCatalog", "KyndigStore", "KyndigServices", "KyndigTutor", "KyndigText", "KyndigSearch", "KyndigReports",
                "KyndigServer", "KyndigClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),

        // MARK: - Executables

        /// The one binary users run; a single entry point file.
        .executableTarget(
            name: "kyndig",
            dependencies: ["KyndigCommands", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict),
        /// Benchmarks that reproduce the figures in issue notes (run with -c release).
        .executableTarget(
            name: "KyndigBench",
            dependencies: [
                "KyndigCommands", "KyndigImport", "KyndigReports", "KyndigServices", "KyndigStore", "KyndigCatalog", "KyndigText", "KyndigSearch", "CStemmer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict),

        // MARK: - Tests

        /// Fixtures and helpers shared by the test targets: temporary databases, store backends,
        /// builders, the in-process command runner, snapshots, the pseudo-terminal driver.
        .target(
            name: "KyndigTestSupport",
            dependencies: [
                "KyndigCore", "KyndigStore", "KyndigServices", "KyndigCommands", .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/KyndigTestSupport",
            swiftSettings: strict),
        .testTarget(
            name: "KyndigCoreTests",
            dependencies: ["KyndigCore", "KyndigTestSupport", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strict),
        .testTarget(
            name: "KyndigCatalogTests",
            dependencies: ["KyndigCatalog", "KyndigTestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "KyndigStoreTests",
            dependencies: ["KyndigStore", "KyndigTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict),
        .testTarget(
            name: "KyndigImportTests",
            dependencies: ["KyndigImport", "KyndigTestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "KyndigTextTests",
            dependencies: ["KyndigText", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict),
        .testTarget(
            name: "KyndigSearchTests",
            dependencies: ["KyndigSearch", "KyndigTestSupport", "KyndigCatalog", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict),
        .testTarget(name: "KyndigReportsTests", dependencies: ["KyndigReports"], swiftSettings: strict),
        .testTarget(
            name: "KyndigServicesTests",
            dependencies: ["KyndigServices", "KyndigTestSupport", "KyndigCatalog", "KyndigReports"],
            swiftSettings: strict),
        .testTarget(
            name: "KyndigTutorTests",
            dependencies: [
                "KyndigTutor", "KyndigTestSupport", "KyndigCatalog", "KyndigStore", "KyndigSearch",
                .product(name: "GRDB", package: "GRDB.swift"),  // to hold a database's write lock from another connection
            ],
            swiftSettings: strict),
        .testTarget(
            name: "KyndigServerTests",
            dependencies: [
                "KyndigServer", "KyndigTestSupport", "KyndigCatalog", "KyndigServices", "KyndigSearch",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "KyndigClientTests",
            dependencies: [
                "KyndigClient", "KyndigTestSupport", "KyndigCatalog", "KyndigServices", "KyndigSearch", "KyndigStore",
                "KyndigReports", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "KyndigCommandsTests",
            dependencies: [
                "KyndigCommands", "KyndigTestSupport", "KyndigCatalog", "KyndigServices", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
