import ArgumentParser
import ELicenseClient
import ELicenseCore
import ELicenseProtocol
import Foundation

struct MaterialCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "material",
        abstract: "获取证照材料 — obtain signed license material in place of an uploaded scan, and save its document."
    )

    @OptionGroup var client: ClientOptions
    @OptionGroup var grant: GrantOptions
    @Option(help: "办理事项: printed in the watermark and kept in the record.") var purpose: String
    @Option(help: "Document to save: pdf or png.") var format = "pdf"
    @Option(help: "Where to save the document.") var out: String
    @Option(help: "Also save the signed material record as JSON here.") var recordOut: String?

    func run() throws {
        let issued = try client.client().issueMaterial(
            MaterialRequest(grant: try grant.token(), purpose: purpose, format: format))
        let material = issued.material
        let document = try issued.verifiedDocument(format: format)
        try Data(document).write(to: URL(fileURLWithPath: out))
        if let recordOut {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try encoder.encode(material).write(to: URL(fileURLWithPath: recordOut))
        }
        print("证照材料 material \(material.id)")
        if material.signedLicense.isRehearsal { print(Output.rehearsalNotice) }
        Output.table([
            ("核验码 code", material.code),
            ("企业", "\(material.signedLicense.license.name)（\(material.signedLicense.license.uscc)）"),
            ("用途", material.purpose), ("有效期至", material.expiresAt.rfc3339), ("核验地址", material.verifyURL),
            ("文件 file", "\(out)（\(document.count) 字节 bytes, SM3 \(try Digest.sm3Hex(document).prefix(16))…）"),
        ])
    }
}
