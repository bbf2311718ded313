import ELicenseCore
import ELicenseProtocol
import ELicenseSandbox
import ELicenseUpstream
import Foundation
import HummingbirdTesting
import Testing
@testable import ELicenseFront

@Suite struct LoginTests {
    @Test func loginGoesFromPendingThroughScannedToAuthorized() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(), clock: h.clock)
        let sandbox = try #require(h.front.sandbox)
        try await h.run { http async throws in
            let created = try await caller.call(http, .post, "/v1/logins", json: #"{"purpose":"企业开办","qr_format":"svg"}"#)
            #expect(created.status == 201)
            let login = try created.decode(LoginCreated.self)
            #expect(login.loginID.hasPrefix("lg_") && login.loginID.count == 35)
            #expect(login.qrSVG?.contains("<svg") == true)
            #expect(login.qrPNG == nil)
            #expect(login.interval == 2)

            #expect(try await caller.call(http, .get, "/v1/logins/\(login.loginID)").decode(LoginStatus.self).state == .pending)
            _ = try await sandbox.scan(qrContent: login.qrContent, uscc: nil, role: .legalRepresentative, operatorName: nil, decision: .scan)
            h.clock.advance(2)
            #expect(try await caller.call(http, .get, "/v1/logins/\(login.loginID)").decode(LoginStatus.self).state == .scanned)
            _ = try await sandbox.scan(qrContent: login.qrContent, uscc: SandboxDataset.demoActive, role: .agent, operatorName: nil, decision: .confirm)
            h.clock.advance(2)
            let done = try await caller.call(http, .get, "/v1/logins/\(login.loginID)").decode(LoginStatus.self)
            #expect(done.state == .authorized)
            let subject = try #require(done.subject)
            #expect(subject.uscc == SandboxDataset.demoActive)
            #expect(subject.operator.role == .agent)
            #expect(subject.operator.nameMasked.hasSuffix("*"))
            let grant = try #require(done.grant)
            #expect(grant.token.hasPrefix("gr_") && grant.token.count == 67)
            #expect(grant.appID == caller.client.appID)
            #expect(grant.purpose == "企业开办")
            #expect(grant.expiresAt.secondsSince1970 - grant.issuedAt.secondsSince1970 == 1800)
        }
    }

    @Test func pngQRCodeIsReturnedByDefault() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(), clock: h.clock)
        try await h.run { http async throws in
            let login = try await caller.call(http, .post, "/v1/logins", json: #"{"purpose":"企业开办"}"#).decode(LoginCreated.self)
            let png = try #require(Data(base64Encoded: login.qrPNG ?? ""))
            #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        }
    }

    @Test func deniedLoginIsAStateNotAnError() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(), clock: h.clock)
        try await h.run { http async throws in
            let login = try await caller.login(http, sandbox: try #require(h.front.sandbox), decision: .deny)
            let status = try await caller.call(http, .get, "/v1/logins/\(login.loginID)")
            #expect(status.status == 200)
            let decoded = try status.decode(LoginStatus.self)
            #expect(decoded.state == .denied)
            #expect(decoded.grant == nil)
        }
    }

    @Test func expiredLoginCannotBeCompleted() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(), clock: h.clock)
        let sandbox = try #require(h.front.sandbox)
        try await h.run { http async throws in
            let login = try await caller.call(http, .post, "/v1/logins", json: #"{"purpose":"企业开办"}"#).decode(LoginCreated.self)
            h.clock.advance(301)
            let status = try await caller.call(http, .get, "/v1/logins/\(login.loginID)").decode(LoginStatus.self)
            #expect(status.state == .expired)
            await #expect { _ = try await sandbox.scan(qrContent: login.qrContent, uscc: SandboxDataset.demoActive,
                                                        role: .legalRepresentative, operatorName: nil, decision: .confirm) }
                throws: { ($0 as? ELicenseError)?.code == .loginExpired }
        }
    }

    @Test func pollingTooFastIsSlowDownAndLengthensTheInterval() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(), clock: h.clock)
        try await h.run { http async throws in
            let login = try await caller.call(http, .post, "/v1/logins", json: #"{"purpose":"企业开办"}"#).decode(LoginCreated.self)
            #expect(try await caller.call(http, .get, "/v1/logins/\(login.loginID)").status == 200)
            let fast = try await caller.call(http, .get, "/v1/logins/\(login.loginID)")
            #expect(fast.status == 429)
            #expect(fast.error?.code == "slow_down")
            #expect(fast.error?.retryAfter == 7)
            h.clock.advance(7)
            let next = try await caller.call(http, .get, "/v1/logins/\(login.loginID)").decode(LoginStatus.self)
            #expect(next.interval == 7)
        }
    }

    @Test func anotherApplicationsLoginIsNotFound() async throws {
        let h = try await FrontHarness()
        let owner = try Caller(try await h.app(), clock: h.clock)
        let other = try Caller(try await h.app(), clock: h.clock)
        try await h.run { http async throws in
            let login = try await owner.call(http, .post, "/v1/logins", json: #"{"purpose":"企业开办"}"#).decode(LoginCreated.self)
            let reply = try await other.call(http, .get, "/v1/logins/\(login.loginID)")
            #expect(reply.status == 404)
            #expect(reply.error?.code == "login_not_found")
        }
    }

    @Test func sandboxScanEndpointCompletesALogin() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(), clock: h.clock)
        try await h.run { http async throws in
            let login = try await caller.call(http, .post, "/v1/logins", json: #"{"purpose":"企业开办"}"#).decode(LoginCreated.self)
            let body = #"{"qr_content":"\#(login.qrContent)","uniscid":"\#(SandboxDataset.demoActive.value)","role":"legal_representative","decision":"confirm"}"#
            let scan = try await http.execute(uri: "/sandbox/scan", method: .post, headers: [.contentType: "application/json"],
                                              body: .init(string: body))
            #expect(scan.status == .ok)
            #expect(String(buffer: scan.body).contains("authorized"))
            let bad = try await http.execute(uri: "/sandbox/scan", method: .post, headers: [:],
                                             body: .init(string: #"{"qr_content":"nonsense","decision":"confirm"}"#))
            #expect(bad.status == .notFound)
            #expect(String(buffer: bad.body).contains("login_not_found"))
            let page = try await http.execute(uri: "/sandbox/", method: .get)
            #expect(String(buffer: page.body).contains("电子营业执照"))
            let list = try await http.execute(uri: "/sandbox/enterprises", method: .get)
            #expect(String(buffer: list.body).contains(SandboxDataset.demoRevoked.value))
        }
    }

    /// The e-license app page shows who asks, for what, and the code the department's page shows
    /// beside the QR code, so a QR code relayed from another screen can be recognised.
    @Test func sandboxAppPageShowsTheRequesterPurposeAndConfirmationCode() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(), clock: h.clock)
        try await h.run { http async throws in
            let login = try await caller.call(http, .post, "/v1/logins", json: #"{"purpose":"食品经营许可<证>申请"}"#)
                .decode(LoginCreated.self)
            let code = try #require(login.confirmationCode)
            #expect(code.count == 4 && code.allSatisfy(\.isASCII) && code.allSatisfy(\.isNumber))
            #expect(code == (try Identifiers.confirmationCode(loginID: login.loginID)))
            let ticket = try #require(login.qrContent.split(separator: "t=").last)
            let page = String(buffer: try await http.execute(uri: "/sandbox/?t=\(ticket)", method: .get).body)
            #expect(page.contains(#"<dd id="code">\#(code)</dd>"#))
            #expect(page.contains("济南市行政审批服务局 · 企业开办一网通办系统"))
            #expect(page.contains("食品经营许可&lt;证&gt;申请"))
            let unknown = String(buffer: try await http.execute(uri: "/sandbox/?t=tk_0", method: .get).body)
            #expect(unknown.contains(#"id="unknown""#) && !unknown.contains(#"id="code""#))
        }
    }

    @Test func confirmationCodesDifferBetweenLogins() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(), clock: h.clock)
        try await h.run { http async throws in
            var codes: Set<String> = []
            for _ in 0..<8 {
                let login = try await caller.call(http, .post, "/v1/logins", json: #"{"purpose":"企业开办","qr_format":"none"}"#)
                codes.insert(try #require(try login.decode(LoginCreated.self).confirmationCode))
            }
            // Eight codes of four random digits: a repeat is possible, all the same is not.
            #expect(codes.count > 1)
        }
    }
}
