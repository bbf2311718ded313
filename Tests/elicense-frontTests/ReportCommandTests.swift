import ELicenseTestSupport
import Foundation
import Testing

/// `elicense-front report`: a front's filing report and the provincial bureau's merge of the
/// fronts' exports, as CSV and PDF.
@Suite struct ReportCommandTests {
    /// This month in Beijing time, `YYYY-MM`: the last month column of a report made now.
    static var thisMonth: String {
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM"
        return formatter.string(from: Date())
    }

    /// An export as another front writes it: one unit with `apps` applications, the n-th
    /// (from 1) served 1000 + n calls this month.
    static func export(
        front: String, url: String, level: String = "city", region: (code: String, name: String) = ("370100", "济南市"),
        uscc: String = "11370000004183422T", apps: Int
    ) -> String {
        let list = (1...max(apps, 1)).prefix(apps).map { n in
            """
            {"app_id": "app-\(String(format: "%08x", n))", "name": "应用系统-\(String(format: "%03d", n))",
             "endpoint": "app\(n).example.gov.cn:443", "business_description": "市场监管；企业登记第\(n)项",
             "profile": "production", "enabled": true, "registered_at": "2026-01-05T02:00:00Z",
             "calls": {"served": \(1000 + n), "refused": 0, "first": "2026-01-06T02:00:00Z",
                       "last": "2026-01-07T02:00:00Z", "monthly": {"\(thisMonth)": \(1000 + n)}}}
            """
        }
        return """
            {"format": "elicense-front-report", "version": 1,
             "front": {"name": "\(front)", "url": "\(url)", "level": "\(level)", "region_code": "\(region.code)",
                       "region_name": "\(region.name)", "profile": "production", "generated_at": "2026-11-30T00:00:00Z",
                       "audit_records": 12345,
                       "units": [{"unit_id": "unit-0000000001", "name": "济南市行政审批服务局", "nature": "政府机关",
                                  "uniscid": "\(uscc)", "address": "山东省济南市历下区龙鼎大道1号",
                                  "contact_name": "王五", "contact_position": "信息中心 科长",
                                  "phone": "0531-88888888", "email": "wangwu@example.gov.cn", "enabled": true,
                                  "registered_at": "2026-01-05T01:00:00Z", "apps": [\(list.joined(separator: ","))]}]}}
            """
    }

    static func pdfText(_ file: String, page: Int? = nil) throws -> String {
        let pages = page.map { ["-f", String($0), "-l", String($0)] } ?? []
        return try ChildProcess.output(["pdftotext", "-raw", "-enc", "UTF-8"] + pages + [file, "-"])
    }

    static func pageCount(_ file: String) throws -> Int {
        let info = try ChildProcess.output(["pdfinfo", file])
        guard let match = info.firstMatch(of: /Pages:\s+([0-9]+)/), let pages = Int(match.1) else {
            throw ChildProcess.Failure(description: "pdfinfo gave no page count: \(info)")
        }
        return pages
    }

