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

    /// The reason of a refusal is in the audit record: `audit show` prints it by request id, and
    /// `audit list` finds records by application, unit and time.
    @Test func showPrintsOneRecordInFullAndListFilters() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try record(in: ws) { client in
            _ = try client.whoami()
            #expect(throws: ELicenseError.self) { try client.pollLogin("lg_unknown") }  // record 2: a refusal
        }
        let row = try ws.sqlite(
            "SELECT request_id, unit_id, app_id, coalesce(detail, '-') FROM audit_log WHERE seq = 2"
        )
        .stdout.trimmingCharacters(in: .newlines).split(separator: "|", omittingEmptySubsequences: false).map(
            String.init)
        try #require(row.count == 4, "\(row)")
        let (requestID, unit, app, detail) = (row[0], row[1], row[2], row[3])

        let shown = try ws.front(["audit", "show", requestID])
        #expect(shown.status == 0, "\(shown)")
        for line in [
            "序号 seq: 2", "请求 request_id: \(requestID)", "单位 unit: \(unit)", "应用 app: \(app)",
            "接口 endpoint: GET /v1/logins/lg_unknown", "结果 outcome: login_not_found", "状态码 http_status: 404",
            "详情 detail: \(detail)",
        ] {
            #expect(shown.stdout.contains(line + "\n"), "audit show lacks \(line): \(shown)")
        }
        let unknown = try ws.front(["audit", "show", "req-unknown"])
        #expect(unknown.status == 1, "\(unknown)")
        #expect(unknown.stdout.contains("no audit record has request id req-unknown"))

        func listed(_ filters: [String]) throws -> [String] {
            let result = try ws.front(["audit", "list"] + filters)
            try #require(result.status == 0, "\(result)")
            return result.stdout.split(separator: "\n").map(String.init)
        }
        let all = try listed([])
        #expect(all.count == 2, "\(all)")
        #expect(all.last?.hasPrefix("2\t") == true && all.last?.contains("\t\(requestID)\t\(unit)\t\(app)\t") == true)
        #expect(all.last?.hasSuffix("\tGET /v1/logins/lg_unknown\tlogin_not_found\t404") == true, "\(all)")
        #expect(try listed(["--app", app]).count == 2)
        #expect(try listed(["--app", "app-other"]).isEmpty)
        #expect(try listed(["--unit", unit, "--since", "2000-01-01T08:00:00+08:00"]).count == 2)
        #expect(try listed(["--unit", "unit-other"]).isEmpty)
        #expect(try listed(["--since", "2999-01-01T00:00:00Z"]).isEmpty)
        #expect(try listed(["--until", "2000-01-01T00:00:00Z"]).isEmpty)
        let newest = try listed(["--limit", "1"])
        #expect(newest.count == 2 && newest[0].hasPrefix("2\t"), "\(newest)")
        #expect(newest.last?.contains("1 older matching records not shown") == true)
        #expect(try ws.front(["audit", "list", "--since", "yesterday"]).status != 0)
        #expect(try ws.front(["audit", "list", "--limit", "0"]).status != 0)
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
