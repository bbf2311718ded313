import ELicenseCore
import ELicenseProtocol
import ELicenseRender
import ELicenseStore
import Foundation

/// One front system's part of the filing report (备案报告): every registered unit with the
/// fields of its 电子营业执照应用接入信息表, its application systems and their calls. It is also
/// what `elicense-front report --export` writes, for the provincial bureau to merge the fronts'
/// exports into one report for SAMR (报市场监管总局备案).
public struct FrontReport: Codable, Sendable, Equatable {
    /// 前置系统名称 (`front_name`).
    public var name: String
    /// The front's public base URL; it tells fronts apart when several carry the default name.
    public var url: String
    /// 市级 or 省级 (`level`); optional in an export so that one without it still reads.
    public var level: FrontLevel?
    /// 行政区划代码 and its name (`region`); optional as `level`.
    public var regionCode: String?
    public var regionName: String?
    public var profile: Profile
    /// When the front's store was read.
    public var generatedAt: Timestamp
    /// Audit records read to count the calls.
    public var auditRecords: Int64
    public var units: [Unit]

    public struct Unit: Codable, Sendable, Equatable {
        public var unitID: String
        /// 机构名称
        public var name: String
        /// 机构性质
        public var nature: UnitNature
        /// 统一社会信用代码
        public var uscc: USCC
        /// 通信地址
        public var address: String
        /// 联系人姓名, 部门及职务, 联系电话, 电子邮件: personal data the unit filed for this purpose.
        public var contactName: String
        public var contactPosition: String
        public var phone: String
        public var email: String
        public var enabled: Bool
        public var registeredAt: Timestamp
        public var apps: [App]

        enum CodingKeys: String, CodingKey {
            case name, nature, address, phone, email, enabled, apps
            case unitID = "unit_id", uscc = "uniscid", contactName = "contact_name"
            case contactPosition = "contact_position", registeredAt = "registered_at"
        }
    }

    public struct App: Codable, Sendable, Equatable {
        public var appID: String
        /// 应用系统名称
        public var name: String
        /// 域名（IP）及端口
        public var endpoint: String
        /// 所属领域、行业、业务种类简介
        public var businessDescription: String
        public var profile: Profile
        public var enabled: Bool
        public var registeredAt: Timestamp
        public var calls: Calls

        enum CodingKeys: String, CodingKey {
            case name, endpoint, profile, enabled, calls
            case appID = "app_id", businessDescription = "business_description", registeredAt = "registered_at"
        }
    }

    /// An application's calls as the audit log holds them. A call counts when the front
    /// authenticated the application (the event names its unit): an app id sent by someone
    /// who could not sign for it proves nothing about the app.
    public struct Calls: Codable, Sendable, Equatable {
        /// Calls answered `ok`.
        public var served: Int = 0
        /// Calls of the authenticated application refused with an error.
        public var refused: Int = 0
        /// The first and last served call.
        public var first: Timestamp?
        public var last: Timestamp?
        /// Served calls per month of Beijing time, keyed `YYYY-MM`.
        public var monthly: [String: Int] = [:]

        public init() {}
    }

    enum CodingKeys: String, CodingKey {
        case name, url, level, profile, units
        case regionCode = "region_code", regionName = "region_name", generatedAt = "generated_at"
        case auditRecords = "audit_records"
    }
}

extension FrontReport {
    /// Reads the front's registry and counts its calls through ``FrontStore`` only, so it works
    /// on any store. The audit log is read `pageSize` records at a time up to the head it has
    /// when counting starts, keeping only per-application counters: memory grows with the
    /// applications and months, never with the records.
    public static func collect(
        from store: any FrontStore, config: FrontConfig, now: Timestamp, pageSize: Int = 2000
    ) async throws(ELicenseError) -> FrontReport {
        let head = try await store.auditHead().seq
        var calls: [String: Calls] = [:]
        var after: Int64 = 0
        var read: Int64 = 0
        while after < head {
            let page = try await store.auditRecords(after: after, limit: max(pageSize, 1))
            guard let last = page.last else { break }
            for record in page where record.seq <= head {
                read += 1
                try count(record.event, into: &calls)
            }
            after = last.seq
        }
        var units: [Unit] = []
        for unit in try await store.units() {
            let apps = try await store.apps(unitID: unit.id).map { app in
                App(
                    appID: app.appID, name: app.name, endpoint: app.endpoint,
                    businessDescription: app.businessDescription, profile: app.profile, enabled: app.enabled,
                    registeredAt: app.createdAt, calls: calls[app.appID] ?? Calls())
            }
            units.append(
                Unit(
                    unitID: unit.id, name: unit.name, nature: unit.nature, uscc: unit.uscc, address: unit.address,
                    contactName: unit.contactName, contactPosition: unit.contactPosition, phone: unit.phone,
                    email: unit.email, enabled: unit.enabled, registeredAt: unit.createdAt, apps: apps))
        }
        return FrontReport(
            name: config.frontName, url: config.baseURL, level: config.level, regionCode: config.servedRegion.code,
            regionName: config.servedRegion.name,
            profile: config.profile, generatedAt: now, auditRecords: read, units: units)
    }

