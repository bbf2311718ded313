import ArgumentParser
import ELicenseCore
import ELicenseCrypto
import Foundation

struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "生成 SM2 密钥对 — write a new SM2 key pair as PEM files.",
        discussion:
            "Writes NAME.key.pem (PKCS#8, mode 0600) and NAME.pub.pem (SubjectPublicKeyInfo) and prints the protocol key id. With --passphrase-file the private key is encrypted with SM4-CBC (PKCS#8 PBES2)."
    )

    @Option(help: "Directory to write into (created with mode 0700 if missing).")
    var out: String

    @Option(help: "File name stem.")
    var name = "elicense"

    @Option(help: "File whose first line is the passphrase protecting the private key.")
    var passphraseFile: String?

    @Flag(help: "Replace existing key files.")
    var force = false

    func run() throws {
        let passphrase = try passphraseFile.map(Self.readPassphrase)
        let key = try SM2PrivateKey()
        let privatePath = (out as NSString).appendingPathComponent("\(name).key.pem")
        let publicPath = (out as NSString).appendingPathComponent("\(name).pub.pem")
        try FileManager.default.createDirectory(
            atPath: out, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        for path in [privatePath, publicPath] where FileManager.default.fileExists(atPath: path) {
            guard force else {
                throw ValidationError("文件已存在，未覆盖 (file exists, not overwritten; use --force): \(path)")
            }
            try FileManager.default.removeItem(atPath: path)
        }
        try SecureFile.create(privatePath, contents: try key.pemRepresentation(passphrase: passphrase))
        try SecureFile.create(publicPath, bytes: Array(try key.publicKey.pemRepresentation().utf8), mode: 0o644)
        print("私钥 private key: \(privatePath)\(passphrase == nil ? "" : " (SM4 加密 encrypted)")")
        print("公钥 public key:  \(publicPath)")
        print("密钥标识 key id:  \(try key.publicKey.keyID())")
    }

    static func readPassphrase(_ path: String) throws -> String {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard let line = text.split(separator: "\n", omittingEmptySubsequences: false).first, !line.isEmpty else {
            throw ValidationError("口令文件为空 (passphrase file is empty): \(path)")
        }
        return String(line)
    }
}
