import ArgumentParser
import ELicenseCore

@main
struct FrontCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "elicense-front",
        abstract: "政务服务电子营业执照验证前置系统 — the city front system of the electronic business license.",
        version: ELicenseVersion.string,
        subcommands: [
            ServeCommand.self, UnitCommand.self, AppCommand.self, AuditCommand.self, KeysCommand.self,
            PurgeCommand.self, ReportCommand.self, ReloadCommand.self, DbCommand.self,
        ]
    )
}