    @Test func localFrontWritesExportCSVAndPDFWithoutPrintingContacts() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.configure("front_name: 济南市政务服务电子营业执照验证前置系统\n")
        try ws.addUnit(AccessForms.chinese)
        try ws.addUnit(AccessForms.english, file: "form.json")
        let csv = ws.root + "/report.csv", pdf = ws.root + "/report.pdf", export = ws.root + "/jinan.json"
        let result = try ws.front(["report", "--export", export, "--csv", csv, "--pdf", pdf, "--months", "3"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("1 个前置系统 fronts, 2 个单位 units, 2 个应用 apps, 0 个运行中 live"))
        for personal in ["王五", "李四", "0531-88888888", "lisi@example.gov.cn"] {
            #expect(!result.output.contains(personal), "the command printed \(personal)")
        }
        for file in [csv, pdf, export] { #expect(try Workspace.mode(of: file) == 0o600) }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: csv))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF] + Array(#""前置系统","层级""#.utf8)))
        let table = String(decoding: bytes, as: UTF8.self)
        for expected in ["济南市行政审批服务局", "青岛市市场监督管理局", "企业开办一网通办系统", "王五", "未上线（无成功调用）"] {
            #expect(table.contains(expected), "CSV lacks \(expected)")
        }
        let text = try Self.pdfText(pdf)
        for expected in [
            "电子营业执照应用接入备案报告", "济南市政务服务电子营业执照验证前置系统", "济南市行政审批服务局", "11370000004183422T",
            "青岛市市场监督管理局", "12100000400011825T", "王五", "0531-88888888", "食品经营许可系统", "第 1 页 共",
        ] {
            #expect(text.contains(expected), "PDF lacks \(expected)")
        }
        let json = try String(contentsOfFile: export, encoding: .utf8)
        #expect(json.contains(#""format" : "elicense-front-report""#))
        #expect(json.contains(#""name" : "济南市政务服务电子营业执照验证前置系统""#))

        // Files are not replaced unless asked.
        let again = try ws.front(["report", "--csv", csv])
        #expect(again.status == 1, "\(again)")
        #expect(again.stderr.contains("文件已存在"))
        #expect(try ws.front(["report", "--csv", csv, "--overwrite", "--mask-contacts"]).status == 0)
        let masked = try String(contentsOfFile: csv, encoding: .utf8)
        #expect(!masked.contains("王五") && masked.contains("王*"))
    }

    @Test func mergedExportsListAUnitUnderEachFrontWithItsFigures() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let city = try ws.write("city.json", Self.export(front: "济南市前置系统", url: "https://jinan.example", apps: 2))
        let province = try ws.write(
            "province.json",
            Self.export(
                front: "山东省前置系统", url: "https://sd.example", level: "province", region: ("370000", "山东省"), apps: 1))
        let csv = ws.root + "/merged.csv", pdf = ws.root + "/merged.pdf"
        let result = try ChildProcess.run(
            Workspace.executable, ["report", "--from", city, "--from", province, "--csv", csv, "--pdf", pdf])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("2 个前置系统 fronts, 2 个单位 units, 3 个应用 apps, 0 个运行中 live"))
        let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\r\n").dropFirst()
        #expect(
            rows.map { $0.split(separator: ",").prefix(6).joined(separator: ",") } == [
                #""济南市前置系统","市级前置系统","济南市（370100）","济南市行政审批服务局","政府机关","11370000004183422T""#,
                #""济南市前置系统","市级前置系统","济南市（370100）","济南市行政审批服务局","政府机关","11370000004183422T""#,
                #""山东省前置系统","省级前置系统","山东省（370000）","济南市行政审批服务局","政府机关","11370000004183422T""#,
            ])
        // The last month column, then the total and the refusals.
        #expect(
            rows.map { $0.split(separator: ",").suffix(3).joined(separator: ",") } == [
                "1001,1001,0", "1002,1002,0", "1001,1001,0",
            ])
        let text = try Self.pdfText(pdf)
        for expected in [
            "汇总 2 个前置系统", "济南市前置系统（市级前置系统 · 济南市（370100））", "山东省前置系统", "应用系统-001", "app-00000002",
            "1002", "审计记录", "12345 条", "接入单位 2 家 · 应用系统 3 个", "月度调用（次）：",
            "\(Self.thisMonth) 1002",
        ] {
            #expect(text.contains(expected), "PDF lacks \(expected)")
        }
        #expect(text.components(separatedBy: "济南市行政审批服务局").count - 1 >= 2)
    }

    /// 150 applications take several pages: each row lies whole on one page, and each page
    /// repeats the table's header and carries its number.
    @Test func longReportPagesWithoutCuttingARow() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let apps = 150
        let export = try ws.write("big.json", Self.export(front: "济南市前置系统", url: "https://jinan.example", apps: apps))
        let pdf = ws.root + "/big.pdf"
        let result = try ChildProcess.run(
            Workspace.executable, ["report", "--from", export, "--pdf", pdf, "--months", "12"])
        #expect(result.status == 0, "\(result)")
        let pages = try Self.pageCount(pdf)
        #expect(pages >= 4)
        var seen: [Int: Int] = [:]
        for page in 1...pages {
            let text = try Self.pdfText(pdf, page: page)
            #expect(text.contains("第 \(page) 页 共 \(pages) 页"))
            for n in 1...apps where text.contains("app-\(String(format: "%08x", n))") {
                seen[n, default: 0] += 1
                // The row's first and last cells are on the page of its id.
                #expect(text.contains("应用系统-\(String(format: "%03d", n))"), "row \(n) cut on page \(page)")
                #expect(text.contains("企业登记第\(n)项"), "row \(n) cut on page \(page)")
                #expect(text.contains(String(1000 + n)), "row \(n) cut on page \(page)")
            }
            if page > 1 { #expect(text.contains("域名（IP）及端口"), "page \(page) lacks the table header") }
        }
        #expect(seen.count == apps && seen.values.allSatisfy { $0 == 1 })
    }

    @Test func badInputIsAClearErrorWithoutOutput() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let csv = ws.root + "/out.csv"
        let malformed = try ws.write("bad.json", #"{"format": "elicense-front-report", "version": 1, "front": {"#)
        let truncatedApp = try ws.write(
            "app.json",
            Self.export(front: "x", url: "https://x.example", apps: 1).replacingOccurrences(
                of: #""enabled": true, "registered_at": "2026-01-05T02:00:00Z","#, with: ""))
        let countyLevel = try ws.write(
            "county.json", Self.export(front: "x", url: "https://x.example", level: "county", apps: 1))
        // An error the command reports (1, or 64 for a usage error), never a crash.
        for (arguments, status, message) in [
            (["--from", ws.root + "/missing.json", "--csv", csv], 1, "无法读取导出文件"),
            (["--from", malformed, "--csv", csv], 1, "不是有效的备案导出"),
            (["--from", truncatedApp, "--csv", csv], 1, ".front.units[0].apps[0].enabled: 缺少此项"),
            (["--from", countyLevel, "--csv", csv], 1, ".front.level: 取值无效"),
            (["--from", malformed], 64, "请指定 --export、--csv 或 --pdf"),
            (["--from", malformed, "--export", csv], 64, "不能与 --from 同用"),
            (["--from", malformed, "--csv", csv, "--months", "13"], 64, "--months"),
        ] as [([String], Int32, String)] {
            let result = try ChildProcess.run(Workspace.executable, ["report"] + arguments)
            #expect(result.status == status, "\(result)")
            #expect(result.stderr.contains(message), "\(result)")
        }
        #expect(!FileManager.default.fileExists(atPath: csv))
    }
}
