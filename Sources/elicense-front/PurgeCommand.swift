import ArgumentParser
import ELicenseCore
import ELicenseFront
import ELicenseStore

struct PurgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "清理过期数据 — delete what the retention settings no longer keep (the server also does it by itself)."
    )

    @OptionGroup var options: FrontOptions

    func run() async throws {
        let config = try options.load()
        try config.validate()
        let store = try await options.openStore(config)
        let report = try await store.purge(config.storage.retentionPolicy, now: FrontApplication.systemClock())
        print(
            "已清理 purged: \(report.loginSessions) 个登录会话 login sessions, \(report.grants) 个授权 grants, "
                + "\(report.nonces) 个随机数 nonces, \(report.materialDocuments) 份材料文件 material documents, "
                + "\(report.sandboxEntries) 条沙箱记录 sandbox entries")
    }
}
