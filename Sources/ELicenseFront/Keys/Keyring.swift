import ELicenseCore
import ELicenseCrypto
import ELicenseProtocol
import Foundation

/// The front's own keys, kept as PEM files under `<data>/keys/`:
/// - `front-<profile>.key.pem` signs responses and materials (created on first start);
/// - `front-<profile>-<label>.key.pem` are published but do not sign: a key announced ahead of a
///   changeover, or a retired one kept while materials it signed are still valid;
/// - `sandbox-issuer.key.pem`: the sandbox provincial system's license-signing key.
/// Rotation (docs/protocol.md §7): add `front-<profile>-next.key.pem`, reload, let SDKs pin it;
/// then rename the current key to `-old` and `-next` to the signing name, reload; later delete
/// `-old`. Keys are per profile by file name, so a sandbox key is never picked up in production.
public struct Keyring: Sendable {
    public let signing: SigningKey
    public let published: [PublishedKey]

    init(signing: SigningKey, published: [PublishedKey]) {
        self.signing = signing
        self.published = published
    }

    public static func load(directory: String, profile: Profile) throws(ELicenseError) -> Keyring {
        try ensure(directory: directory)
        return try load(directory, profile, loadOrCreate)
    }

    /// The keys as the files are now, creating none: what a reload takes. A missing signing key
    /// then is a rotation step gone wrong, and a new key nobody pinned would fail every caller.
    public static func reload(directory: String, profile: Profile) throws(ELicenseError) -> Keyring {
        let path = "\(directory)/\(signingName(profile))"
        guard FileManager.default.fileExists(atPath: path) else {
            throw ELicenseError(
                .keyInvalid, "签名密钥文件不存在 (the signing key \(path) is missing; a reload never creates one)")
        }
        return try load(directory, profile, read)
    }

    private static func load(
        _ directory: String, _ profile: Profile, _ key: (String) throws(ELicenseError) -> SM2PrivateKey
    ) throws(ELicenseError) -> Keyring {
        let signing = try SigningKey(try key("\(directory)/\(signingName(profile))"))
        let keys =
            [signing]
            + (try others(directory, profile).map { name throws(ELicenseError) in
                try SigningKey(try key("\(directory)/\(name)"))
            })
        return Keyring(
            signing: signing,
            published: try keys.map { key throws(ELicenseError) in try PublishedKey(key.privateKey.publicKey) })
    }

    /// The public keys of the profile's key files that exist, creating nothing: to check what the
    /// front signed (audit checkpoints) without starting it.
    public static func existingPublicKeys(directory: String, profile: Profile) throws(ELicenseError) -> [SM2PublicKey] {
        let names =
            [signingName(profile)].filter { FileManager.default.fileExists(atPath: "\(directory)/\($0)") }
            + others(directory, profile)
        return try names.map { name throws(ELicenseError) in try read("\(directory)/\(name)").publicKey }
    }

    private static func signingName(_ profile: Profile) -> String { "front-\(profile.rawValue).key.pem" }

    /// The published-only key files of the profile, by name.
    private static func others(_ directory: String, _ profile: Profile) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: directory))?
            .filter { $0.hasPrefix("front-\(profile.rawValue)-") && $0.hasSuffix(".key.pem") }.sorted() ?? []
    }

    /// Reads a private key PEM, creating it (mode 0600, written atomically) when the file does
    /// not exist.
    public static func loadOrCreate(_ path: String) throws(ELicenseError) -> SM2PrivateKey {
        if FileManager.default.fileExists(atPath: path) { return try read(path) }
        do {
            let key = try SM2PrivateKey()
            try SecureFile.create(path, contents: try key.pemRepresentation())
            return key
        } catch let error as ELicenseError {
            throw error
        } catch {
            throw ELicenseError(.keyInvalid, "\(path): \(error)")
        }
    }

    private static func read(_ path: String) throws(ELicenseError) -> SM2PrivateKey {
        do { return try SM2PrivateKey(pem: try String(contentsOfFile: path, encoding: .utf8)) } catch {
            throw ELicenseError(.keyInvalid, "密钥文件无法读取 (\(path) is not a readable SM2 private key): \(error)")
        }
    }

    static func ensure(directory: String) throws(ELicenseError) {
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        } catch {
            throw ELicenseError(.ioError, "cannot create \(directory): \(error.localizedDescription)")
        }
    }
}
