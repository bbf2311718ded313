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
        // Front side: the license material document (pango/cairo) and QR codes (libqrencode).
        .systemLibrary(name: "CPangoCairo", pkgConfig: "pangocairo",
                       providers: [.apt(["libpango1.0-dev", "libcairo2-dev"])]),
        .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        .target(name: "ELicenseRender", dependencies: ["ELicenseCore", "CPangoCairo", "CQREncode"]),
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
        // Decodes and extracts with zbarimg (zbar-tools) and pdftotext/pdffonts (poppler-utils).
        .testTarget(name: "ELicenseRenderTests", dependencies: ["ELicenseRender", "ELicenseCore"]),
        // Runs the built `elicense` executable as a user would.
        .testTarget(name: "elicenseTests", dependencies: ["elicense", "ELicenseCore", "ELicenseCrypto"]),
    ]
)
