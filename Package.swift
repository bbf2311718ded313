// swift-tools-version: 6.2
// elicense: electronic business license (电子营业执照) SDK, front system and CLI.
import PackageDescription

// An unresolved symbol fails the SDK's link, not a customer's dlopen. A sanitized build
// (scripts/harden/swift-sanitizers.sh sets ELICENSE_SANITIZED_BUILD) leaves the sanitizer's runtime
// symbols to the executable that loads the library, as sanitizers require.
let unresolvedSymbolsFailTheLink: [String] =
    Context.environment["ELICENSE_SANITIZED_BUILD"] == nil ? ["-Xlinker", "-z", "-Xlinker", "defs"] : []

let package = Package(
    name: "elicense",
    products: [
        .executable(name: "elicense", targets: ["elicense"]),
        .executable(name: "elicense-front", targets: ["elicense-front"]),
        // libelicense.so: `make sdk` builds it with the Swift runtime linked in statically and
        // stages it as libelicense.so.1 (its SONAME) in out/sdk.
        .library(name: "ELicenseSDK", type: .dynamic, targets: ["ELicenseSDK"]),
        // For the fuzz package in Fuzz/ only (a separate package, so its -sanitize=fuzzer builds
        // never touch this one's): the modules its targets exercise.
        .library(name: "ELicenseFuzzSDK", targets: ["ELicenseCore", "ELicenseProtocol", "ELicenseClient"]),
        .library(name: "ELicenseFuzzFront", targets: ["ELicenseFront"]),
        // For the micro-benchmarks in Benchmarks/Micro only (a separate package, so ordo-one's
        // benchmark package and its release builds never touch this one's).
        .library(name: "ELicenseBenchmarkHotPaths", targets: ["ELicenseCore", "ELicenseRender"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        // SDK side (Core, Crypto, Protocol): standard library and FoundationEssentials only, so
        // libelicense.so stays small inside someone else's process.
        .target(
            name: "CELicenseCrypto",
            linkerSettings: [.linkedLibrary("crypto")]
        ),
        .target(name: "ELicenseCrypto", dependencies: ["CELicenseCrypto"]),
        .target(name: "ELicenseCore"),
        .target(name: "ELicenseProtocol", dependencies: ["ELicenseCore", "ELicenseCrypto"]),
        .target(name: "CCurlShim", linkerSettings: [.linkedLibrary("curl")]),
        .target(
            name: "ELicenseClient", dependencies: ["ELicenseCore", "ELicenseCrypto", "ELicenseProtocol", "CCurlShim"]),
        // The C ABI: only @c exports (elic_*) over the client; types in CElicenseABI.
        .target(name: "CElicenseABI"),
        .target(
            name: "ELicenseSDK",
            dependencies: ["CElicenseABI", "ELicenseCore", "ELicenseCrypto", "ELicenseProtocol", "ELicenseClient"],
            exclude: ["exports.map"],
            linkerSettings: [
                // Release builds already link with --gc-sections; identical functions folded
                // (safe: never those whose address is taken) take 0.13 MB more off the library
                // (docs/benchmarks.md).
                .unsafeFlags(
                    [
                        "-Xlinker", "--version-script=\(Context.packageDirectory)/Sources/ELicenseSDK/exports.map",
                        "-Xlinker", "-soname=libelicense.so.1", "-Xlinker", "--icf=safe",
                    ] + unresolvedSymbolsFailTheLink)
            ]
        ),
        // The city front system: server side only, never linked into the SDK. The provincial
        // upstream interface and its HTTP adapter, which calls the provincial endpoint with the
        // SDK's own client; the sandbox provincial system and its demo data beside it.
        .target(
            name: "ELicenseUpstream",
            dependencies: ["ELicenseCore", "ELicenseCrypto", "ELicenseProtocol", "ELicenseClient"]
        ),
        .target(
            name: "ELicenseSandbox",
            dependencies: ["ELicenseCore", "ELicenseCrypto", "ELicenseProtocol", "ELicenseUpstream"]),
        .target(
            name: "ELicenseFront",
            dependencies: [
                "ELicenseCore", "ELicenseCrypto", "ELicenseProtocol", "ELicenseUpstream", "ELicenseSandbox",
                "ELicenseRender",
                "ELicenseStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "elicense-front",
            dependencies: [
                "ELicenseFront", "ELicenseCore", "ELicenseProtocol", "ELicenseStore", "ELicenseStorePostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Front side: the license material document (pango/cairo) and QR codes (libqrencode).
        .systemLibrary(
            name: "CPangoCairo", pkgConfig: "pangocairo",
            providers: [.apt(["libpango1.0-dev", "libcairo2-dev"])]),
        .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        .target(name: "ELicenseQR", dependencies: ["ELicenseCore", "CQREncode"]),
        .target(name: "ELicenseRender", dependencies: ["ELicenseCore", "ELicenseQR", "CPangoCairo"]),
        // Front side: the embedded store of elicense-front (SQLite through GRDB).
        .target(
            name: "ELicenseStore",
            dependencies: [
                "ELicenseCore", "ELicenseCrypto", "ELicenseProtocol",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // The store shared by several front instances (PostgreSQL through postgres-nio). Only the
        // `elicense-front` executable links it, so ELicenseFront, the fuzz package and the SDK
        // stay free of postgres-nio.
        .target(
            name: "ELicenseStorePostgres",
            dependencies: [
                "ELicenseStore", "ELicenseCore", "ELicenseCrypto", "ELicenseProtocol",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // Writes Include/elicense.h, the bindings' declarations, enums and exceptions, and the
        // generated parts of the docs from the compiler's header of ELicenseSDK and the catalogue
        // (make generate).
        .executableTarget(name: "elicense-abigen", dependencies: ["ELicenseCore", "ELicenseProtocol"]),
        .executableTarget(
            name: "elicense",
            dependencies: [
                "ELicenseCore", "ELicenseCrypto", "ELicenseProtocol", "ELicenseClient", "ELicenseQR",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Child processes for the test targets that run programs: standard streams to files, deadlines.
        .target(name: "ELicenseTestSupport", path: "Tests/support/ELicenseTestSupport"),
        .testTarget(
            name: "ELicenseCryptoTests", dependencies: ["ELicenseCrypto", "ELicenseTestSupport"], exclude: ["Oracles"]),
        .testTarget(name: "ELicenseCoreTests", dependencies: ["ELicenseCore"]),
        .testTarget(name: "ELicenseProtocolTests", dependencies: ["ELicenseProtocol"]),
        .testTarget(
            name: "ELicenseUpstreamTests", dependencies: ["ELicenseUpstream", "ELicenseCore", "ELicenseProtocol"]),
        .testTarget(
            name: "ELicenseSandboxTests", dependencies: ["ELicenseSandbox", "ELicenseCore", "ELicenseProtocol"]),
        // Decodes and extracts with zbarimg (zbar-tools) and pdftotext/pdffonts (poppler-utils).
        .testTarget(
            name: "ELicenseRenderTests",
            dependencies: ["ELicenseRender", "ELicenseQR", "ELicenseCore", "ELicenseTestSupport"]),
        .testTarget(name: "ELicenseQRTests", dependencies: ["ELicenseQR", "ELicenseCore"]),
        .testTarget(
            name: "ELicenseStoreTests",
            dependencies: [
                "ELicenseStore", "ELicenseStorePostgres", "ELicenseCore", "ELicenseCrypto", "ELicenseProtocol",
                "ELicenseTestSupport",
                // The tests play an attacker who edits the database directly.
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(
            name: "ELicenseFrontTests",
            dependencies: [
                "ELicenseFront", "ELicenseStore", "ELicenseUpstream", "ELicenseSandbox", "ELicenseClient",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // Runs the built `elicense` executable as a user would.
        .testTarget(
            name: "elicenseTests", dependencies: ["elicense", "ELicenseCore", "ELicenseCrypto", "ELicenseTestSupport"]),
        // Runs the built `elicense-front` as an operator and a department would; uses the openssl
        // and sqlite3 command-line tools.
        .testTarget(
            name: "elicense-frontTests",
            dependencies: [
                "elicense-front", "ELicenseClient", "ELicenseProtocol", "ELicenseCore", "ELicenseCrypto",
                "ELicenseTestSupport",
            ]
        ),
    ]
)
