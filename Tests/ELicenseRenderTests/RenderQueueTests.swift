import Dispatch
import ELicenseCore
import Foundation
import Testing

@testable import ELicenseRender

@Suite struct RenderQueueTests {
    /// That rendering stays off the task threads is pinned by the next test, by behaviour: the
    /// name Foundation reports for a new thread on Linux is not reliable under load.
    @Test func aDocumentRendersThroughTheQueue() async throws {
        let queue = RenderQueue()
        let face = try sampleFace()
        let pdf = try await queue.run { () throws(ELicenseError) in try LicenseDocument.pdf(face) }
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
    }

    /// More renders than the machine has task threads, each blocked until an unrelated task runs:
    /// were they drawn on task threads, that task would never get one.
    @Test func blockedRendersDoNotStallAnUnrelatedTask() async throws {
        let count = ProcessInfo.processInfo.activeProcessorCount + 2
        let queue = RenderQueue(workers: count)
        let gate = DispatchSemaphore(value: 0)
        let released = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<count {
                group.addTask { try await queue.run { gate.wait(timeout: .now() + 20) == .success } }
            }
            group.addTask {
                for _ in 0..<count { gate.signal() }
                return true
            }
            return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
        }
        #expect(released == count + 1)
    }

    @Test func aFullQueueRefusesAtOnceWithUnavailable() async throws {
        let queue = RenderQueue(workers: 1, capacity: 0)
        let started = DispatchSemaphore(value: 0), gate = DispatchSemaphore(value: 0)
        let running = Task {
            try await queue.run {
                started.signal(); _ = gate.wait(timeout: .now() + 20)
            }
        }
        await Self.wait(for: started)
        await #expect { try await queue.run {} } throws: {
            ($0 as? ELicenseError)?.code == .unavailable
                && ($0 as? ELicenseError)?.detail.contains("render queue full") == true
        }
        gate.signal()
        try await running.value
    }

    @Test func aRenderPastTheTimeoutFailsAndAQueuedOneNeverStarts() async throws {
        let queue = RenderQueue(workers: 1, capacity: 4, timeout: .milliseconds(200))
        let started = DispatchSemaphore(value: 0), gate = DispatchSemaphore(value: 0)
        let queuedRan = DispatchSemaphore(value: 0)
        let slow = Task {
            try await queue.run {
                started.signal(); _ = gate.wait(timeout: .now() + 20)
            }
        }
        await Self.wait(for: started)
        let queued = Task { try await queue.run { queuedRan.signal() } }
        await #expect { try await slow.value } throws: { ($0 as? ELicenseError)?.code == .unavailable }
        await #expect { try await queued.value } throws: { ($0 as? ELicenseError)?.code == .unavailable }
        gate.signal()
        // The worker goes on to the queued job, finds it settled, and skips it.
        #expect(try await queue.run { queuedRan.wait(timeout: .now()) == .timedOut })
    }

    /// Waits for `semaphore` (at most 20 s) without blocking a task thread.
    static func wait(for semaphore: DispatchSemaphore) async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                _ = semaphore.wait(timeout: .now() + 20)
                done.resume()
            }
        }
    }
}
