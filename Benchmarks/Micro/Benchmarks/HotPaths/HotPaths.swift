import Benchmark
import ELicenseCore
import ELicenseRender
import HotPathFixtures

// The Swift hot paths issue 10 names: USCC validation (valid: the allocation-free byte check;
// invalid: the path that names each problem) and the two material renderings.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal], maxDuration: .seconds(2))

    Benchmark("USCC valid", configuration: .init(scalingFactor: .kilo)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(USCCValidation(HotPathFixtures.validCode).isValid)
        }
    }
    Benchmark("USCC invalid (names the problem)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(USCCValidation(HotPathFixtures.invalidCode).problems)
        }
    }
    Benchmark("material PDF", configuration: .init(metrics: [.wallClock, .mallocCountTotal], maxIterations: 20)) {
        benchmark in
        let face = try HotPathFixtures.face()
        benchmark.startMeasurement()
        blackHole(try LicenseDocument.pdf(face))
    }
    Benchmark("material PNG", configuration: .init(metrics: [.wallClock, .mallocCountTotal], maxIterations: 10)) {
        benchmark in
        let face = try HotPathFixtures.face()
        benchmark.startMeasurement()
        blackHole(try LicenseDocument.png(face))
    }
}
