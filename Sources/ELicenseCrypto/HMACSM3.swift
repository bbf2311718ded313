/// HMAC (RFC 2104) over SM3, as GB/T 15852.2 uses it: 64-byte blocks, 32-byte tags.
public enum HMACSM3 {
    public static func authenticate(_ message: [UInt8], key: [UInt8]) throws(CryptoError) -> [UInt8] {
        let blockSize = 64
        var block = key.count > blockSize ? try SM3.hash(key) : key
        block += [UInt8](repeating: 0, count: blockSize - block.count)
        var inner = try SM3()
        inner.update(block.map { $0 ^ 0x36 })
        inner.update(message)
        var outer = try SM3()
        outer.update(block.map { $0 ^ 0x5c })
        outer.update(try inner.finalize())
        return try outer.finalize()
    }

    /// Compares two tags in time independent of where they differ.
    public static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
