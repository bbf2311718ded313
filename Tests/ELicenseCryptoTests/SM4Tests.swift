import ELicenseTestSupport
import Foundation
import Testing
@testable import ELicenseCrypto

@Suite struct SM4Tests {
    let key = Hex.decode("0123456789abcdeffedcba9876543210")!

    @Test func standardVector() throws {
        // GB/T 32907-2016 appendix A: key = plaintext.
        let sm4 = try SM4(key: key)
        let cipher = try sm4.encryptBlock(key)
        #expect(Hex.encode(cipher) == "681edf34d206965e86b3e94f536e4246")
        #expect(try sm4.decryptBlock(cipher) == key)
    }

    @Test func cbcRoundTripsEveryLengthAroundABlock() throws {
        let sm4 = try SM4(key: key)
        let iv = try SecureRandom.bytes(16)
        for length in [0, 1, 15, 16, 17, 31, 32, 33, 1000] {
            let plain = (0..<length).map { UInt8(truncatingIfNeeded: $0) }
            let cipher = try sm4.encryptCBC(plain, iv: iv)
            #expect(cipher.count == (length / 16 + 1) * 16) // PKCS#7 always pads
            #expect(try sm4.decryptCBC(cipher, iv: iv) == plain)
        }
    }

    @Test func cbcMatchesOpenSSLCommandLine() throws {
        let sm4 = try SM4(key: key)
        let iv = Hex.decode("000102030405060708090a0b0c0d0e0f")!
        let plain = Array("电子营业执照 SM4-CBC interop".utf8)
        // openssl enc writes binary: od turns it into hex for the comparison.
        let cipherHex = try ChildProcess.output(["sh", "-c", "openssl enc -sm4-cbc -K \(Hex.encode(key)) -iv \(Hex.encode(iv)) | od -An -v -tx1 | tr -d ' \\n'"],
                                                stdin: plain)
        #expect(try sm4.encryptCBC(plain, iv: iv) == Hex.decode(cipherHex))
    }

    @Test func rejectsWrongSizes() throws {
        #expect(throws: CryptoError.self) { try SM4(key: [1, 2, 3]) }
        let sm4 = try SM4(key: key)
        #expect(throws: CryptoError.self) { try sm4.encryptBlock([1]) }
        #expect(throws: CryptoError.self) { try sm4.encryptCBC([1], iv: [0]) }
        #expect(throws: CryptoError.self) { try sm4.decryptCBC([1, 2, 3], iv: Array(repeating: 0, count: 16)) }
    }

    @Test func randomBytesAreFreshEachCall() throws {
        let a = try SecureRandom.bytes(32), b = try SecureRandom.bytes(32)
        #expect(a != b)
        #expect(try SecureRandom.hex(byteCount: 16).count == 32)
        #expect(try SecureRandom.bytes(0).isEmpty)
    }
}
