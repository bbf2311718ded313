import ArgumentParser
import ELicenseClient
import ELicenseCore
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
        let response = try client.client().license(grant: try grant.token())
        if json { return try Output.json(response.signedLicense) }
        print(
            "照面信息 license data (签发方签名已验证 issuer signature verified, key \(response.signedLicense.issuerSignature.keyID)):"
        )
        Output.license(response.signedLicense.license)
        if response.signedLicense.isRehearsal { print(Output.rehearsalNotice) }
    }
}
