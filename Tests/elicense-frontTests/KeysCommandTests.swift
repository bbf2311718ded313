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
        let match = try #require(
            keys.stdout.firstMatch(
                of: /# key id (\S+) \(signing\)\n(-----BEGIN PUBLIC KEY-----[^#]+-----END PUBLIC KEY-----)/),
            "\(keys)")
        #expect(String(match.2) == pinned[0].trimmingCharacters(in: .newlines))
        #expect(String(match.1) == (try SM2PublicKey(pem: pinned[0]).keyID()))
        #expect(keys.stdout.components(separatedBy: "# key id").count == 2, "one published key before any rotation")
    }

    /// Keys are written whole or not at all; a key file cut short (by an older build's crash) is
    /// refused by name, and a temporary file a crash left behind is ignored.
    @Test func keyFilesAreWrittenAtomicallyAndATruncatedOneIsNamed() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let keys = ws.dataDirectory + "/keys"
        try FileManager.default.createDirectory(atPath: keys, withIntermediateDirectories: true)
        try "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49".write(
            toFile: keys + "/.front-sandbox.key.pem.tmp",
            atomically: false, encoding: .utf8)
        #expect(try ws.front(["keys"]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: keys).sorted() == ["front-sandbox.key.pem"])
        #expect(try Workspace.mode(of: keys + "/front-sandbox.key.pem") == 0o600)

        try "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49".write(
            toFile: keys + "/front-sandbox.key.pem",
            atomically: false, encoding: .utf8)
        let refused = try ws.front(["keys"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("front-sandbox.key.pem is not a readable SM2 private key"), "\(refused)")
    }
}
