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
        subcommands: [Verify.self, Show.self, List.self]
    )

    /// Records are read in pages of this many, oldest first.
    static let pageSize = 500

    /// Every record of the log, oldest first, in pages (the store is read from its start:
    /// records are not indexed by request id, app or time).
    static func forEachRecord(
        in store: any FrontStore, _ body: (AuditRecord) throws -> Void
    ) async throws {
        var after: Int64 = 0
        while true {
            let page = try await store.auditRecords(after: after, limit: pageSize)
            for record in page { try body(record) }
            guard let last = page.last, page.count == pageSize else { return }
            after = last.seq
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "查看一条审计记录 — print the audit record of a request id in full, with its detail (the reason).",
            discussion:
                "The request id is the one the caller received (error bodies, X-Elic-Request-Id). Exit 1 when no record has it."
        )
        @OptionGroup var options: FrontOptions
        @Argument(help: "Request id.") var requestID: String

        func run() async throws {
            let store = try options.open(try options.load()).store
            var found = 0
            try await AuditCommand.forEachRecord(in: store) { record in
                guard record.event.requestID == requestID else { return }
                print((found > 0 ? "\n" : "") + AuditCommand.describe(record))
                found += 1
            }
            guard found > 0 else {
                print("没有请求 \(requestID) 的审计记录 (no audit record has request id \(requestID))")
                throw ExitCode(1)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "列出审计记录 — list audit records, one a line, filtered by application, unit and time.",
            discussion:
                "Prints the newest --limit matching records, oldest first: seq, time (UTC), request id, unit, app, method and endpoint, outcome, HTTP status."
        )
        @OptionGroup var options: FrontOptions
        @Option(help: "Only this application id.") var app: String?
        @Option(help: "Only this unit id.") var unit: String?
        @Option(help: "Only records at or after this RFC 3339 time (2026-11-30T08:00:00+08:00).") var since: String?
        @Option(help: "Only records before this RFC 3339 time.") var until: String?
        @Option(help: "At most this many (the newest), 1…100000.") var limit = 100

        func run() async throws {
            let since = try self.since.map { text throws(ELicenseError) in try Timestamp(rfc3339: text) }
            let until = try self.until.map { text throws(ELicenseError) in try Timestamp(rfc3339: text) }
            guard (1...100_000).contains(limit) else {
                throw ELicenseError(.invalidArgument, "--limit \(limit) 超出 1…100000 (is out of range 1…100000)")
            }
            let store = try options.open(try options.load()).store
            var newest: [AuditRecord] = []
            var matched = 0
            try await AuditCommand.forEachRecord(in: store) { record in
                let event = record.event
                guard app.map({ $0 == event.appID }) ?? true, unit.map({ $0 == event.unitID }) ?? true,
                    since.map({ event.time >= $0 }) ?? true, until.map({ event.time < $0 }) ?? true
                else { return }
                matched += 1
                newest.append(record)
                if newest.count > 2 * limit { newest.removeFirst(newest.count - limit) }
            }
            for record in newest.suffix(limit) {
                let event = record.event
                print(
                    [
                        String(record.seq), event.time.rfc3339, event.requestID, event.unitID ?? "-",
                        event.appID ?? "-",
                        "\(event.method) \(event.endpoint)", event.outcome, String(event.httpStatus),
                    ].joined(separator: "\t"))
            }
            if matched > limit {
                print(
                    "（另有 \(matched - limit) 条更早的记录未列出 \(matched - limit) older matching records not shown: raise --limit）"
                )
            }
        }
    }

    /// One record in full, a field a line.
    static func describe(_ record: AuditRecord) -> String {
        let event = record.event
        let fields: [(String, String?)] = [
            ("序号 seq", String(record.seq)), ("时间 time", event.time.rfc3339), ("请求 request_id", event.requestID),
            ("单位 unit", event.unitID), ("应用 app", event.appID), ("接口 endpoint", "\(event.method) \(event.endpoint)"),
            ("主体 subject_uscc", event.subjectUSCC), ("用途 purpose", event.purpose), ("结果 outcome", event.outcome),
            ("状态码 http_status", String(event.httpStatus)), ("来源 remote_address", event.remoteAddress),
            ("详情 detail", event.detail), ("哈希 hash", record.hash), ("前一哈希 previous_hash", record.previousHash),
        ]
        return fields.map { "\($0.0): \($0.1 ?? "-")" }.joined(separator: "\n")
    }

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
            let result = try SQLiteStore.verifyAudit(path: config.dataDirectory + "/front.sqlite", anchors: anchorList)
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
