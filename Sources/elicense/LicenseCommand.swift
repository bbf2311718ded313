import ArgumentParser
import ELicenseClient
import ELicenseCore
import ELicenseCrypto
import ELicenseProtocol

struct LicenseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "license",
        abstract: "获取照面信息 — fetch the logged-in enterprise's license data with its grant (issuer signature checked)."
    )

    @OptionGroup var client: ClientOptions
    @OptionGroup var grant: GrantOptions
    @Flag(help: "Print the signed license as JSON.") var json = false

    func run() throws {
        let client = try client.client()
        let response = try client.license(grant: try grant.token())
        let issuer = try TrustedKeys(try client.keys().issuer.map { try SM2PublicKey(pem: $0.publicKeyPEM) })
        guard response.signedLicense.verify(with: issuer) else {
            throw ELicenseError(.responseSignatureInvalid, "the license's issuer signature does not verify")
        }
        if json { return try Output.json(response.signedLicense) }
        print("照面信息 license data (签发方签名已验证 issuer signature verified, key \(response.signedLicense.issuerSignature.keyID)):")
        Output.license(response.signedLicense.license)
    }
}
