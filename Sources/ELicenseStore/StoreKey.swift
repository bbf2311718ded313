import ELicenseCore
import ELicenseCrypto
import Foundation

/// The key that seals the secrets the store must give back (grant tokens of authorised logins,
/// the provincial system's authorizations, the sandbox's state): SM4-CBC under a random IV, then
/// HMAC-SM3 over the column, the row's key, the IV and the ciphertext (encrypt-then-MAC), so a
/// sealed value cannot be read, altered or moved to another row without the key. The key lives
/// in a file outside the database (`keys/store.key`, mode 0600), so a copy of the database alone
/// holds no live secret; lose the file and those secrets are gone (logins and grants must be
/// redone, nothing else).
public struct StoreKey: Sendable {
    private let encryption: SM4
    private let authentication: [UInt8]
    /// Marks sealed column text; clear text from before the sealing migration has none.
    static let prefix = "sm4:"

    init(bytes: [UInt8]) throws(ELicenseError) {
        guard bytes.count == 32 else {
            throw ELicenseError(.keyInvalid, "存储密钥应为 32 字节 (the store key must be 32 bytes, not \(bytes.count))")
        }
        do { encryption = try SM4(key: Array(bytes.prefix(16))) } catch {
            throw ELicenseError(.internal, error.message)
        }
        authentication = Array(bytes.suffix(16))
    }

    /// A fresh key that lives only in memory (throwaway stores).
    public static func random() throws(ELicenseError) -> StoreKey {
        do { return try StoreKey(bytes: try SecureRandom.bytes(32)) } catch let error as ELicenseError {
            throw error
        } catch {
            throw ELicenseError(.internal, "\(error)")
        }
    }

    /// Reads the key file (64 hex digits), creating it when it does not exist.
    public static func loadOrCreate(_ path: String) throws(ELicenseError) -> StoreKey {
        if FileManager.default.fileExists(atPath: path) { return try load(path) }
        let bytes: [UInt8]
        do { bytes = try SecureRandom.bytes(32) } catch { throw ELicenseError(.internal, error.message) }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        } catch {
            throw ELicenseError(.ioError, "无法创建目录 (cannot create \(directory)): \(error.localizedDescription)")
        }
        try SecureFile.create(path, contents: Hex.encode(bytes) + "\n")
        return try StoreKey(bytes: bytes)
    }

    /// Reads the key file (64 hex digits), which must exist: a store shared by several instances
    /// needs the one file they were all given, never a fresh one.
    public static func load(_ path: String) throws(ELicenseError) -> StoreKey {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ELicenseError(
                .keyInvalid,
                "缺少存储密钥文件，请从其他实例复制 (no store key file \(path): copy keys/store.key from the other instances, "
                    + "or create it with elicense-front db migrate on the first)")
        }
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        guard let bytes = Hex.decode(text.trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count == 32 else {
            throw ELicenseError(.keyInvalid, "存储密钥文件无法读取 (the store key file \(path) is not 64 hex digits)")
        }
        return try StoreKey(bytes: bytes)
    }

    /// `context` names the column and the row (`login_session.grant_json:lg_…`).
    package func seal(_ plaintext: [UInt8], context: String) throws(ELicenseError) -> String {
        do {
            let iv = try SecureRandom.bytes(SM4.blockByteCount)
            let body = iv + (try encryption.encryptCBC(plaintext, iv: iv))
            return Self.prefix + Hex.encode(body + (try tag(body, context: context)))
        } catch {
            throw ELicenseError(.internal, "sealing \(context): \(error.message)")
        }
    }

    package func seal(_ text: String, context: String) throws(ELicenseError) -> String {
        try seal(Array(text.utf8), context: context)
    }

    /// `internal` when the value was not sealed for `context` under this key.
    package func open(_ sealed: String, context: String) throws(ELicenseError) -> [UInt8] {
        let failure = ELicenseError(.internal, "存储的密文无法解开 (sealed \(context) does not open with this store key)")
        guard sealed.hasPrefix(Self.prefix), let bytes = Hex.decode(String(sealed.dropFirst(Self.prefix.count))),
            bytes.count >= 2 * SM4.blockByteCount + SM3.byteCount
        else { throw failure }
        let body = Array(bytes.dropLast(SM3.byteCount))
        do {
            guard HMACSM3.equal(try tag(body, context: context), Array(bytes.suffix(SM3.byteCount))) else {
                throw failure
            }
            return try encryption.decryptCBC(
                Array(body.dropFirst(SM4.blockByteCount)), iv: Array(body.prefix(SM4.blockByteCount)))
        } catch {
            throw failure
        }
    }

    package func openText(_ sealed: String, context: String) throws(ELicenseError) -> String {
        String(decoding: try open(sealed, context: context), as: UTF8.self)
    }

    private func tag(_ body: [UInt8], context: String) throws(CryptoError) -> [UInt8] {
        try HMACSM3.authenticate(Array(context.utf8) + [0] + body, key: authentication)
    }
}
