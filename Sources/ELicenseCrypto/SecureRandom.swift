import CELicenseCrypto

/// Bytes from OpenSSL's CSPRNG, for nonces, ids and IVs.
public enum SecureRandom {
    public static func bytes(_ count: Int) throws(CryptoError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        guard count == 0 || ecs_random(&out, count) == 1 else {
            throw CryptoError(.failure, "random bytes unavailable")
        }
        return out
    }

    /// `byteCount` random bytes as lower-case hex (twice as many characters).
    public static func hex(byteCount: Int) throws(CryptoError) -> String {
        Hex.encode(try bytes(byteCount))
    }
}
