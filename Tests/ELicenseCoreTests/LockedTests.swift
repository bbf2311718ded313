import ELicenseCore
import Foundation
import Testing

struct LockedTests {
    @Test func concurrentUpdatesAreNeverLost() async {
        let counter = Locked([String: Int]())
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    for _ in 0..<5_000 {
                        counter.withLock { $0["total", default: 0] += 1 }
                    }
                    counter.withLock { $0["worker \(worker)"] = 1 }
                }
            }
        }
        #expect(counter.withLock { $0["total"] } == 40_000)
        #expect(counter.withLock { $0.count } == 9)
    }

    @Test func aThrownErrorLeavesTheLockFreeAndTheValueAsChanged() {
        let value = Locked(0)
        #expect(throws: ELicenseError.self) {
            try value.withLock { (number: inout Int) throws(ELicenseError) in
                number = 7
                throw ELicenseError(.internal, "stop")
            }
        }
        #expect(value.withLock { $0 } == 7)
    }
}
