import ELicenseTestSupport
import Foundation
import Testing
@testable import ELicenseCrypto

@Suite struct SM2Tests {
    let message = Array("ELIC-SM2-SM3-V1\nPOST\n/v1/logins\n电子营业执照".utf8)

    @Test func signatureVerifiesAndIsDER() throws {
        let key = try SM2PrivateKey()
        let signature = try key.signature(for: message)
        #expect((70...72).contains(signature.count))
        #expect(signature.first == 0x30) // DER SEQUENCE
        #expect(key.publicKey.isValidSignature(signature, for: message))
    }

    @Test func signaturesAreRandomizedYetBothValid() throws {
        let key = try SM2PrivateKey()
        let a = try key.signature(for: message), b = try key.signature(for: message)
        #expect(a != b)
        #expect(key.publicKey.isValidSignature(a, for: message) && key.publicKey.isValidSignature(b, for: message))
    }

    @Test func anyChangeInvalidates() throws {
        let key = try SM2PrivateKey()
        let signature = try key.signature(for: message)
        var changedMessage = message
        changedMessage[3] ^= 1
        #expect(!key.publicKey.isValidSignature(signature, for: changedMessage))
        var changedSignature = signature
        changedSignature[changedSignature.count - 1] ^= 1
        #expect(!key.publicKey.isValidSignature(changedSignature, for: message))
        #expect(!key.publicKey.isValidSignature(signature, for: message, id: Array("1234567812345679".utf8)))
        #expect(!(try SM2PrivateKey()).publicKey.isValidSignature(signature, for: message))
    }

    @Test func malformedSignaturesAreInvalidNotErrors() throws {
        let key = try SM2PrivateKey()
        for garbage in [[], [0x30], [0x30, 0x02, 0x01], try SecureRandom.bytes(71), [UInt8](repeating: 0xff, count: 500)] {
            #expect(!key.publicKey.isValidSignature(garbage, for: message))
        }
        // The failed parses must not leave errors behind that a later call would report.
        #expect(key.publicKey.isValidSignature(try key.signature(for: message), for: message))
    }

    @Test func pemRoundTrips() throws {
        let key = try SM2PrivateKey()
        let pem = try key.pemRepresentation()
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let again = try SM2PrivateKey(pem: pem)
        #expect(try again.publicKey.rawPoint() == key.publicKey.rawPoint())
        let publicPEM = try key.publicKey.pemRepresentation()
        #expect(publicPEM.hasPrefix("-----BEGIN PUBLIC KEY-----"))
        let publicKey = try SM2PublicKey(pem: publicPEM)
        #expect(publicKey.isValidSignature(try again.signature(for: message), for: message))
        #expect(try publicKey.keyID() == key.publicKey.keyID())
        #expect(try publicKey.keyID().count == 16)
    }

    @Test func encryptedPEMNeedsTheRightPassphrase() throws {
        let key = try SM2PrivateKey()
        let pem = try key.pemRepresentation(passphrase: "正确的口令 correct")
        #expect(pem.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----"))
        #expect(try SM2PrivateKey(pem: pem, passphrase: "正确的口令 correct").rawScalar() == key.rawScalar())
        #expect { try SM2PrivateKey(pem: pem, passphrase: "wrong") } throws: { ($0 as? CryptoError)?.kind == .invalidKey }
        // Without a passphrase it fails at once instead of prompting on the host's terminal.
        #expect { try SM2PrivateKey(pem: pem) } throws: { ($0 as? CryptoError)?.kind == .invalidKey }
    }

    @Test func rejectsWhatIsNotAnSM2Key() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let p256 = try ChildProcess.output(["openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"])
        #expect { try SM2PrivateKey(pem: p256) } throws: { ($0 as? CryptoError)?.kind == .invalidKey }
        let publicPEM = try SM2PrivateKey().publicKey.pemRepresentation()
        #expect { try SM2PrivateKey(pem: publicPEM) } throws: { ($0 as? CryptoError)?.kind == .invalidKey }
        for junk in ["", "not a pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"] {
            #expect(throws: CryptoError.self) { try SM2PrivateKey(pem: junk) }
            #expect(throws: CryptoError.self) { try SM2PublicKey(pem: junk) }
        }
    }

    @Test func concurrentUseOfOneKeyIsSafe() async throws {
        let key = try SM2PrivateKey()
        let message = self.message
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    var ok = true
                    for _ in 0..<50 {
                        let signature = try key.signature(for: message)
                        ok = ok && key.publicKey.isValidSignature(signature, for: message)
                    }
                    return ok
                }
            }
            for try await ok in group { #expect(ok) }
        }
    }
}
