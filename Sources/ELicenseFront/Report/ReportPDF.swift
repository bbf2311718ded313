import ELicenseCore
import ELicenseRender

/// The filing report as a printable A4 PDF in Chinese: a summary, then per front its units, each
/// with the fields of its 接入信息表 and a table of its application systems and their calls.
enum ReportPDF {
    static let title = "电子营业执照应用接入备案报告"

    static func document(_ report: FilingReport) throws(ELicenseError) -> TableReport {
        let generated = try FilingReport.clock(report.generatedAt)
        let reporters = report.fronts.map(FilingReport.frontTitle)
        var subtitle = [
            reporters.count == 1
                ? "报送前置系统：\(reporters[0])" : "汇总 \(reporters.count) 个前置系统：\(reporters.joined(separator: "、"))",
            "报告时间：\(generated)（北京时间）",
            "接入单位 \(report.unitCount) 家 · 应用系统 \(report.appCount) 个 · 运行中 \(report.liveAppCount) 个",
        ]
        if reporters.isEmpty { subtitle[0] = "（未提供前置系统）" }
        var blocks: [TableReport.Block] = [
            .paragraph(
                "说明：调用次数为经前置系统认证的应用系统成功完成的接口调用，取自前置系统的审计日志，按北京时间逐月统计"
                    + "（近 \(report.months.count) 个月：\(report.months.first ?? "") 至 \(report.months.last ?? "")）；"
                    + "“运行中”指近 \(FilingReport.liveDays) 日内有成功调用；“失败”为已认证但被拒绝的调用。")
        ]
        for (index, front) in report.fronts.enumerated() {
            blocks.append(.heading("\(index + 1). 前置系统：\(FilingReport.frontTitle(front))"))
            blocks.append(
                .fields([
                    .init("访问地址", front.url), .init("环境", FilingReport.profileText(front.profile)),
                    .init("数据读取时间", "\(try FilingReport.clock(front.generatedAt))（北京时间）"),
                    .init("审计记录", "\(front.auditRecords) 条"),
                    .init("接入单位", "\(front.units.count) 家"),
                    .init("应用系统", "\(front.units.reduce(0) { $0 + $1.apps.count }) 个"),
                ]))
            for (number, unit) in front.units.enumerated() {
                blocks += try unitBlocks(unit, number: "\(index + 1).\(number + 1)", report: report)
            }
            if front.units.isEmpty { blocks.append(.paragraph("（本前置系统尚未登记接入单位）")) }
        }
        return TableReport(
            title: title, subtitle: subtitle, runningHeader: "\(title) · \(generated)（北京时间）",
            blocks: blocks, createdAt: report.generatedAt, author: reporters.joined(separator: "、"))
    }

    private static func unitBlocks(_ unit: FrontReport.Unit, number: String, report: FilingReport)
        throws(ELicenseError) -> [TableReport.Block]
    {
        var blocks: [TableReport.Block] = [
            .heading("\(number) \(unit.name)"),
            .fields([
                .init("机构名称", unit.name), .init("机构性质", unit.nature.rawValue),
                .init("统一社会信用代码", unit.uscc.value), .init("单位状态", unit.enabled ? "启用" : "已停用"),
                .init("通信地址", unit.address, wide: true),
                .init("联系人姓名", unit.contactName), .init("部门及职务", unit.contactPosition),
                .init("联系电话", unit.phone), .init("电子邮件", unit.email),
                .init("登记时间", "\(try FilingReport.clock(unit.registeredAt))（北京时间）"),
            ]),
        ]
        guard !unit.apps.isEmpty else {
            blocks.append(.paragraph("（尚未登记应用系统）"))
            return blocks
        }
        let columns: [TableReport.Column] = [
            .init("序号", weight: 28, alignment: .center), .init("应用系统名称（应用标识）", weight: 106),
            .init("域名（IP）及端口", weight: 96), .init("所属领域、行业、业务种类简介", weight: 132),
            .init("环境", weight: 28, alignment: .center), .init("运行情况", weight: 62),
            .init("首次调用", weight: 58), .init("最近调用", weight: 58),
            .init("近\(report.months.count)个月调用", weight: 58, alignment: .right),
            .init("累计调用", weight: 50, alignment: .right), .init("失败", weight: 40, alignment: .right),
        ]
        let rows = try unit.apps.enumerated().map { index, app throws(ELicenseError) in
            let monthly = report.months.map { (month: $0, calls: app.calls.monthly[$0] ?? 0) }
            return TableReport.Row(
                [
                    "\(index + 1)", "\(app.name)\n\(app.appID)", app.endpoint, app.businessDescription,
                    FilingReport.profileText(app.profile), report.state(of: app, in: unit),
                    String(try FilingReport.clock(app.calls.first).prefix(10)),
                    String(try FilingReport.clock(app.calls.last).prefix(10)),
                    String(monthly.reduce(0) { $0 + $1.calls }), String(app.calls.served), String(app.calls.refused),
                ],
                note: "月度调用（次）：" + monthly.map { "\($0.month) \($0.calls)" }.joined(separator: " · "))
        }
        blocks.append(.table(columns: columns, rows: rows))
        return blocks
    }
}
