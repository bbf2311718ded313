import ELicenseCore
import Foundation
import Testing

@testable import ELicenseStore

/// Figures for the record, printed rather than asserted: they depend on the disk and on what
/// else runs. Run alone for meaningful numbers: `swift test --filter AuditPerformanceTests`.
@Suite struct AuditPerformanceTests {
    @Test func appendAndVerifyThroughputOnDisk() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStore(path: directory.file("front.sqlite"))
        let clock = ContinuousClock()
        let count = 2_000

        let appending = try await clock.measure {
            for n in 0..<count { _ = try await store.appendAudit(event(n)) }
        }
        var verification: AuditVerification?
        let verifying = try await clock.measure { verification = try await store.verifyAudit() }
        #expect(verification?.isIntact == true)

        let concurrent = try await clock.measure {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for task in 0..<8 {
                    group.addTask {
                        for n in 0..<(count / 8) { _ = try await store.appendAudit(event(task * 1000 + n)) }
                    }
                }
                try await group.waitForAll()
            }
        }
        #expect(try await store.verifyAudit().count == Int64(2 * count))

        func rate(_ n: Int, _ duration: Duration) -> String {
            let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
            return String(format: "%.0f/s (%.2f s)", Double(n) / seconds, seconds)
        }
        print("audit append, sequential, synchronous=FULL: \(count) events: \(rate(count, appending))")
        print("audit append, 8 tasks, synchronous=FULL: \(count) events: \(rate(count, concurrent))")
        print("audit verify: \(count) records: \(rate(count, verifying))")
    }
}
