import ArgumentParser
import ELicenseCore
import ELicenseFront

struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "前置系统公钥 — print the front's published public keys (for pinning in SDK configurations)."
    )

    @OptionGroup var options: FrontOptions

    func run() async throws {
        let config = try options.load()
        let keyring = try Keyring.load(directory: config.dataDirectory + "/keys", profile: config.profile)
        for key in keyring.published {
            print("# key id \(key.keyID)\(key.keyID == keyring.signing.keyID ? " (signing)" : "")")
            print(key.publicKeyPEM)
        }
    }
}
