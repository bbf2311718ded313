import ELicenseCrypto
import Foundation
import Testing

/// The operator publishes the front's key; departments pin it.
@Suite struct KeysCommandTests {
    @Test func printsTheSigningKeyTheIssuedConfigurationsPin() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.addUnit(AccessForms.chinese)
        let pinned = try ws.issuedClientConfig().frontPublicKeysPEM
        try #require(pinned.count == 1)

        let keys = try ws.front(["keys"])
        #expect(keys.status == 0, "\(keys)")
        let match = try #require(keys.stdout.firstMatch(of: /# key id (\S+) \(signing\)\n(-----BEGIN PUBLIC KEY-----[^#]+-----END PUBLIC KEY-----)/),
                                 "\(keys)")
        #expect(String(match.2) == pinned[0].trimmingCharacters(in: .newlines))
        #expect(String(match.1) == (try SM2PublicKey(pem: pinned[0]).keyID()))
        #expect(keys.stdout.components(separatedBy: "# key id").count == 2, "one published key before any rotation")
    }
}
