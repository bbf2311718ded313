// swift-tools-version: 6.1
// Micro-benchmarks of elicense's Swift hot paths (ordo-one's package-benchmark) and a plain loop
// of the same paths for callgrind instruction counts. A package of its own, so the benchmark
// package and its release builds never reach the main build (docs/benchmarks.md):
//
//     swift package --package-path Benchmarks/Micro --scratch-path .build-micro benchmark
//     swift build -c release --package-path Benchmarks/Micro --scratch-path .build-micro --product hotpath-loop
import PackageDescription

let hotPaths = Target.Dependency.product(name: "ELicenseBenchmarkHotPaths", package: "elicense")

let package = Package(
    name: "elicense-micro",
    dependencies: [
        .package(name: "elicense", path: "../.."),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(name: "HotPathFixtures", dependencies: [hotPaths]),
        .executableTarget(name: "hotpath-loop", dependencies: ["HotPathFixtures", hotPaths]),
        .executableTarget(
            name: "HotPaths",
            dependencies: ["HotPathFixtures", hotPaths, .product(name: "Benchmark", package: "package-benchmark")],
            path: "Benchmarks/HotPaths",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ]
)
