import ELicenseCore
import ELicenseTestSupport
import Foundation
import Testing

@testable import ELicenseStore

/// Group commit: what arrives during a commit goes into the next one, each caller gets its own
/// record, and a failed commit fails its batch only.
@Suite struct AuditAppenderTests {
    /// A commit that records each batch's request ids and can be held open.
    final class Commits: Sendable {
        let batches = Locked<[[String]]>([])
        let held = Locked(false)
        let failing = Locked<Set<String>>([])
        private let chain = Locked<(seq: Int64, hash: String)>((0, AuditChain.genesisHash))

        func commit(_ events: [AuditEvent]) async throws(ELicenseError) -> [AuditRecord] {
            batches.withLock { $0.append(events.map(\.requestID)) }
            var waited = 0
            while held.withLock({ $0 }), waited < 5_000 {
                try? await Task.sleep(for: .milliseconds(1))
                waited += 1
            }
            let failing = self.failing.withLock { $0 }
            if events.contains(where: { failing.contains($0.requestID) }) {
                throw ELicenseError(.auditUnavailable, "disk full (simulated)")
            }
            return try chain.withLock { head throws(ELicenseError) in
                try events.map { event throws(ELicenseError) in
                    let record = try AuditChain.record(following: head, event: event)
                    head = (record.seq, record.hash)
                    return record
                }
            }
        }
    }

    /// Waits (bounded) until `condition` holds.
    func eventually(_ condition: () -> Bool) async throws {
        for _ in 0..<5_000 where !condition() { try await Task.sleep(for: .milliseconds(1)) }
        #expect(condition())
    }

    @Test func whatArrivesDuringACommitSharesTheNextOne() async throws {
        let commits = Commits()
        let appender = AuditAppender { events throws(ELicenseError) in try await commits.commit(events) }
        commits.held.withLock { $0 = true }
        let first = Task { try await appender.append(event(1)) }
        try await eventually { commits.batches.withLock { $0.count } == 1 }
        let others = (2...10).map { n in Task { try await appender.append(event(n)) } }
        try await eventually { appender.waitingCount == 9 }
        commits.held.withLock { $0 = false }
        #expect(try await first.value.event == event(1))
        for (n, task) in zip(2...10, others) {
            let record = try await task.value
            // Each caller gets the record of its own event, in one chain.
            #expect(record.event == event(n))
        }
        let batches = commits.batches.withLock { $0 }
        #expect(batches.count == 2)
        #expect(batches.first == ["rq_1"])
        #expect(Set(batches.last ?? []) == Set((2...10).map { "rq_\($0)" }))
        // A lone call afterwards is committed at once, on its own.
        _ = try await appender.append(event(11))
        #expect(commits.batches.withLock { $0.last } == ["rq_11"])
    }

    @Test func aFailedCommitFailsItsBatchOnly() async throws {
        let commits = Commits()
        commits.failing.withLock { $0 = ["rq_2"] }
        let appender = AuditAppender { events throws(ELicenseError) in try await commits.commit(events) }
        commits.held.withLock { $0 = true }
        let first = Task { try await appender.append(event(1)) }
        try await eventually { commits.batches.withLock { $0.count } == 1 }
        let second = Task { try await appender.append(event(2)) }
        let third = Task { try await appender.append(event(3)) }
        try await eventually { appender.waitingCount == 2 }
        commits.held.withLock { $0 = false }
        #expect(try await first.value.seq == 1)
        for task in [second, third] {
            await #expect(throws: ELicenseError.self) { try await task.value }
        }
        // The appender goes on: the next call starts a new batch.
        #expect(try await appender.append(event(4)).seq == 2)
    }

    @Test(arguments: StoreKind.allCases) func concurrentCallsOnARealStoreFormOneChain(_ kind: StoreKind) async throws {
        let directory = try TemporaryDirectory()
        // SQLite: a file, so each commit waits for the disk, as in production.
        let store: any FrontStore =
            kind == .sqlite ? try SQLiteStore(path: directory.file("front.sqlite")) : try await kind.makeStore()
        let appender = AuditAppender(store: store)
        let records = try await withThrowingTaskGroup(of: AuditRecord.self) { group in
            for n in 1...120 { group.addTask { try await appender.append(event(n)) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(records.map(\.seq).sorted() == Array(1...120))
        #expect(Set(records.map(\.event.requestID)) == Set((1...120).map { "rq_\($0)" }))
        let result = try await store.verifyAudit()
        #expect(result.isIntact && result.count == 120)
        // What each caller was given is what the store holds.
        let stored = try await store.auditRecords(after: 0, limit: 200)
        #expect(stored == records.sorted { $0.seq < $1.seq })
    }
}
