import ArgumentParser
import ELicenseCore
import ELicenseFront

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "审计日志 — the append-only, SM3 hash-chained audit log.",
        subcommands: [Verify.self]
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "校验审计日志链 — recompute the chain; exit 1 when a record was edited, deleted, reordered or truncated.")
        @OptionGroup var options: FrontOptions

        func run() async throws {
            let result = try await options.open(try options.load()).store.verifyAudit()
            if result.isIntact {
                print("审计日志完整 audit log intact: \(result.count) 条记录 records, head \(result.headHash)")
            } else {
                print("审计日志已被篡改 audit log TAMPERED: \(result.problem ?? "") (first broken record \(result.firstBrokenSeq.map(String.init) ?? "?"))")
                throw ExitCode(1)
            }
        }
    }
}
