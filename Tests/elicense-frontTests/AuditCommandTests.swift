import ELicenseClient
import ELicenseCore
import Foundation
import Testing

/// Someone with write access to the database file rewrites history; `audit verify` finds it.
@Suite struct AuditCommandTests {
    /// What is done to the three-record log, with the append-only trigger it must get past.
    enum Tampering: String, CaseIterable, Sendable {
        /// Turns the failed call into a success.
        case editOutcome
        case deleteMiddleRecord

        var sql: String {
            switch self {
            case .editOutcome: "UPDATE audit_log SET outcome = 'ok' WHERE seq = 2;"
            case .deleteMiddleRecord: "DELETE FROM audit_log WHERE seq = 2;"
            }
        }

        var problem: String {
            switch self {
            case .editOutcome: "record 2 was modified"
            case .deleteMiddleRecord: "record 2 is missing"
            }
        }
    }

    @Test(arguments: Tampering.allCases)
    func verifyNamesTheFirstBrokenRecord(_ tampering: Tampering) throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.addUnit(AccessForms.chinese)
        let client = try ELicenseClient(config: try ws.issuedClientConfig())
        let server = try ws.serve()
        defer { server.stop() }
        _ = try client.whoami()
        #expect(throws: ELicenseError.self) { try client.pollLogin("lg_unknown") } // record 2: a refusal
        _ = try client.whoami()
        server.signal(SIGTERM)
        #expect(server.wait(timeout: .seconds(10)))

        let intact = try ws.front(["audit", "verify"])
        #expect(intact.status == 0, "\(intact)")
        #expect(intact.stdout.contains("audit log intact: 3 条记录 records"))
        #expect(try ws.sqlite("SELECT outcome FROM audit_log WHERE seq = 2").stdout == "login_not_found\n")

        let refused = try ws.sqlite(tampering.sql)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("audit_log is append-only"))
        #expect(try ws.front(["audit", "verify"]).status == 0, "the triggers kept the log intact")

        let tampered = try ws.sqlite("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; " + tampering.sql)
        #expect(tampered.status == 0, "\(tampered)")
        let verdict = try ws.front(["audit", "verify"])
        #expect(verdict.status == 1, "\(verdict)")
        #expect(verdict.stdout.contains("audit log TAMPERED"))
        #expect(verdict.stdout.contains(tampering.problem))
        #expect(verdict.stdout.contains("first broken record 2"))
    }
}
