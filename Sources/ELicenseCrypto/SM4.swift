import CELicenseCrypto

/// SM4 (GB/T 32907) block cipher with a 128-bit key.
public struct SM4: Sendable {
    public static let keyByteCount = 16
    public static let blockByteCount = 16

    private let key: [UInt8]

    public init(key: [UInt8]) throws(CryptoError) {
        guard key.count == Self.keyByteCount else {
            throw CryptoError(.invalidInput, "SM4 key must be 16 bytes, got \(key.count)")
        }
        self.key = key
    }

    /// One raw block in ECB mode: the primitive the GB/T 32907 test vector checks.
    public func encryptBlock(_ block: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard block.count == Self.blockByteCount else {
            throw CryptoError(.invalidInput, "SM4 block must be 16 bytes, got \(block.count)")
        }
        return try crypt("SM4-ECB", encrypt: true, pad: false, iv: nil, block)
    }

    public func decryptBlock(_ block: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard block.count == Self.blockByteCount else {
            throw CryptoError(.invalidInput, "SM4 block must be 16 bytes, got \(block.count)")
        }
        return try crypt("SM4-ECB", encrypt: false, pad: false, iv: nil, block)
    }

    /// SM4-CBC with PKCS#7 padding.
    public func encryptCBC(_ plaintext: [UInt8], iv: [UInt8]) throws(CryptoError) -> [UInt8] {
        try crypt("SM4-CBC", encrypt: true, pad: true, iv: try Self.checked(iv), plaintext)
    }

    /// Throws `.invalidInput` for a wrong key (bad padding) or truncated ciphertext.
    public func decryptCBC(_ ciphertext: [UInt8], iv: [UInt8]) throws(CryptoError) -> [UInt8] {
        try crypt("SM4-CBC", encrypt: false, pad: true, iv: try Self.checked(iv), ciphertext)
    }

    private static func checked(_ iv: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard iv.count == blockByteCount else {
            throw CryptoError(.invalidInput, "SM4 IV must be 16 bytes, got \(iv.count)")
        }
        return iv
    }

    private func crypt(
        _ mode: String, encrypt: Bool, pad: Bool, iv: [UInt8]?,
        _ input: [UInt8]
    ) throws(CryptoError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: input.count + Self.blockByteCount)
        var length = 0
        let zeroIV = [UInt8](repeating: 0, count: Self.blockByteCount)  // ECB ignores it
        let ok = ecs_sm4_crypt(
            mode, encrypt ? 1 : 0, pad ? 1 : 0, key, iv ?? zeroIV,
            input, input.count, &out, &length)
        guard ok == 1 else {
            throw CryptoError(.invalidInput, "SM4 \(encrypt ? "encryption" : "decryption") failed")
        }
        return Array(out.prefix(length))
    }
}
