import ArgumentParser
import ELicenseCore

@main
struct ElicenseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "elicense",
        abstract: "电子营业执照工具 — tools for integrators and operators of the electronic business license.",
        version: ELicenseVersion.string,
        subcommands: [
            USCCCommand.self, KeygenCommand.self, ErrorsCommand.self,
            LoginCommand.self, LicenseCommand.self, MaterialCommand.self, VerifyCommand.self, DoctorCommand.self,
        ]
    )
}
