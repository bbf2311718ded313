// swift-tools-version: 6.2
// libFuzzer targets for elicense (docs/hardening.md). A package of its own so that the flags it is
// built with never reach the main build:
//
//     swift build --package-path Fuzz --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address
//
// scripts/harden/fuzz.sh builds and runs every target.
import PackageDescription

/// Each target is an executable whose `main` (SwiftPM names it `<module>_main` and aliases `main`
/// to it) hands libFuzzer the target's `LLVMFuzzerTestOneInput`; lld lets that alias win over
/// libFuzzer's own `main` (gold reports a duplicate).
func fuzzTarget(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzSupport"] + dependencies,
        swiftSettings: [.unsafeFlags(["-parse-as-library"])],
        linkerSettings: [.unsafeFlags(["-Xclang-linker", "-fuse-ld=lld"])]
    )
}

let sdk = Target.Dependency.product(name: "ELicenseFuzzSDK", package: "elicense")

let package = Package(
    name: "elicense-fuzz",
    dependencies: [.package(name: "elicense", path: "..")],
    targets: [
        .target(name: "FuzzSupport"),
        fuzzTarget("fuzz-canonical", [sdk]),
        fuzzTarget("fuzz-wire", [sdk]),
        fuzzTarget("fuzz-config", [sdk]),
        fuzzTarget("fuzz-uscc", [sdk]),
        fuzzTarget("fuzz-response", [sdk]),
        fuzzTarget("fuzz-access-form", [.product(name: "ELicenseFuzzFront", package: "elicense")]),
    ]
)
