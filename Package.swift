// swift-tools-version: 6.2
// elicense: electronic business license (电子营业执照) SDK, front system and CLI.
import PackageDescription

let package = Package(
    name: "elicense",
    products: [
        .executable(name: "elicense", targets: ["elicense"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
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
        // Front side: the embedded store of elicense-front (SQLite through GRDB).
        .target(
            name: "ELicenseStore",
            dependencies: [
                "ELicenseCore", "ELicenseCrypto", "ELicenseProtocol",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(
            name: "elicense",
            dependencies: [
                "ELicenseCore", "ELicenseCrypto", "ELicenseProtocol",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ELicenseCryptoTests", dependencies: ["ELicenseCrypto"], exclude: ["Oracles"]),
        .testTarget(name: "ELicenseCoreTests", dependencies: ["ELicenseCore"]),
        .testTarget(name: "ELicenseProtocolTests", dependencies: ["ELicenseProtocol"]),
        .testTarget(
            name: "ELicenseStoreTests",
            dependencies: [
                "ELicenseStore", "ELicenseCore", "ELicenseCrypto", "ELicenseProtocol",
                // The tests play an attacker who edits the database file directly.
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // Runs the built `elicense` executable as a user would.
        .testTarget(name: "elicenseTests", dependencies: ["elicense", "ELicenseCore", "ELicenseCrypto"]),
    ]
)
