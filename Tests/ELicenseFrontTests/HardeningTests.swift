import ELicenseCore
import ELicenseCrypto
import ELicenseProtocol
import ELicenseStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ELicenseFront

/// Issue 8: limits at the HTTP boundary, range checks, request-target spelling, header rules.
@Suite struct HardeningTests {
    // MARK: Defect 2 — rate limits from a form, a flag, a file or a hand-edited database

    @Test func rateLimitOfZeroStoredByHandIsServedWithoutTrapping() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(), clock: h.clock)
        // The store takes what it is given, as a database edited by hand would hold it.
        #expect(try await h.front.store.setAppRateLimit(id: caller.client.appID, perMinute: 0))
        try await h.run { http async throws in
            #expect(try await caller.call(http, .get, "/v1/whoami").status == 200)
            let limited = try await caller.call(http, .get, "/v1/whoami")
            #expect(limited.status == 429)
            #expect(limited.error?.code == "rate_limited")
            #expect((1...60).contains(limited.error?.retryAfter ?? 0))
        }
    }

    @Test func rateLimiterAnswersEveryStoredValueWithABoundedDelay() {
        let limiter = RateLimiter()
        for (index, limit) in [Int.min, -5, 0, 1, Int.max].enumerated() {
            let key = "app-\(index)"
            for _ in 0..<3 { _ = limiter.allow(key, perMinute: limit, now: 1000) }
            let refused = limiter.allow(key, perMinute: limit, now: .nan)
            #expect(refused.allowed || (1...60).contains(refused.retryAfter), "limit \(limit)")
        }
    }

    @Test func registryRefusesARateLimitOutOfRangeNamingTheSetting() async throws {
        let h = try await FrontHarness()
        for limit in [0, -1, 1_000_001] {
            let error = await #expect(throws: ELicenseError.self) { _ = try await h.app(rateLimit: limit) }
            #expect(error?.code == .invalidArgument)
            #expect(error?.detail.contains("rate_limit_per_minute") == true, "\(String(describing: error))")
        }
    }

    @Test func setRateLimitChangesTheLimitOfTheNextCall() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(rateLimit: 1), clock: h.clock)
        try await h.front.registry.setRateLimit(appID: caller.client.appID, perMinute: 100)
        #expect(try await h.front.store.app(id: caller.client.appID)?.rateLimitPerMinute == 100)
        try await h.run { http async throws in
            for _ in 0..<3 { #expect(try await caller.call(http, .get, "/v1/whoami").status == 200) }
        }
        let refused = await #expect(throws: ELicenseError.self) {
            try await h.front.registry.setRateLimit(appID: caller.client.appID, perMinute: 0)
        }
        #expect(refused?.detail.contains("rate_limit_per_minute") == true)
        let unknown = await #expect(throws: ELicenseError.self) {
            try await h.front.registry.setRateLimit(appID: "app-none", perMinute: 5)
        }
        #expect(unknown?.code == .invalidArgument)
    }

    @Test func configurationRangeErrorsNameTheSetting() throws {
        var config = FrontConfig()
        config.defaultRateLimitPerMinute = 0
        #expect(throws: ELicenseError.self) { try config.validate() }
        let cases: [(String, (inout FrontConfig) -> Void)] = [
            ("default_rate_limit_per_minute", { $0.defaultRateLimitPerMinute = -1 }),
            ("clock_skew_seconds", { $0.clockSkewSeconds = 0 }),
            ("sandbox.failure_rate", { $0.sandbox.failureRate = .nan }),
            ("limits.idle_timeout_seconds", { $0.limits.idleTimeoutSeconds = 0 }),
            ("limits.max_connections", { $0.limits.maxConnections = 0 }),
            ("port", { $0.port = 70000 }),
        ]
        for (setting, change) in cases {
            var config = FrontConfig()
            change(&config)
            let error = #expect(throws: ELicenseError.self) { try config.validate() }
            #expect(error?.code == .invalidConfig)
            #expect(error?.detail.contains("setting \(setting) =") == true, "\(String(describing: error))")
        }
        var fromEnvironment = FrontConfig()
        try fromEnvironment.apply(environment: ["ELICENSE_FRONT_DEFAULT_RATE_LIMIT_PER_MINUTE": "0"])
        let error = #expect(throws: ELicenseError.self) { try fromEnvironment.validate() }
        #expect(error?.detail.contains("default_rate_limit_per_minute") == true)
    }

    // MARK: Defect 11 — the key cache

    @Test func keyCacheNeverLendsOneAppsKeyToAnother() throws {
        let cache = PublicKeyCache()
        let mine = try SM2PrivateKey().publicKey, other = try SM2PrivateKey().publicKey
        let keyID = try mine.keyID()
        let now = Timestamp(secondsSince1970: 0)
        #expect(
            cache.key(
                AppKey(
                    appID: "app-a", keyID: keyID, publicKeyPEM: try mine.pemRepresentation(), createdAt: now,
                    retiredAt: nil)) != nil)
        // Another app's record naming the same key id with a different key must not verify as app-a's key.
        let forged = AppKey(
            appID: "app-b", keyID: keyID, publicKeyPEM: try other.pemRepresentation(), createdAt: now, retiredAt: nil)
        #expect(cache.key(forged) == nil)
    }

    // MARK: Defect 20 — addresses

    @Test func ipv4MappedAddressesMatchBothWays() throws {
        #expect(try AddressRule("::ffff:127.0.0.1").matches("127.0.0.1"))
        #expect(try AddressRule("127.0.0.1").matches("::ffff:127.0.0.1"))
        #expect(try AddressRule("::ffff:10.0.0.0/104").matches("10.1.2.3"))
        #expect(try !AddressRule("::ffff:127.0.0.1").matches("127.0.0.2"))
        #expect(try !AddressRule("::1").matches("127.0.0.1"))
        #expect(AddressRule.sourceKey("2001:db8:1:2:3:4:5:6") == AddressRule.sourceKey("2001:db8:1:2:ffff::1"))
        #expect(AddressRule.sourceKey("::ffff:192.0.2.1") == "192.0.2.1")
    }

    // MARK: Defects 6 and 20 — one spelling of each /v1 target

    @Test func otherSpellingsOfAnEndpointAreUnknownPaths() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(), clock: h.clock)
        try await h.run { http async throws in
            for target in ["/v1//whoami", "/v1/whoami/", "/v1/whoami?x=1", "/v1/./whoami", "/v1/keys?"] {
                let reply = try await caller.call(http, .get, target)
                #expect(reply.status == 404, "\(target)")
                #expect(reply.error?.code == "not_found", "\(target)")
            }
            #expect(try await caller.call(http, .get, "/v1/whoami").status == 200)
        }
        let records = try await h.front.store.auditRecords(after: 0, limit: 100)
        #expect(records.filter { $0.event.outcome == "not_found" }.count == 5)
    }

    // MARK: Defect 12 — header rules of §3.1 and §3.2, scope of §4.3

    @Test func duplicatedSignatureHeaderIsUnauthenticated() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(), clock: h.clock)
        try await h.run { http async throws in
            let reply = try await caller.call(http, .get, "/v1/whoami") { headers in
                let name = HTTPField.Name("X-Elic-Signature")!
                headers.append(HTTPField(name: name, value: headers[name] ?? ""))
            }
            #expect(reply.status == 401)
            #expect(reply.error?.code == "unauthenticated")
        }
    }

    /// Pins the sentence of §3.2 (HTTPTypes trims field values, in the server and in this harness).
    @Test func headerValuesAreTakenWithoutSurroundingWhitespace() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(), clock: h.clock)
        try await h.run { http async throws in
            let reply = try await caller.call(http, .get, "/v1/whoami") { headers in
                for name in ["X-Elic-Timestamp", "X-Elic-Nonce", "X-Elic-App-Id"] {
                    let field = HTTPField.Name(name)!
                    headers[field] = " \t" + (headers[field] ?? "") + " "
                }
            }
            #expect(reply.status == 200, "\(String(describing: reply.error))")
        }
    }

    @Test func duplicateScopeValuesAreRefused() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(), clock: h.clock)
        try await h.run { http async throws in
            let reply = try await caller.call(
                http, .post, "/v1/logins", json: #"{"purpose":"企业开办","scope":["license","license"]}"#)
            #expect(reply.status == 400)
            #expect(reply.error?.code == "invalid_argument")
        }
    }

    // MARK: Defect 1 — what unauthenticated traffic may cost

    @Test func bodyOverTheLimitIsRefusedAfterTheHeadersAdmittedIt() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(), clock: h.clock)
        try await h.run { http async throws in
            let big = #"{"purpose":""# + String(repeating: "a", count: ProtocolV1.maxRequestBodyBytes) + #""}"#
            let reply = try await caller.call(http, .post, "/v1/logins", json: big)
            #expect(reply.status == 413)
            #expect(reply.error?.code == "payload_too_large")
        }
    }

    @Test func auditRecordOfALongPathIsBoundedWithADigest() async throws {
        let h = try await FrontHarness()
        let path = "/v1/" + String(repeating: "A", count: 6000)
        try await h.run { http async throws in
            let response = try await http.execute(uri: path, method: .get, headers: [:], body: nil)
            #expect(response.status == .unauthorized)
            #expect(response.headers[HTTPField.Name("X-Elic-Signature")!] != nil)
        }
        let records = try await h.front.store.auditRecords(after: 0, limit: 10)
        let endpoint = try #require(records.last?.event.endpoint)
        #expect(endpoint.utf8.count < 400)
        #expect(endpoint.contains(try Digest.sm3Hex(path)))
    }

    @Test func unauthenticatedRequestsAreThrottledPerAddressAndAuditedOncePerEpisode() async throws {
        var config = FrontConfig()
        config.limits.rejectionsPerMinute = 3
        let h = try await FrontHarness(config: config)
        let caller = try Caller(try await h.app(), clock: h.clock)
        try await h.run { http async throws in
            var statuses: [Int] = []
            for _ in 0..<10 {
                statuses.append(
                    Int(try await http.execute(uri: "/v1/whoami", method: .get, headers: [:], body: nil).status.code))
            }
            #expect(statuses == [401, 401, 401] + Array(repeating: 429, count: 7))
            // Signed and carrying retry_after like any rate_limited answer (its one record is the 10th's).
            let throttled = try await caller.call(http, .get, "/v1/whoami") {
                $0[HTTPField.Name("X-Elic-Signature")!] = "x"
            }
            #expect(throttled.error?.code == "rate_limited")
            #expect((1...60).contains(throttled.error?.retryAfter ?? 0))
            #expect(throttled.headers[.retryAfter] != nil)
        }
        let records = try await h.front.store.auditRecords(after: 0, limit: 100)
        #expect(
            records.map(\.event.outcome) == ["unauthenticated", "unauthenticated", "unauthenticated", "rate_limited"])
        let text = String(decoding: h.front.runtime.metrics.exposition(), as: UTF8.self)
        #expect(text.contains("elicense_unaudited_rejections_total 7"), "\(text)")
    }

    @Test func authenticatedCallsFromAThrottledAddressAreRefusedUntilItRefills() async throws {
        var config = FrontConfig()
        config.limits.rejectionsPerMinute = 1
        let h = try await FrontHarness(config: config)
        let caller = try Caller(try await h.app(), clock: h.clock)
        try await h.run { http async throws in
            #expect(
                try await http.execute(uri: "/v1/whoami", method: .get, headers: [:], body: nil).status == .unauthorized
            )
            #expect(try await caller.call(http, .get, "/v1/whoami").status == 429)
            h.clock.advance(60)
            #expect(try await caller.call(http, .get, "/v1/whoami").status == 200)
        }
    }
}
