import ELicenseCore
import ELicenseCrypto
import ELicenseProtocol
import ELicenseSandbox
import ELicenseStore
import ELicenseUpstream
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import ELicenseFront

/// A clock tests move by hand.
final class TestClock: Sendable {
    private let now = Locked<Int64>(1_795_075_200) // 2026-11-18T00:00:00Z

    var read: @Sendable () -> Timestamp { { [self] in Timestamp(secondsSince1970: now.withLock { $0 }) } }
    func advance(_ seconds: Int64) { now.withLock { $0 += seconds } }
}

/// A front system in sandbox mode over an in-memory store, with one registered unit.
struct FrontHarness {
    let front: FrontApplication
    let clock: TestClock
    let unit: AccessUnit

    static let form = """
    机构名称: 济南市行政审批服务局
    机构性质: 政府机关
    统一社会信用代码: 11370000004183422T
    通信地址: 山东省济南市市中区站前路1号
    联系人姓名: 王五
    部门及职务: 信息中心 科长
    联系电话: 0531-88888888
    电子邮件: wangwu@example.gov.cn
    """

    /// - Parameter systemClock: run the front on the real clock instead of `clock`, for fronts
    ///   that ELicenseClient calls (it signs with the real time).
    init(config: FrontConfig = FrontConfig(), store: (any FrontStore)? = nil, upstream: (any Upstream)? = nil,
         systemClock: Bool = false) async throws {
        let clock = TestClock()
        let frontKey = try SigningKey(SM2PrivateKey())
        let keyring = Keyring(signing: frontKey, published: [try PublishedKey(frontKey.privateKey.publicKey)])
        front = try FrontApplication(config: config, store: try store ?? SQLiteStore.inMemory(), keyring: keyring, upstream: upstream,
                                     sandboxIssuer: try SigningKey(SM2PrivateKey()),
                                     clock: systemClock ? FrontApplication.systemClock : clock.read)
        self.clock = clock
        unit = try await front.registry.addUnit(form: Self.form).0
    }

    /// Registers an application of the unit and returns its client configuration.
    func app(allowed: [String] = [], rateLimit: Int? = nil) async throws -> ClientConfig {
        try await front.registry.addApp(unitID: unit.id, name: "企业开办一网通办系统", endpoint: "10.1.2.3:8080",
                                        description: "市场监管；企业设立登记", allowedAddresses: allowed, rateLimitPerMinute: rateLimit).client
    }

    func run(_ framework: TestingSetup = .router, _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: front.router())
        try await app.test(framework) { client in try await body(client) }
    }
}

/// Runs `body` with `config` written where a front's `upstream.client_config` can name it; the
/// file holds a private key, so it is gone afterwards.
func withClientConfigFile<T>(_ config: ClientConfig, _ body: (String) async throws -> T) async throws -> T {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("elicense-upstream-\(UUID().uuidString).json").path
    try SecureFile.create(path, bytes: try WireJSON.encode(config))
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try await body(path)
}

/// A department application calling the front as the SDK does: signed requests, verified responses.
struct Caller {
    let client: ClientConfig
    let now: @Sendable () -> Timestamp
    let key: SigningKey
    let pinned: TrustedKeys

    init(_ client: ClientConfig, clock: TestClock) throws {
        try self.init(client, now: clock.read)
    }

    init(_ client: ClientConfig, now: @escaping @Sendable () -> Timestamp) throws {
        self.client = client
        self.now = now
        key = try SigningKey(SM2PrivateKey(pem: client.privateKeyPEM ?? ""))
        pinned = try TrustedKeys(client.frontPublicKeysPEM.map { try SM2PublicKey(pem: $0) })
    }

    struct Reply {
        let status: Int
        let body: [UInt8]
        let headers: HTTPFields

        func decode<T: Decodable>(_ type: T.Type) throws -> T { try WireJSON.decode(type, from: body) }
        var error: ErrorBody.Content? { try? WireJSON.decode(ErrorBody.self, from: body).error }
    }

    /// Sends a signed request; `tamper` edits the headers after signing.
    func call(_ http: any TestClientProtocol, _ method: HTTPRequest.Method, _ path: String, json: String? = nil,
              nonce: String? = nil, timestamp: Int64? = nil, tamper: (inout HTTPFields) -> Void = { _ in }) async throws -> Reply {
        let body = Array((json ?? "").utf8)
        let nonce = try nonce ?? SecureRandom.hex(byteCount: 16)
        let canonical = try CanonicalRequest(method: method.rawValue, target: path, timestamp: timestamp ?? now().secondsSince1970,
                                             nonce: nonce, appID: client.appID, body: body)
        var headers: HTTPFields = [.contentType: "application/json"]
        for (name, value) in try RequestSignature(signing: canonical, with: key).headers { headers[HTTPField.Name(name)!] = value }
        tamper(&headers)
        let response = try await http.execute(uri: path, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
        let bytes = Array(buffer: response.body)
        // Every /v1 answer, success or error, must carry a valid front signature over this nonce.
        let signature = try ResponseSignature { response.headers[HTTPField.Name($0)!] }
        try signature.verify(status: Int(response.status.code), requestNonce: nonce, body: bytes, trusted: pinned)
        return Reply(status: Int(response.status.code), body: bytes, headers: response.headers)
    }

    /// Starts a login and completes it in the sandbox app with `decision`.
    func login(_ http: any TestClientProtocol, sandbox: SandboxProvince, uscc: String = SandboxDataset.demoActive.value,
               decision: SandboxProvince.Decision = .confirm, role: OperatorRole = .legalRepresentative) async throws -> LoginCreated {
        let created = try await call(http, .post, "/v1/logins", json: #"{"purpose":"企业开办"}"#).decode(LoginCreated.self)
        _ = try await sandbox.scan(qrContent: created.qrContent, uscc: try USCC(uscc), role: role, operatorName: nil, decision: decision)
        return created
    }

    /// Login, confirm, poll: the grant token.
    func grant(_ http: any TestClientProtocol, sandbox: SandboxProvince, uscc: String = SandboxDataset.demoActive.value) async throws -> String {
        let created = try await login(http, sandbox: sandbox, uscc: uscc)
        let status = try await call(http, .get, "/v1/logins/\(created.loginID)").decode(LoginStatus.self)
        return try #require(status.grant?.token)
    }
}
