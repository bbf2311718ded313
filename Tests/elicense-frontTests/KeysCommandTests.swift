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

    /// `keys` shows what the running server publishes beside the files, and says when a file
    /// change has not been reloaded yet.
    @Test func comparesTheKeyFilesWithWhatTheRunningServerPublishes() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let alone = try ws.front(["keys"])
        #expect(alone.stdout.contains("running server: not reachable"), "\(alone)")
        let server = try ws.serve()
        defer { server.stop() }

        let keys = try ws.front(["keys"])
        let signing = try #require(keys.stdout.firstMatch(of: /# key id (\S+) \(signing\)/)?.1)
        #expect(keys.stdout.contains("running server publishes:\n#   \(signing) (signing)\n"), "\(keys)")
        #expect(keys.stdout.contains("same as the key files"))

        let next = try SM2PrivateKey()
        try next.pemRepresentation().write(
            toFile: ws.dataDirectory + "/keys/front-sandbox-next.key.pem", atomically: true, encoding: .utf8)
        let pending = try ws.front(["keys"])
        #expect(pending.stdout.contains("# key id \(try next.publicKey.keyID())"))
        #expect(pending.stdout.contains("DIFFERS from the key files"), "\(pending)")

        #expect(try ws.front(["reload"]).status == 0)
        let deadline = ContinuousClock.now + .seconds(20)
        var reloaded = ""
        while ContinuousClock.now < deadline, !reloaded.contains("same as the key files") {
            usleep(100_000)
            reloaded = try ws.front(["keys"]).stdout
        }
        #expect(reloaded.contains("#   \(try next.publicKey.keyID())\n"), "\(reloaded)")
        #expect(reloaded.contains("same as the key files"))
    }
}
