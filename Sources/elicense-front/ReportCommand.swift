import ArgumentParser
import ELicenseCore
import ELicenseFront
import Foundation

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "备案报告 — the filing report of registered units, their applications and calls (CSV, PDF).",
        discussion: """
            Without --from it reports on this front, reading its store. --export writes this front's part as JSON \
            for the provincial bureau, which merges the fronts' exports with --from A.json --from B.json. \
            The report holds the contacts' names, phones and e-mails as filed (the filing needs them); \
            --mask-contacts masks them in the CSV and PDF of a copy for anyone else. Files are created with \
            mode 0600 and never overwritten unless --overwrite is given.
            """)

    @OptionGroup var options: FrontOptions

    @Option(help: "Write this front's report as JSON, for merging with --from.")
    var export: String?

    @Option(name: .customLong("from"), help: "A front's export to merge instead of this front's store; repeatable.")
    var exports: [String] = []

    @Option(help: "Write the report as CSV (UTF-8 with BOM, one row per application).")
    var csv: String?

    @Option(help: "Write the report as an A4 PDF.")
    var pdf: String?

    @Option(help: "Months of calls shown one column each, ending with this month (1–12).")
    var months = 6

    @Flag(help: "Mask the contacts' names, phones and e-mails in the CSV and PDF.")
    var maskContacts = false

    @Flag(help: "Replace output files that exist.")
    var overwrite = false

    func validate() throws {
        guard export != nil || csv != nil || pdf != nil else {
            throw ValidationError("请指定 --export、--csv 或 --pdf (give at least one of --export, --csv, --pdf)")
        }
        guard exports.isEmpty || export == nil else {
            throw ValidationError("--export 只导出本前置系统，不能与 --from 同用 (--export writes this front only; not with --from)")
        }
        guard FilingReport.monthRange.contains(months) else {
            throw ValidationError("--months 应在 1–12 之间 (--months must be 1–12)")
        }
    }

    func run() async throws {
        let now = FrontApplication.systemClock()
        let fronts: [FrontReport]
        if exports.isEmpty {
            let config = try options.load()
            let store = try await options.open(config).store
            fronts = [try await FrontReport.collect(from: store, config: config, now: now)]
        } else {
            fronts = try exports.map { file throws(ELicenseError) in try FrontReportExport.read(file: file).front }
        }
        if let export, let front = fronts.first {
            try SecureFile.create(export, bytes: try FrontReportExport(front).encoded(), replace: overwrite)
            print("已导出 exported: \(export)")
        }
        guard csv != nil || pdf != nil else { return }
        let full = try FilingReport(fronts: fronts, generatedAt: now, months: months)
        let report = maskContacts ? full.maskingContacts() : full
        if let csv {
            try SecureFile.create(csv, bytes: try report.csv(), replace: overwrite)
            print("已写入 CSV written: \(csv)")
        }
        if let pdf {
            try SecureFile.create(pdf, bytes: try report.pdf(), replace: overwrite)
            print("已写入 PDF written: \(pdf)")
        }
        print(
            "备案报告 filing report: \(report.fronts.count) 个前置系统 fronts, \(report.unitCount) 个单位 units, "
                + "\(report.appCount) 个应用 apps, \(report.liveAppCount) 个运行中 live")
    }
}
