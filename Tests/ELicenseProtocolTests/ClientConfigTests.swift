import Testing
import ELicenseCore
@testable import ELicenseProtocol

/// What the SDK accepts in a client configuration before it sends anything (protocol §10).
@Suite struct ClientConfigTests {
    @Test func loopbackHostsAreAddressesNotPrefixes() {
        for host in ["localhost", "127.0.0.1", "127.255.255.254", "127.1.2.3", "::1", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1"] {
            #expect(ProtocolV1.isLoopbackHost(host), "\(host)")
        }
        for host in ["127.0.0.1.example.invalid", "127.example.invalid", "localhost.example.invalid", "localhost.", "LOCALHOST.invalid",
                     "128.0.0.1", "192.0.2.1", "0127.0.0.1", "127.1", "127.0.0.1:80", "[::1]", "::2", "::ffff:192.0.2.1", "::ffff:128.0.0.1", "::127.0.0.1", "", " 127.0.0.1"] {
            #expect(!ProtocolV1.isLoopbackHost(host), "\(host)")
        }
    }

    @Test func plainHTTPIsRefusedForAnythingThatCouldLeaveThisMachine() {
        // Each of these reaches 192.0.2.1 (TEST-NET-1) or a remote name when handed to curl.
        for url in ["http://127.0.0.1.example.invalid", "http://localhost:x@192.0.2.1", "http://127.0.0.1@192.0.2.1",
                    "http://127.0.0.1:80@192.0.2.1/", "http://192.0.2.1", "http://192.0.2.1:8080/", "http://[::ffff:192.0.2.1]",
                    "http://127.0.0.1%2e192.0.2.1", "http://127.0.0.1\\@192.0.2.1", "http://127.0.0.1#@192.0.2.1",
                    "http://127.0.0.1?@192.0.2.1", "http://127.0.0.1/@192.0.2.1", "http://localhost.example.invalid:8443"] {
            let error = #expect(throws: ELicenseError.self, "\(url)") { try FrontURL(url) }
            #expect(error?.code == .invalidConfig)
            #expect(error?.detail.contains("front_url") == true)
        }
    }

    @Test func malformedAuthoritiesAreRefused() {
        for url in ["ftp://127.0.0.1", "http://", "https://", "https://:443", "https://front.example:0", "https://front.example:65536",
                    "https://front.example:", "https://front.example:8x", "https://[::1", "https://[zz::1]", "https://[::1]x",
                    "https://front example", "https://front.example/api", "https://user@front.example", "HTTP://127.0.0.1"] {
            #expect((#expect(throws: ELicenseError.self, "\(url)") { try FrontURL(url) })?.code == .invalidConfig)
        }
    }

    @Test func acceptedURLsKeepHostPortAndBase() throws {
        let local = try FrontURL("http://127.0.0.1:8080/")
        #expect(!local.isTLS && local.host == "127.0.0.1" && local.port == 8080 && local.base == "http://127.0.0.1:8080")
        #expect(try FrontURL("http://[::1]:9").host == "::1")
        #expect(try FrontURL("http://localhost").port == nil)
        let remote = try FrontURL("https://front.fz.gov.cn:8443")
        #expect(remote.isTLS && remote.host == "front.fz.gov.cn" && remote.base == "https://front.fz.gov.cn:8443")
        #expect(try FrontURL("https://[2001:db8::1]/").base == "https://[2001:db8::1]")
    }

    @Test func numericSettingsAreRangeCheckedByName() throws {
        var config = ClientConfig(profile: .sandbox, frontURL: "http://127.0.0.1:1", appID: "app-1", privateKeyPEM: nil,
                                  frontPublicKeysPEM: [])
        #expect(try config.validate().base == "http://127.0.0.1:1")
        let cases: [(WritableKeyPath<ClientConfig, Int>, Int, String)] = [
            (\.connectTimeoutMilliseconds, 0, "connect_timeout_ms"), (\.connectTimeoutMilliseconds, Int.max, "connect_timeout_ms"),
            (\.timeoutMilliseconds, -1, "timeout_ms"), (\.timeoutMilliseconds, Int.min, "timeout_ms"),
            (\.retries, 11, "retries"), (\.retries, -1, "retries"), (\.version, 2, "version"),
        ]
        for (path, value, name) in cases {
            var bad = config
            bad[keyPath: path] = value
            let error = #expect(throws: ELicenseError.self, "\(name)=\(value)") { try bad.validate() }
            #expect(error?.code == .invalidConfig)
            #expect(error?.detail.contains(name) == true)
        }
        config.appID = "bad app"
        #expect((#expect(throws: ELicenseError.self) { try config.validate() })?.detail.contains("app_id") == true)
    }

    private static let essentials = #""profile":"sandbox","front_url":"http://127.0.0.1:1","app_id":"app-1","private_key_pem":"k","front_public_keys_pem":["p"]"#

    /// Issue 12: the defaults are for interactive use (a stalled front fails a call in about
    /// 10 s, not 90 s) and a file without timeouts or retries takes them.
    @Test func absentTimeoutsAndRetriesTakeTheInteractiveDefaults() throws {
        let config = try ClientConfig(json: Array(("{\"version\":1," + Self.essentials + "}").utf8))
        #expect(config.connectTimeoutMilliseconds == 3_000)
        #expect(config.timeoutMilliseconds == 10_000)
        #expect(config.retries == 1)
        let written = ClientConfig(profile: .sandbox, frontURL: "http://127.0.0.1:1", appID: "app-1", privateKeyPEM: "k", frontPublicKeysPEM: ["p"])
        #expect(written == config)
    }

    @Test func aFileWithoutVersionIsRefusedNamingIt() {
        let error = #expect(throws: ELicenseError.self) { try ClientConfig(json: Array(("{" + Self.essentials + "}").utf8)) }
        #expect(error?.code == .invalidConfig)
        #expect(error?.detail.contains("version") == true)
    }
}
