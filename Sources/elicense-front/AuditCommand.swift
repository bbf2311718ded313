import ArgumentParser
import ELicenseCore
import ELicenseFront
import ELicenseProtocol
import ELicenseStore
import Foundation

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "审计日志 — the append-only, SM3 hash-chained audit log.",
        subcommands: [Verify.self]
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "校验审计日志链 — recompute the chain; exit 1 when a record was edited, deleted, reordered or truncated.",
            discussion: """
                Opens the store read-only and never creates, migrates or writes anything; a missing store is an error. \
                Anchors kept outside the data directory prove truncation even when the chain head was rewritten.
                """)
        @OptionGroup var options: FrontOptions

        @Option(name: .customLong("expect"), help: "An anchor SEQ:HASH (a head hash noted earlier); repeatable.")
        var expected: [String] = []

        @Option(
            name: .long,
            help: ArgumentHelp(
                "A file of SEQ:HASH lines and/or signed checkpoint lines (a copy of audit-checkpoints.log); repeatable.",
                discussion: "Checkpoint signatures are checked with the front's keys in the data directory."))
        var anchors: [String] = []

        func run() async throws {
            let config = try options.load()
            var anchorList = try expected.map { text throws(ELicenseError) in try AuditAnchor(parsing: text) }
            if !anchors.isEmpty {
                let keys = try TrustedKeys(
                    try Keyring.existingPublicKeys(
                        directory: config.dataDirectory + "/keys",
                        profile: config.profile))
                for file in anchors {
                    guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                        throw ELicenseError(.ioError, "无法读取锚点文件 (cannot read anchors file \(file))")
                    }
                    anchorList += try AuditCheckpoint.anchors(inFile: text, keys: keys)
                }
            }
            let result = try await options.verifyAudit(config, anchors: anchorList)
            if result.isIntact {
                print(
                    "审计日志完整 audit log intact: \(result.count) 条记录 records, head \(result.count):\(result.headHash)"
                        + ", \(anchorList.count) 个锚点 anchors checked")
            } else {
                print(
                    "审计日志已被篡改 audit log TAMPERED: \(result.problem ?? "") (first broken record \(result.firstBrokenSeq.map(String.init) ?? "?"))"
                )
                throw ExitCode(1)
            }
        }
    }
}
