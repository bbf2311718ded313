import ELicenseCore
import ELicenseProtocol
import Foundation
import GRDB
import Testing

@testable import ELicenseStore

/// 2026-11-18T13:20:00Z: the tests' "now".
let t0 = Timestamp(secondsSince1970: 1_795_008_000)

/// A valid USCC distinct for each `n`.
func uscc(_ n: Int) throws -> USCC {
    for attempt in 0..<20 {
        let serial = String(n * 20 + attempt)
        let prefix = "91370100" + String(repeating: "0", count: 8 - serial.count) + serial
        if let code = USCC.completing(prefix) { return code }
    }
    throw ELicenseError(.internal, "no USCC for \(n)")
}

func unit(_ id: String, n: Int = 1, at: Timestamp = t0) throws -> AccessUnit {
    AccessUnit(
        id: id, name: "济南市行政审批服务局\(n)", nature: .government, uscc: try uscc(n),
        address: "山东省济南市市中区站前路\(n)号", contactName: "李四", contactPosition: "信息中心 科长",
        phone: "0531-12345678", email: "it\(n)@example.gov.cn", enabled: true, createdAt: at)
}

func app(_ appID: String, unitID: String, at: Timestamp = t0) -> AppSystem {
    AppSystem(
        appID: appID, unitID: unitID, name: "企业开办一网通办", endpoint: "zwfw.jinan.example:443",
        businessDescription: "政务服务，企业开办", allowedAddresses: ["10.1.2.0/24", "10.9.9.9"],
        profile: .sandbox, enabled: true, rateLimitPerMinute: 600, createdAt: at)
}

func key(_ keyID: String, appID: String, at: Timestamp = t0) -> AppKey {
    AppKey(
        appID: appID, keyID: keyID, publicKeyPEM: "-----BEGIN PUBLIC KEY-----\n\(keyID)\n-----END PUBLIC KEY-----\n",
        createdAt: at)
}

func subject() throws -> Subject {
    Subject(
        uscc: try uscc(90), name: "济南示例科技有限公司",
        operator: Operator(
            role: .licenseAdministrator, nameMasked: "王*", scope: [.identity, .license],
            authorizationExpiresAt: t0.adding(seconds: 86_400 * 365)))
}

func event(_ n: Int, at: Timestamp = t0) -> AuditEvent {
    AuditEvent(
        time: at.adding(seconds: Int64(n)), requestID: "rq_\(n)", unitID: n.isMultiple(of: 3) ? nil : "u1",
        appID: n.isMultiple(of: 3) ? nil : "app.a", method: "POST", endpoint: "/v1/license",
        subjectUSCC: n.isMultiple(of: 2) ? "91350100M000100Y43" : nil, purpose: "企业开办",
        outcome: n.isMultiple(of: 5) ? "grant_expired" : "ok", httpStatus: n.isMultiple(of: 5) ? 403 : 200,
        remoteAddress: "10.1.2.3", detail: n.isMultiple(of: 7) ? "第 \(n) 次\n多行" : nil)
}

/// A directory removed when the test ends.
struct TemporaryDirectory: ~Copyable {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("elicense-store-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }
}

/// Someone with access to the file, bypassing the store: plain GRDB on the same database.
struct Attacker {
    let database: DatabaseQueue

    init(path: String) throws { database = try DatabaseQueue(path: path) }

    /// As anyone who can write the file can do.
    func dropTriggers() throws {
        try database.write { db in
            for name in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'") {
                try db.execute(sql: "DROP TRIGGER \(name)")
            }
        }
    }

    func execute(_ sql: String, _ arguments: StatementArguments = []) throws {
        try database.write { try $0.execute(sql: sql, arguments: arguments) }
    }

    func count(_ table: String) throws -> Int {
        try database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table)") ?? -1 }
    }
}

/// Whether `body` throws an ``ELicenseError`` (never a driver's error) with `code` and, if given, a
/// detail containing `detail`.
func expectError<T>(
    _ code: ErrorCode, containing detail: String? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> T
) async {
    do {
        _ = try await body()
        Issue.record("expected \(code.rawValue), got success", sourceLocation: sourceLocation)
    } catch let error as ELicenseError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        if let detail { #expect(error.detail.contains(detail), "\(error)", sourceLocation: sourceLocation) }
    } catch {
        Issue.record(
            "expected ELicenseError \(code.rawValue), got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
    }
}

extension FrontStore {
    /// Whether the store admits `nonce`, with a budget that never runs out: the nonce's answer alone.
    func nonceAdmitted(appID: String, nonce: String, expiresAt: Timestamp, now: Timestamp) async throws -> Bool {
        try await admitCall(appID: appID, nonce: nonce, nonceExpiresAt: expiresAt, perMinute: .max, now: now)
            == .admitted
    }

    /// Whether the app's budget admits one more call, each with a fresh nonce: the budget's answer alone.
    func rateAdmitted(appID: String, perMinute: Int, now: Timestamp) async throws -> Bool {
        try await admitCall(
            appID: appID, nonce: "rate-\(UUID().uuidString)", nonceExpiresAt: now.adding(seconds: 600),
            perMinute: perMinute, now: now) == .admitted
    }
}
