import Testing

@testable import ELicenseCrypto

@Suite struct SM3Tests {
    @Test func standardVectors() throws {
        // GB/T 32905-2016 appendix A, and the empty message.
        #expect(try SM3.hex(Array("abc".utf8)) == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")
        #expect(
            try SM3.hex(Array(String(repeating: "abcd", count: 16).utf8))
                == "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732")
        #expect(try SM3.hex([]) == "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b")
    }

    @Test func incrementalEqualsOneShot() throws {
        let message = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var sm3 = try SM3()
        for chunk in stride(from: 0, to: message.count, by: 777) {
            sm3.update(Array(message[chunk..<min(chunk + 777, message.count)]))
        }
        #expect(try sm3.finalize() == SM3.hash(message))
    }

    @Test func hexRoundTrips() {
        let bytes: [UInt8] = [0, 1, 0x7f, 0x80, 0xfe, 0xff]
        #expect(Hex.encode(bytes) == "00017f80feff")
        #expect(Hex.decode("00017F80FEFF") == bytes)
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
    }
}

@Suite struct HMACSM3Tests {
    /// Vectors from `openssl dgst -sm3 -hmac key` and `-mac HMAC -macopt hexkey:` (a key longer
    /// than the block, hashed first).
    @Test func matchesOpenSSL() throws {
        #expect(
            Hex.encode(try HMACSM3.authenticate(Array("The quick brown fox".utf8), key: Array("key".utf8)))
                == "8d54716c0553990422ad09e63a7237386696a8952f64e546a4dee3b89a931a35")
        #expect(
            Hex.encode(try HMACSM3.authenticate(Array("abc".utf8), key: [UInt8](repeating: 0x6b, count: 100)))
                == "2d87dd3ffa1452e8e40d9123a02824fb7dd98ae4a52683287245f1736dc610ef")
        #expect(HMACSM3.equal([1, 2], [1, 2]) && !HMACSM3.equal([1, 2], [1, 3]) && !HMACSM3.equal([1], [1, 2]))
    }
}
