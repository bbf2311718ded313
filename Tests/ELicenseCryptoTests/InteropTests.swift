import ELicenseTestSupport
import Foundation
import Testing
@testable import ELicenseCrypto

/// Signatures made here verify with independent SM2 implementations, and theirs verify here:
/// the OpenSSL command line (C) and gmssl (pure Python).
@Suite struct InteropTests {
    let message = Array("营业执照 91350100M000100Y43 interop ✓".utf8)
    static let python = ProcessInfo.processInfo.environment["ELICENSE_PYTHON"] ?? "python3"
    static let oracle = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Oracles/gmssl_oracle.py").path

    @Test func openSSLCommandLineVerifiesOurSignature() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let key = try SM2PrivateKey()
        try key.publicKey.pemRepresentation().write(to: dir.appendingPathComponent("pub.pem"), atomically: true, encoding: .utf8)
        try Data(message).write(to: dir.appendingPathComponent("msg"))
        try Data(try key.signature(for: message)).write(to: dir.appendingPathComponent("sig"))
        let result = try ChildProcess.output(["openssl", "dgst", "-sm3", "-verify", dir.appendingPathComponent("pub.pem").path,
                                              "-sigopt", "distid:1234567812345678",
                                              "-signature", dir.appendingPathComponent("sig").path, dir.appendingPathComponent("msg").path])
        #expect(result == "Verified OK\n")
    }

    @Test func weVerifyTheOpenSSLCommandLinesSignatureWithItsKey() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let keyPath = dir.appendingPathComponent("key.pem").path
        _ = try ChildProcess.output(["openssl", "genpkey", "-algorithm", "SM2", "-out", keyPath])
        try Data(message).write(to: dir.appendingPathComponent("msg"))
        let sigPath = dir.appendingPathComponent("sig").path
        _ = try ChildProcess.output(["openssl", "dgst", "-sm3", "-sign", keyPath, "-sigopt", "distid:1234567812345678",
                                     "-out", sigPath, dir.appendingPathComponent("msg").path])
        let key = try SM2PrivateKey(pem: String(contentsOfFile: keyPath, encoding: .utf8))
        let signature = Array(try Data(contentsOf: URL(fileURLWithPath: sigPath)))
        #expect(key.publicKey.isValidSignature(signature, for: message))
        // OpenSSL's own default (empty ID) is a different signature domain: it must not verify.
        _ = try ChildProcess.output(["openssl", "dgst", "-sm3", "-sign", keyPath, "-out", sigPath, dir.appendingPathComponent("msg").path])
        let emptyID = Array(try Data(contentsOf: URL(fileURLWithPath: sigPath)))
        #expect(!key.publicKey.isValidSignature(emptyID, for: message))
    }

    @Test func openSSLReadsOurEncryptedKey() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let key = try SM2PrivateKey()
        let path = dir.appendingPathComponent("enc.pem")
        try key.pemRepresentation(passphrase: "s3cret").write(to: path, atomically: true, encoding: .utf8)
        let publicPEM = try ChildProcess.output(["openssl", "pkey", "-in", path.path, "-passin", "pass:s3cret", "-pubout"])
        #expect(try SM2PublicKey(pem: publicPEM).rawPoint() == key.publicKey.rawPoint())
    }

    @Test func gmsslVerifiesOurSignatures() throws {
        for _ in 0..<5 {
            let key = try SM2PrivateKey()
            let signature = try key.signature(for: message)
            let verdict = try ChildProcess.output([Self.python, Self.oracle, "verify", Hex.encode(try key.publicKey.rawPoint()),
                                                   Hex.encode(signature), Hex.encode(message)])
            #expect(verdict == "valid\n")
            var forged = message
            forged[0] ^= 0x20
            #expect(try ChildProcess.output([Self.python, Self.oracle, "verify", Hex.encode(try key.publicKey.rawPoint()),
                                             Hex.encode(signature), Hex.encode(forged)]) == "invalid\n")
        }
    }

    @Test func weVerifyGmsslSignatures() throws {
        for _ in 0..<5 {
            let key = try SM2PrivateKey()
            let signatureHex = try ChildProcess.output([Self.python, Self.oracle, "sign", Hex.encode(try key.rawScalar()),
                                                        Hex.encode(try key.publicKey.rawPoint()), Hex.encode(message)])
            let signature = try #require(Hex.decode(signatureHex.trimmingCharacters(in: .newlines)))
            #expect(key.publicKey.isValidSignature(signature, for: message))
            #expect(!key.publicKey.isValidSignature(signature, for: Array("other".utf8)))
        }
    }
}
