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

    /// Registers a unit, serves, makes `calls` as its application, then stops the front.
    func record(in ws: Workspace, _ calls: (ELicenseClient) throws -> Void) throws {
        try ws.addUnit(AccessForms.chinese)
        let client = try ELicenseClient(config: try ws.issuedClientConfig())
        let server = try ws.serve()
        defer { server.stop() }
        try calls(client)
        server.signal(SIGTERM)
        #expect(server.wait(timeout: .seconds(10)))
    }

    @Test(arguments: Tampering.allCases)
    func verifyNamesTheFirstBrokenRecord(_ tampering: Tampering) throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try record(in: ws) { client in
            _ = try client.whoami()
            #expect(throws: ELicenseError.self) { try client.pollLogin("lg_unknown") }  // record 2: a refusal
            _ = try client.whoami()
        }

        let intact = try ws.front(["audit", "verify"])
        #expect(intact.status == 0, "\(intact)")
        #expect(intact.stdout.contains("audit log intact: 3 条记录 records"))
        #expect(try ws.sqlite("SELECT outcome FROM audit_log WHERE seq = 2").stdout == "login_not_found\n")

        let refused = try ws.sqlite(tampering.sql)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("audit_log is append-only"))
        #expect(try ws.front(["audit", "verify"]).status == 0, "the triggers kept the log intact")

        let tampered = try ws.sqlite(
            "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; " + tampering.sql)
        #expect(tampered.status == 0, "\(tampered)")
        let verdict = try ws.front(["audit", "verify"])
        #expect(verdict.status == 1, "\(verdict)")
        #expect(verdict.stdout.contains("audit log TAMPERED"))
        #expect(verdict.stdout.contains(tampering.problem))
        #expect(verdict.stdout.contains("first broken record 2"))
    }

    @Test func verifyRefusesAMissingStoreAndCreatesNothing() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let result = try ws.front(["audit", "verify"])
        #expect(result.status != 0, "\(result)")
        #expect(result.stderr.contains("no store at"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: ws.dataDirectory))
    }

    /// Past the triggers, the tail is cut and the head set back to the last record kept: the
    /// chain is consistent again, and only an anchor noted earlier proves the truncation.
    @Test func aTruncatedLogWithARewrittenHeadFailsAgainstAnAnchor() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try record(in: ws) { client in for _ in 0..<4 { _ = try client.whoami() } }

        let intact = try ws.front(["audit", "verify"])
        let anchor = try #require(intact.stdout.firstMatch(of: /head (4:[0-9a-f]{64})/)).1
        let cut = try ws.sqlite(
            """
            DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_head_follows_log;
            DELETE FROM audit_log WHERE seq > 2;
            UPDATE audit_head SET seq = 2, hash = (SELECT hash FROM audit_log WHERE seq = 2);
            """)
        #expect(cut.status == 0, "\(cut)")
        #expect(try ws.front(["audit", "verify"]).status == 0, "without an anchor the cut does not show")

        let expected = try ws.front(["audit", "verify", "--expect", String(anchor)])
        #expect(expected.status == 1, "\(expected)")
        #expect(expected.stdout.contains("anchored record 4 is gone: the log was truncated"))
        let file = try ws.write("anchors.txt", "# noted after the first verification\n\(anchor)\n")
        #expect(try ws.front(["audit", "verify", "--anchors", file]).status == 1)
        #expect(try ws.front(["audit", "verify", "--expect", "nonsense"]).status != 0)
    }
}
