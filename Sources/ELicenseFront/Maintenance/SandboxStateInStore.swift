import ELicenseCore
import ELicenseSandbox
import ELicenseStore
import ELicenseUpstream

/// The sandbox provincial system's state kept in the front's store, so a restart keeps it.
struct SandboxStateInStore: SandboxPersistence {
    let store: any FrontStore

    func saveSandboxState(kind: String, key: String, value: [UInt8], expiresAt: Timestamp) async throws(ELicenseError) {
        try await store.saveSandboxState(kind: kind, key: key, value: value, expiresAt: expiresAt)
    }

    func sandboxState(kind: String, key: String, now: Timestamp) async throws(ELicenseError) -> [UInt8]? {
        try await store.sandboxState(kind: kind, key: key, now: now)
    }
}
