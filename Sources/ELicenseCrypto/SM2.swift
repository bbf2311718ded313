import CELicenseCrypto

/// SM2 (GB/T 32918) signatures with SM3, DER-encoded (r, s).
public enum SM2 {
    /// The distinguishing ID every party of protocol v1 uses: GB/T 35276's default.
    public static let defaultID: [UInt8] = Array("1234567812345678".utf8)
}

/// An EVP_PKEY that is never mutated after creation, so OpenSSL allows concurrent use.
final class SM2KeyStorage: @unchecked Sendable {
    let key: OpaquePointer

    init(_ key: OpaquePointer) { self.key = key }

    deinit { ecs_key_free(key) }

    static func parse(pem: String, isPrivate: Bool, passphrase: String?) throws(CryptoError) -> SM2KeyStorage {
        ecs_clear_error()
        let bytes = Array(pem.utf8)
        guard let key = ecs_key_from_pem(bytes.isEmpty ? "" : pem, bytes.count, isPrivate ? 1 : 0, passphrase) else {
            throw CryptoError(
                .invalidKey, isPrivate ? "not a readable SM2 private key PEM" : "not a readable SM2 public key PEM")
        }
        return SM2KeyStorage(key)
    }
}

/// Takes ownership of a malloc'ed buffer returned by the shim.
private func takeString(
    _ call: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>, UnsafeMutablePointer<Int>) -> Int32,
    _ what: String
) throws(CryptoError) -> String {
    var raw: UnsafeMutablePointer<CChar>?
    var length = 0
    guard call(&raw, &length) == 1, let raw else { throw CryptoError(.failure, what) }
    defer { ecs_free(raw) }
    return String(cString: raw)
}

public struct SM2PrivateKey: Sendable {
    let storage: SM2KeyStorage

    /// A fresh key pair from OpenSSL's CSPRNG.
    public init() throws(CryptoError) {
        ecs_clear_error()
        guard let key = ecs_sm2_generate() else { throw CryptoError(.failure, "SM2 key generation failed") }
        storage = SM2KeyStorage(key)
    }

    /// PKCS#8 PEM (`BEGIN PRIVATE KEY`, or `BEGIN ENCRYPTED PRIVATE KEY` with a passphrase).
    public init(pem: String, passphrase: String? = nil) throws(CryptoError) {
        storage = try SM2KeyStorage.parse(pem: pem, isPrivate: true, passphrase: passphrase)
        guard ecs_key_has_private(storage.key) == 1 else { throw CryptoError(.notPrivate, "PEM holds no private key") }
    }

    public var publicKey: SM2PublicKey { SM2PublicKey(storage: storage) }

    /// PKCS#8 PEM; with a passphrase, encrypted with SM4-CBC under PBES2.
    public func pemRepresentation(passphrase: String? = nil) throws(CryptoError) -> String {
        ecs_clear_error()
        return try takeString({ ecs_key_private_pem(storage.key, passphrase, $0, $1) }, "private key export failed")
    }

    /// The private scalar d, 32 bytes big-endian (for interoperability tests with raw-key libraries).
    public func rawScalar() throws(CryptoError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        guard ecs_key_private_scalar(storage.key, &out) == 1 else {
            throw CryptoError(.failure, "private scalar export failed")
        }
        return out
    }

    /// DER signature (70–72 bytes) over `message` with SM3 and the distinguishing ID.
    public func signature(for message: [UInt8], id: [UInt8] = SM2.defaultID) throws(CryptoError) -> [UInt8] {
        ecs_clear_error()
        var sig = [UInt8](repeating: 0, count: 80)
        var length = 0
        guard ecs_sm2_sign(storage.key, id, id.count, message, message.count, &sig, &length) == 1 else {
            throw CryptoError(.failure, "SM2 signing failed")
        }
        return Array(sig.prefix(length))
    }
}

public struct SM2PublicKey: Sendable {
    let storage: SM2KeyStorage

    init(storage: SM2KeyStorage) { self.storage = storage }

    /// SubjectPublicKeyInfo PEM (`BEGIN PUBLIC KEY`).
    public init(pem: String) throws(CryptoError) {
        storage = try SM2KeyStorage.parse(pem: pem, isPrivate: false, passphrase: nil)
    }

    public func pemRepresentation() throws(CryptoError) -> String {
        ecs_clear_error()
        return try takeString({ ecs_key_public_pem(storage.key, $0, $1) }, "public key export failed")
    }

    /// DER SubjectPublicKeyInfo.
    public func derRepresentation() throws(CryptoError) -> [UInt8] {
        var raw: UnsafeMutablePointer<UInt8>?
        var length = 0
        guard ecs_key_public_der(storage.key, &raw, &length) == 1, let raw else {
            throw CryptoError(.failure, "public key export failed")
        }
        defer { ecs_free(raw) }
        return Array(UnsafeBufferPointer(start: raw, count: length))
    }

    /// The uncompressed point 04‖X‖Y, 65 bytes.
    public func rawPoint() throws(CryptoError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 65)
        guard ecs_key_public_point(storage.key, &out) == 1 else {
            throw CryptoError(.failure, "public point export failed")
        }
        return out
    }

    /// The key id of protocol v1: the first 16 hex digits of SM3 over the DER SubjectPublicKeyInfo.
    public func keyID() throws(CryptoError) -> String {
        String(Hex.encode(try SM3.hash(try derRepresentation())).prefix(16))
    }

    /// True only for a well-formed DER signature by this key over `message` with this ID.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8], id: [UInt8] = SM2.defaultID) -> Bool {
        !signature.isEmpty
            && ecs_sm2_verify(storage.key, id, id.count, message, message.count, signature, signature.count) == 1
    }
}
