import ELicenseCore
import ELicenseProtocol
import ELicenseRender
import ELicenseStore

/// 电子营业执照应用接入备案报告: one or more fronts' reports as printed for filing with SAMR,
/// with the months whose calls get a column each and each application's 运行情况.
public struct FilingReport: Sendable {
    public private(set) var fronts: [FrontReport]
    public let generatedAt: Timestamp
    /// `YYYY-MM` of Beijing time, oldest first, ending with the month of `generatedAt`.
    public let months: [String]

    public static let monthRange = 1...12
    /// An application with a served call in this many days before the report is 运行中 (live).
    public static let liveDays: Int64 = 30

    /// Refuses the same front twice (two exports with one URL: two instances of one cluster
    /// share one store and would count every call twice).
    public init(fronts: [FrontReport], generatedAt: Timestamp, months: Int) throws(ELicenseError) {
        guard Self.monthRange.contains(months) else {
            throw ELicenseError(
                .invalidArgument,
                "月份数应在 \(Self.monthRange.lowerBound)–\(Self.monthRange.upperBound) 之间 (--months must be 1–12), got \(months)"
            )
        }
        var seen: Set<String> = []
        for front in fronts where !seen.insert(front.url).inserted {
            throw ELicenseError(
                .invalidArgument,
                "同一前置系统 \(front.url) 的导出出现了两次 (two exports of the same front; a cluster's instances share one store, export it once)"
            )
        }
        self.fronts = fronts
        self.generatedAt = generatedAt
        self.months = try Self.months(count: months, endingAt: generatedAt.beijingMonth())
    }

    /// `count` months back from `last` (`YYYY-MM`), oldest first.
    private static func months(count: Int, endingAt last: String) -> [String] {
        var year = Int(last.prefix(4)) ?? 0
        var month = Int(last.suffix(2)) ?? 1
        var out: [String] = []
        for _ in 0..<count {
            out.append("\(year)-\(month < 10 ? "0" : "")\(month)")
            month -= 1
            if month == 0 {
                month = 12
                year -= 1
            }
        }
        return out.reversed()
    }

    public var unitCount: Int { fronts.reduce(0) { $0 + $1.units.count } }
    public var appCount: Int { fronts.reduce(0) { $0 + $1.units.reduce(0) { $0 + $1.apps.count } } }
    public var liveAppCount: Int {
        fronts.reduce(0) { $0 + $1.units.reduce(0) { $0 + $1.apps.count(where: isLive) } }
    }

    func isLive(_ app: FrontReport.App) -> Bool {
        guard app.enabled, let last = app.calls.last else { return false }
        return last.secondsSince1970 > generatedAt.secondsSince1970 - Self.liveDays * 86_400
    }

    /// 运行情况 of an application of `unit`.
    func state(of app: FrontReport.App, in unit: FrontReport.Unit) -> String {
        if !unit.enabled { return "单位已停用" }
        if !app.enabled { return "应用已停用" }
        if app.calls.served == 0 { return "未上线（无成功调用）" }
        return isLive(app) ? "运行中" : "近\(Self.liveDays)日无调用"
    }

    /// The same report with contact names, phones and e-mails masked, for a copy that goes
    /// anywhere but the filing itself.
    public func maskingContacts() -> FilingReport {
        var copy = self
        for f in copy.fronts.indices {
            for u in copy.fronts[f].units.indices {
                copy.fronts[f].units[u].contactName = PersonalData.maskName(copy.fronts[f].units[u].contactName)
                copy.fronts[f].units[u].phone = PersonalData.maskNumber(copy.fronts[f].units[u].phone)
                copy.fronts[f].units[u].email = Self.maskEmail(copy.fronts[f].units[u].email)
            }
        }
        return copy
    }

    /// wangwu@example.gov.cn → w*****@example.gov.cn
    static func maskEmail(_ email: String) -> String {
        guard let at = email.lastIndex(of: "@") else { return PersonalData.maskNumber(email) }
        return PersonalData.maskName(String(email[..<at])) + String(email[at...])
    }

    /// See ``ReportCSV``.
    public func csv() throws(ELicenseError) -> [UInt8] { try ReportCSV.encode(self) }

    /// See ``ReportPDF``.
    public func pdf() throws(ELicenseError) -> [UInt8] { try ReportPDF.document(self).pdf() }

    // MARK: texts shared by the CSV and the PDF

    static func levelText(_ front: FrontReport) -> String { front.level?.chinese ?? "" }

    /// 济南市（370100）
    static func regionText(_ front: FrontReport) -> String {
        [front.regionName, front.regionCode.map { "（\($0)）" }].compactMap { $0 }.joined()
    }

    /// 前置系统名称（市级前置系统 · 济南市（370100））
    static func frontTitle(_ front: FrontReport) -> String {
        let qualifiers = [levelText(front), regionText(front)].filter { !$0.isEmpty }
        return front.name + (qualifiers.isEmpty ? "" : "（\(qualifiers.joined(separator: " · "))）")
    }

    static func profileText(_ profile: Profile) -> String { profile == .production ? "生产" : "沙箱" }

    /// `2026-11-30 20:00:00`, Beijing time; empty for none.
    static func clock(_ time: Timestamp?) throws(ELicenseError) -> String {
        guard let time else { return "" }
        return try time.beijing().clock
    }
}
