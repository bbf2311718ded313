import ELicenseCore
import ELicenseCrypto
import ELicenseProtocol
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ELicenseFront

/// Every rejection of docs/protocol.md §3.5, each answered with its code and a signed response.
@Suite struct AuthenticationTests {
    @Test func signedCallSucceedsAndIsSigned() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(), clock: h.clock)
        try await h.run { http async throws in
            let reply = try await caller.call(http, .get, "/v1/whoami")
            #expect(reply.status == 200)
            let who = try reply.decode(WhoAmI.self)
            #expect(who.appID == caller.client.appID)
            #expect(who.unitName == "济南市行政审批服务局")
            #expect(who.keyID == caller.key.keyID)
            #expect(who.profile == .sandbox)
        }
    }

    @Test func unknownApplicationIsRejected() async throws {
        let h = try await FrontHarness()
        var config = try await h.app()
        config.appID = "app-unknown"
        let caller = try Caller(config, clock: h.clock)
        try await h.run { http async throws in
            let reply = try await caller.call(http, .get, "/v1/whoami")
            #expect(reply.status == 401)
            #expect(reply.error?.code == "app_unknown")
            #expect(reply.error?.requestID.hasPrefix("rq_") == true)
        }
    }

    @Test func signatureByAnotherKeyIsRejected() async throws {
        let h = try await FrontHarness()
        var config = try await h.app()
        config.privateKeyPEM = try SM2PrivateKey().pemRepresentation()
        let caller = try Caller(config, clock: h.clock)
        try await h.run { http async throws in
            let reply = try await caller.call(http, .get, "/v1/whoami") { $0[HTTPField.Name("X-Elic-Key-Id")!] = nil }
            #expect(reply.status == 401)
            #expect(reply.error?.code == "signature_invalid")
        }
    }

    @Test func tamperedBodyIsRejected() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(), clock: h.clock)
        try await h.run { http async throws in
            // Signed over one body, sent with another: the body digest binds it.
            let reply = try await caller.call(http, .post, "/v1/logins", json: #"{"purpose":"企业开办"}"#) {
                $0[HTTPField.Name("X-Elic-Signature")!] = try? caller.key.sign("forged")
            }
            #expect(reply.error?.code == "signature_invalid")
        }
    }

    @Test func staleAndFutureTimestampsAreRejected() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(), clock: h.clock)
        let now = h.clock.read().secondsSince1970
        try await h.run { http async throws in
            #expect(
                try await caller.call(http, .get, "/v1/whoami", timestamp: now - 301).error?.code == "timestamp_skew")
            #expect(
                try await caller.call(http, .get, "/v1/whoami", timestamp: now + 301).error?.code == "timestamp_skew")
            #expect(try await caller.call(http, .get, "/v1/whoami", timestamp: now - 299).status == 200)
        }
    }

    @Test func replayedNonceIsRejected() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(), clock: h.clock)
        try await h.run { http async throws in
            let nonce = "0123456789abcdef0123456789abcdef"
            #expect(try await caller.call(http, .get, "/v1/whoami", nonce: nonce).status == 200)
            let replay = try await caller.call(http, .get, "/v1/whoami", nonce: nonce)
            #expect(replay.status == 401)
            #expect(replay.error?.code == "nonce_replayed")
        }
    }

    @Test func missingHeadersAreUnauthenticated() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(), clock: h.clock)
        try await h.run { http async throws in
            let reply = try await caller.call(http, .get, "/v1/whoami") {
                $0[HTTPField.Name("X-Elic-Signature")!] = nil
            }
            #expect(reply.status == 401)
            #expect(reply.error?.code == "unauthenticated")
        }
    }

    @Test func addressOutsideTheFiledOnesIsRejected() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(allowed: ["10.1.2.0/24"]), clock: h.clock)
        try await h.run { http async throws in
            let reply = try await caller.call(http, .get, "/v1/whoami")
            #expect(reply.status == 403)
            #expect(reply.error?.code == "address_forbidden")
        }
    }

    @Test func filedAddressIsAcceptedOverARealSocket() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(allowed: ["127.0.0.1", "::1"]), clock: h.clock)
        try await h.run(.live) { http async throws in
            #expect(try await caller.call(http, .get, "/v1/whoami").status == 200)
        }
    }

    @Test func rateLimitAnswersWithRetryAfter() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(rateLimit: 3), clock: h.clock)
        try await h.run { http async throws in
            for _ in 0..<3 { #expect(try await caller.call(http, .get, "/v1/whoami").status == 200) }
            let limited = try await caller.call(http, .get, "/v1/whoami")
            #expect(limited.status == 429)
            #expect(limited.error?.code == "rate_limited")
            #expect((limited.error?.retryAfter ?? 0) >= 1)
            h.clock.advance(20)  // one token per 20 s at 3/min
            #expect(try await caller.call(http, .get, "/v1/whoami").status == 200)
        }
    }

    @Test func disabledApplicationAndUnitAreRejected() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(), clock: h.clock)
        try await h.run { http async throws in
            try await h.front.registry.setApp(id: caller.client.appID, enabled: false)
            #expect(try await caller.call(http, .get, "/v1/whoami").error?.code == "app_disabled")
            try await h.front.registry.setApp(id: caller.client.appID, enabled: true)
            try await h.front.registry.setUnit(id: h.unit.id, enabled: false)
            #expect(try await caller.call(http, .get, "/v1/whoami").error?.code == "app_disabled")
            try await h.front.registry.setUnit(id: h.unit.id, enabled: true)
            #expect(try await caller.call(http, .get, "/v1/whoami").status == 200)
        }
    }

    @Test func sandboxCredentialsAreRefusedByAProductionFront() async throws {
        let sandbox = try await FrontHarness()
        let client = try await sandbox.app()
        // The same store behind a production front: the app was registered under the sandbox profile.
        let province = ClientConfig(
            profile: .production, frontURL: "https://province.invalid", appID: "app-city-front",
            privateKeyPEM: try SM2PrivateKey().pemRepresentation(),
            frontPublicKeysPEM: [try SM2PrivateKey().publicKey.pemRepresentation()])
        let production = try await withClientConfigFile(province) { path in
            var config = FrontConfig()
            config.profile = .production
            config.upstream.kind = .http
            config.upstream.clientConfig = path
            config.region = .init(code: "370100", name: "济南市")
            return try FrontApplication(
                config: config, store: sandbox.front.store, keyring: sandbox.front.keyring, clock: sandbox.clock.read)
        }
        let caller = try Caller(client, clock: sandbox.clock)
        try await Application(router: production.router()).test(.router) { http in
            let reply = try await caller.call(http, .get, "/v1/whoami")
            #expect(reply.status == 403)
            #expect(reply.error?.code == "profile_mismatch")
        }
    }

    @Test func unknownEndpointIsNotFoundAndStillSigned() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(), clock: h.clock)
        try await h.run { http async throws in
            let reply = try await caller.call(http, .get, "/v1/nothing-here")
            #expect(reply.status == 404)
            #expect(reply.error?.code == "not_found")
        }
    }

    @Test func malformedJSONAndBadPurposeAreNamed() async throws {
        let h = try await FrontHarness()
        let caller = try Caller(try await h.app(), clock: h.clock)
        try await h.run { http async throws in
            let malformed = try await caller.call(http, .post, "/v1/logins", json: #"{"purpose":"#)
            #expect(malformed.status == 400)
            #expect(malformed.error?.code == "invalid_json")
            let purpose = try await caller.call(http, .post, "/v1/logins", json: #"{"purpose":" 前后有空格 "}"#)
            #expect(purpose.error?.code == "invalid_purpose")
            let tooLarge = try await caller.call(
                http, .post, "/v1/logins", json: "\"" + String(repeating: "x", count: 1_100_000) + "\"")
            #expect(tooLarge.status == 413)
        }
    }
}

@Suite struct KeyChangeoverTests {
    @Test func secondKeyWorksAlongsideTheFirstUntilTheFirstIsRetired() async throws {
        let h = try await FrontHarness()
        let client = try await h.app()
        let old = try Caller(client, clock: h.clock)
        let newKey = try SM2PrivateKey()
        var renewed = client
        renewed.privateKeyPEM = try newKey.pemRepresentation()
        let new = try Caller(renewed, clock: h.clock)
        try await h.run { http async throws in
            #expect(try await new.call(http, .get, "/v1/whoami").error?.code == "signature_invalid")
            let keyID = try await h.front.registry.addKey(
                appID: client.appID, publicKeyPEM: try newKey.publicKey.pemRepresentation())
            #expect(try await new.call(http, .get, "/v1/whoami").decode(WhoAmI.self).keyID == keyID)
            #expect(try await old.call(http, .get, "/v1/whoami").status == 200)
            try await h.front.registry.retireKey(appID: client.appID, keyID: old.key.keyID)
            #expect(try await old.call(http, .get, "/v1/whoami").error?.code == "signature_invalid")
            #expect(try await new.call(http, .get, "/v1/whoami").status == 200)
            await #expect(throws: ELicenseError.self) {
                try await h.front.registry.addKey(appID: client.appID, publicKeyPEM: "junk")
            }
        }
    }
}
