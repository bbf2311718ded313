import ELicenseCore

/// The filing report as CSV for Excel or WPS on a Chinese Windows desktop: UTF-8 with a byte
/// order mark (without it Excel reads the file as GBK and shows 乱码), RFC 4180 fields and CRLF
/// line ends, a header row in Chinese.
///
/// One row per application system, its unit's fields repeated on each: the layout a sheet can
/// filter, sort and total by any column. A unit without applications still has one row.
enum ReportCSV {
    enum Cell: Equatable {
        case text(String)
        case number(Int)
    }

    static func header(months: [String]) -> [String] {
        [
            "前置系统", "层级", "行政区划", "机构名称", "机构性质", "统一社会信用代码", "通信地址", "联系人姓名", "部门及职务",
            "联系电话", "电子邮件", "单位状态", "单位登记时间", "应用标识", "应用系统名称", "域名（IP）及端口",
            "所属领域、行业、业务种类简介", "接入环境", "运行情况", "应用登记时间", "首次调用", "最近调用",
        ] + months.map { "\($0) 调用次数" } + ["累计调用次数", "累计失败次数"]
    }

    static func rows(_ report: FilingReport) throws(ELicenseError) -> [[Cell]] {
        var rows: [[Cell]] = []
        for front in report.fronts {
            for unit in front.units {
                let unitCells: [Cell] = [
                    .text(front.name), .text(FilingReport.levelText(front)), .text(FilingReport.regionText(front)),
                    .text(unit.name), .text(unit.nature.rawValue), .text(unit.uscc.value), .text(unit.address),
                    .text(unit.contactName), .text(unit.contactPosition), .text(unit.phone), .text(unit.email),
                    .text(unit.enabled ? "启用" : "已停用"), .text(try FilingReport.clock(unit.registeredAt)),
                ]
                guard !unit.apps.isEmpty else {
                    rows.append(
                        unitCells + [.text(""), .text(""), .text(""), .text(""), .text(""), .text("未登记应用系统")]
                            + Array(repeating: .text(""), count: 3 + report.months.count + 2))
                    continue
                }
                for app in unit.apps {
                    let calls = app.calls
                    rows.append(
                        unitCells + [
                            .text(app.appID), .text(app.name), .text(app.endpoint), .text(app.businessDescription),
                            .text(FilingReport.profileText(app.profile)), .text(report.state(of: app, in: unit)),
                            .text(try FilingReport.clock(app.registeredAt)), .text(try FilingReport.clock(calls.first)),
                            .text(try FilingReport.clock(calls.last)),
                        ] + report.months.map { .number(calls.monthly[$0] ?? 0) }
                            + [.number(calls.served), .number(calls.refused)])
                }
            }
        }
        return rows
    }

    static func encode(_ report: FilingReport) throws(ELicenseError) -> [UInt8] {
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        func line(_ fields: [String]) { out += Array((fields.joined(separator: ",") + "\r\n").utf8) }
        line(header(months: report.months).map(quoted))
        for row in try rows(report) {
            line(
                row.map { cell in
                    switch cell {
                    case .number(let value): String(value)
                    case .text(let text): quoted(excelText(text))
                    }
                })
        }
        return out
    }

    /// RFC 4180: every text field in double quotes, a quote inside doubled.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Keeps Excel and WPS from turning text into something else. Digits only (an 18-digit
    /// 统一社会信用代码, a phone number) would become a number in scientific notation or lose
    /// leading zeros, and text starting with = + - @ would run as a formula (CSV injection,
    /// from a filed form): both are written as the formula `="…"`, which shows exactly the text.
    /// Past Excel's 255 characters for a string in a formula, a leading `'` disarms it instead.
    static func excelText(_ text: String) -> String {
        guard let first = text.unicodeScalars.first else { return text }
        let allDigits = text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
        let formula = "=+-@\t\r".unicodeScalars.contains(first)
        guard allDigits || formula else { return text }
        guard text.count <= 250 else { return "'" + text }
        return "=\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