    private static func count(_ event: AuditEvent, into calls: inout [String: Calls]) throws(ELicenseError) {
        guard event.unitID != nil, let appID = event.appID else { return }
        var entry = calls[appID] ?? Calls()
        if event.outcome == "ok" {
            entry.served += 1
            entry.first = min(entry.first ?? event.time, event.time)
            entry.last = max(entry.last ?? event.time, event.time)
            entry.monthly[try event.time.beijingMonth(), default: 0] += 1
        } else {
            entry.refused += 1
        }
        calls[appID] = entry
    }
}

// MARK: the export file

/// The file `report --export` writes and `report --from` reads.
public struct FrontReportExport: Codable, Sendable, Equatable {
    public static let formatName = "elicense-front-report"
    public static let currentVersion = 1
    /// Larger exports are refused before they are read: thousands of units fit in a few MiB.
    public static let maxBytes = 64 << 20

    public var format: String
    public var version: Int
    public var front: FrontReport

    public init(_ front: FrontReport) {
        format = Self.formatName
        version = Self.currentVersion
        self.front = front
    }

    public func encoded() throws(ELicenseError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do { return Array(try encoder.encode(self)) } catch {
            throw ELicenseError(.internal, "cannot encode the report export: \(error)")
        }
    }

    /// Reads an export; every way it can be wrong is `invalid_argument` naming the file and
    /// where in it the problem is (never the values: they hold personal data).
    public static func read(file: String) throws(ELicenseError) -> FrontReportExport {
        guard let handle = FileHandle(forReadingAtPath: file) else {
            throw ELicenseError(.ioError, "无法读取导出文件 \(file) (cannot read the export file)")
        }
        defer { try? handle.close() }
        let data: Data
        do { data = try handle.read(upToCount: maxBytes + 1) ?? Data() } catch {
            throw ELicenseError(.ioError, "无法读取导出文件 \(file) (cannot read the export file): \(error)")
        }
        guard data.count <= maxBytes else {
            throw ELicenseError(
                .invalidArgument, "导出文件 \(file) 超过 \(maxBytes >> 20) MiB (the export file is too large)")
        }
        let export: FrontReportExport
        do { export = try JSONDecoder().decode(FrontReportExport.self, from: data) } catch {
            throw ELicenseError(
                .invalidArgument,
                "导出文件 \(file) 不是有效的备案导出 (is not a report export written by `report --export`): "
                    + Self.describe(error))
        }
        guard export.format == formatName, export.version == currentVersion else {
            throw ELicenseError(
                .invalidArgument,
                "导出文件 \(file) 的格式 \(export.format.prefix(40)) 第 \(export.version) 版不受支持 "
                    + "(unsupported export format; expected \(formatName) version \(currentVersion))")
        }
        try export.front.checkCounts(file: file)
        return export
    }

    /// The place and kind of a decoding error, without the value that caused it.
    private static func describe(_ error: any Error) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().prefix(200).description
        }
        switch error as? DecodingError {
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "不是 JSON (not JSON)" : "\(path(context.codingPath)): 取值无效 (invalid value)"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])): 缺少此项 (missing)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context.codingPath)): 类型不符 (wrong type)"
        default:
            return "无法解析 (cannot be decoded)"
        }
    }
}

extension FrontReport {
    /// Far above any front's calls, and low enough that sums of counts cannot overflow.
    static let countRange = 0...1_000_000_000_000

    /// Counts come from another front's file: counts out of ``countRange`` or month keys that
    /// are not `YYYY-MM` would print nonsense in a filing (or overflow when summed).
    func checkCounts(file: String) throws(ELicenseError) {
        let valid = Self.countRange
        for unit in units {
            for app in unit.apps {
                let calls = app.calls
                let monthsValid = calls.monthly.allSatisfy { key, value in
                    valid.contains(value) && key.count == 7
                        && key.utf8.enumerated().allSatisfy { index, byte in
                            index == 4
                                ? byte == UInt8(ascii: "-") : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                        }
                }
                guard valid.contains(calls.served), valid.contains(calls.refused), auditRecords >= 0, monthsValid
                else {
                    throw ELicenseError(
                        .invalidArgument,
                        "导出文件 \(file) 中应用 \(app.appID.prefix(64)) 的调用统计无效 (invalid call counts)")
                }
            }
        }
    }
}

extension Timestamp {
    /// The month of Beijing time the instant falls in, `YYYY-MM`.
    func beijingMonth() throws(ELicenseError) -> String { String(try beijing().clock.prefix(7)) }
}
