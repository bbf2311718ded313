import CELicenseCrypto

/// SM3 (GB/T 32905) message digest, 32 bytes.
public struct SM3: ~Copyable {
    public static let byteCount = 32

    private let context: OpaquePointer

    public init() throws(CryptoError) {
        guard let context = ecs_sm3_new() else { throw CryptoError(.failure, "SM3 unavailable") }
        self.context = context
    }

    deinit { ecs_sm3_free(context) }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        // Cannot fail for an initialised context short of memory corruption.
        _ = ecs_sm3_update(context, base.assumingMemoryBound(to: UInt8.self), bytes.count)
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    public consuming func finalize() throws(CryptoError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Self.byteCount)
        guard ecs_sm3_final(context, &out) == 1 else { throw CryptoError(.failure, "SM3 failed") }
        return out
    }

    public static func hash(_ bytes: [UInt8]) throws(CryptoError) -> [UInt8] {
        var sm3 = try SM3()
        sm3.update(bytes)
        return try sm3.finalize()
    }

    public static func hash(_ text: String) throws(CryptoError) -> [UInt8] {
        try hash(Array(text.utf8))
    }

    /// Lower-case hex digest, the form every canonical string carries.
    public static func hex(_ bytes: [UInt8]) throws(CryptoError) -> String {
        Hex.encode(try hash(bytes))
    }
}
