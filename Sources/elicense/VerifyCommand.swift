import ArgumentParser
import ELicenseClient
import ELicenseCore
import ELicenseProtocol

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "核验证照材料 — check a material by its code, id or scanned QR content; exit 0 only when valid."
    )

    @OptionGroup var client: ClientOptions
    @Option(help: "Verification code XXXX-XXXX-XXXX.") var code: String?
    @Option(help: "Material id.") var id: String?
    @Option(help: "Text of the QR code on a material document.") var qrPayload: String?

    func run() throws {
        let result = try client.client().verify(VerifyRequest(id: id, code: code, qrPayload: qrPayload))
        let label =
            switch result.state {
            case .valid: "有效 valid"
            case .revoked: "已撤销 revoked"
            case .expired: "已过期 expired"
            case .unknown: "未找到 unknown"
            }
        print("核验结果 result: \(label)")
        if let material = result.material {
            Output.table(
                [
                    ("企业", "\(material.signedLicense.license.name)（\(material.signedLicense.license.uscc)）"),
                    ("用途", material.purpose), ("出具时间", material.issuedAt.rfc3339), ("有效期至", material.expiresAt.rfc3339),
                ]
                    + (result.revocationReason.map { [("撤销原因", $0)] } ?? []))
        }
        if result.state != .valid { throw ExitCode(1) }
    }
}
