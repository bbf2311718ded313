import ELicenseCore

/// Group commit of the audit log: the records of concurrent calls share one transaction and one
/// synced commit (``FrontStore/appendAudit(_:)-([AuditEvent])``), and each call still has its
/// record durable before ``append(_:)`` returns.
///
/// The first caller to find no commit under way leads: it commits what is waiting, then what
/// arrived meanwhile, until nothing waits. So a lone call pays one commit, as before, and under
/// load one disk sync serves every call that arrived during the previous one.
public final class AuditAppender: Sendable {
    /// The most records one transaction takes, so a burst does not hold the writer for long.
    public static let maxBatch = 256

    private typealias Waiter = CheckedContinuation<Result<AuditRecord, ELicenseError>, Never>

    private struct State {
        var waiting: [(event: AuditEvent, waiter: Waiter)] = []
        var committing = false
    }

    private let commit: @Sendable ([AuditEvent]) async throws(ELicenseError) -> [AuditRecord]
    private let state = Locked(State())

    public convenience init(store: any FrontStore) {
        self.init { events throws(ELicenseError) in try await store.appendAudit(events) }
    }

    /// - Parameter commit: appends its events, in order, in one durable transaction.
    init(commit: @escaping @Sendable ([AuditEvent]) async throws(ELicenseError) -> [AuditRecord]) {
        self.commit = commit
    }

    /// Appends `event` as the next record of the chain once it is durable; any failure is
    /// `audit_unavailable` (the whole batch it was part of failed).
    public func append(_ event: AuditEvent) async throws(ELicenseError) -> AuditRecord {
        try await withCheckedContinuation { (waiter: Waiter) in
            let leads = state.withLock { state in
                state.waiting.append((event, waiter))
                guard !state.committing else { return false }
                state.committing = true
                return true
            }
            // The commits run apart from the leading call's task, so its cancellation cannot cut
            // short the records of the others.
            if leads { Task { await self.drain() } }
        }.get()
    }

    /// Records waiting for the next commit (for tests).
    var waitingCount: Int { state.withLock { $0.waiting.count } }

    private func drain() async {
        while true {
            let batch = state.withLock { state in
                let batch = Array(state.waiting.prefix(Self.maxBatch))
                state.waiting.removeFirst(batch.count)
                if batch.isEmpty { state.committing = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            do throws(ELicenseError) {
                let records = try await commit(batch.map(\.event))
                guard records.count == batch.count else {
                    throw StoreErrors.auditRecordCount(sent: batch.count, returned: records.count)
                }
                for (item, record) in zip(batch, records) { item.waiter.resume(returning: .success(record)) }
            } catch {
                for item in batch { item.waiter.resume(returning: .failure(error)) }
            }
        }
    }
}
