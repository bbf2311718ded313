import ELicenseCrypto
import Foundation
import Testing

@Suite struct KeygenCommandTests {
    func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("elicense-keygen-\(UUID().uuidString)").path
    }

    @Test func writesAUsablePairWithAPrivateMode() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try CLI.run(["keygen", "--out", dir, "--name", "app"])
        #expect(result.status == 0, "\(result.stderr)")
        let key = try SM2PrivateKey(pem: String(contentsOfFile: dir + "/app.key.pem", encoding: .utf8))
        let pub = try SM2PublicKey(pem: String(contentsOfFile: dir + "/app.pub.pem", encoding: .utf8))
        #expect(try key.publicKey.rawPoint() == pub.rawPoint())
        #expect(result.stdout.contains(try pub.keyID()))
        let mode = try FileManager.default.attributesOfItem(atPath: dir + "/app.key.pem")[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func refusesToOverwriteWithoutForce() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLI.run(["keygen", "--out", dir]).status == 0)
        let before = try String(contentsOfFile: dir + "/elicense.key.pem", encoding: .utf8)
        let again = try CLI.run(["keygen", "--out", dir])
        #expect(again.status != 0)
        #expect(again.stderr.contains("--force"))
        #expect(try String(contentsOfFile: dir + "/elicense.key.pem", encoding: .utf8) == before)
        #expect(try CLI.run(["keygen", "--out", dir, "--force"]).status == 0)
        #expect(try String(contentsOfFile: dir + "/elicense.key.pem", encoding: .utf8) != before)
    }

    @Test func passphraseEncryptsThePrivateKey() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "口令 pass\n".write(toFile: dir + "/pass", atomically: true, encoding: .utf8)
        #expect(try CLI.run(["keygen", "--out", dir, "--passphrase-file", dir + "/pass"]).status == 0)
        let pem = try String(contentsOfFile: dir + "/elicense.key.pem", encoding: .utf8)
        #expect(pem.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----"))
        #expect(throws: CryptoError.self) { try SM2PrivateKey(pem: pem) }
        _ = try SM2PrivateKey(pem: pem, passphrase: "口令 pass")
    }
}
