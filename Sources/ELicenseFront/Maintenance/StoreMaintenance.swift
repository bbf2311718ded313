import ELicenseCore
import ELicenseProtocol
import ELicenseStore
import Foundation
import Logging
import ServiceLifecycle

/// What the server does by itself beside answering requests: the retention purge and the audit
/// chain's signed checkpoints, appended to `audit-checkpoints.log` in the data directory (and
/// logged) for the operator to keep elsewhere. Failures are logged and retried at the next look;
/// they never stop the server.
public actor StoreMaintenance: Service {
    let store: any FrontStore
    private(set) var settings: FrontConfig.StorageSettings
    private(set) var signing: SigningKey
    let checkpointFile: String
    let clock: @Sendable () -> Timestamp
    let logger: Logger
    private var nextPurge: Int64 = .min
    /// The last published checkpoint, read from the file at the first look.
    private var lastCheckpoint: AuditCheckpoint?
    private var loadedLastCheckpoint = false

    /// In the data directory.
    public static let checkpointFileName = "audit-checkpoints.log"
    /// Seconds between looks; the settings are in whole minutes.
    static let lookSeconds = 15

    public init(
        store: any FrontStore, settings: FrontConfig.StorageSettings, signing: SigningKey, checkpointFile: String,
        clock: @escaping @Sendable () -> Timestamp, logger: Logger
    ) {
        self.store = store
        self.settings = settings
        self.signing = signing
        self.checkpointFile = checkpointFile
        self.clock = clock
        self.logger = logger
    }

    /// A reload's retention settings and signing key, from the next look on.
    func reload(settings: FrontConfig.StorageSettings, signing: SigningKey) {
        self.settings = settings
        self.signing = signing
    }

    public func run() async {
        await cancelWhenGracefulShutdown { [self] in
            while !Task.isCancelled {
                await look()
                try? await Task.sleep(for: .seconds(Self.lookSeconds))
            }
        }
    }

    func look() async {
        do {
            if let report = try await purgeIfDue() {
                logger.info(
                    "已清理过期数据 purged expired rows",
                    metadata: [
                        "login_sessions": "\(report.loginSessions)", "grants": "\(report.grants)",
                        "nonces": "\(report.nonces)",
                        "material_documents": "\(report.materialDocuments)",
                        "sandbox_entries": "\(report.sandboxEntries)",
                    ])
            }
        } catch {
            logger.error(
                "清理失败 purge failed", metadata: ["error": "\(error.code.rawValue)", "detail": "\(error.detail)"])
        }
        do {
            if let checkpoint = try await checkpointIfDue() {
                logger.info("审计日志检查点 audit checkpoint", metadata: ["checkpoint": "\(checkpoint.line)"])
            }
        } catch {
            logger.error(
                "审计检查点失败 audit checkpoint failed",
                metadata: ["error": "\(error.code.rawValue)", "detail": "\(error.detail)"])
        }
    }

    /// Purges once per `purge_interval_minutes`, the first time at the first look.
    func purgeIfDue() async throws(ELicenseError) -> PurgeReport? {
        let now = clock()
        guard now.secondsSince1970 >= nextPurge else { return nil }
        nextPurge = now.secondsSince1970 + Int64(settings.purgeIntervalMinutes) * 60
        return try await store.purge(settings.retentionPolicy, now: now)
    }

    /// Appends a checkpoint of the head when `audit_checkpoint_records` records were appended
    /// since the last one, or `audit_checkpoint_minutes` passed and any record was appended.
    func checkpointIfDue() async throws(ELicenseError) -> AuditCheckpoint? {
        if !loadedLastCheckpoint {
            lastCheckpoint = try Self.lastCheckpoint(in: checkpointFile)
            loadedLastCheckpoint = true
        }
        let head = try await store.auditHead()
        let now = clock()
        let last = lastCheckpoint
        let appended = head.seq - (last?.anchor.seq ?? 0)
        let dueByTime =
            last.map { now.secondsSince1970 - $0.time.secondsSince1970 >= Int64(settings.auditCheckpointMinutes) * 60 }
            ?? true
        guard appended > 0, appended >= Int64(settings.auditCheckpointRecords) || dueByTime else { return nil }
        let checkpoint = try AuditCheckpoint.signed(head, at: now, by: signing)
        try SecureFile.append(checkpointFile, line: checkpoint.line)
        lastCheckpoint = checkpoint
        return checkpoint
    }

    /// The file's last readable checkpoint line (a power cut may tear the very last one); nil
    /// when there is none yet.
    static func lastCheckpoint(in path: String) throws(ELicenseError) -> AuditCheckpoint? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ELicenseError(.ioError, "无法读取检查点文件 (cannot read \(path))")
        }
        return text.split(separator: "\n").reversed().lazy.compactMap { try? AuditCheckpoint(line: String($0)) }.first
    }
}
