import ELicenseCore
import ELicenseProtocol
import ELicenseStore
import Foundation
import Testing

@testable import ELicenseFront

/// The filing report (备案报告) over a store holding units, applications and audit events.
@Suite struct ReportTests {
    /// The harness clock (2026-11-19T08:00:00Z, 16:00 in Beijing): the months shown are 2026-09 to 2026-11.
    static let now = Timestamp(secondsSince1970: 1_795_075_200)

    static func time(_ text: String) throws -> Timestamp { try Timestamp(rfc3339: text) }

    /// A second unit whose 统一社会信用代码 is all digits and whose phone starts with +.
    static let digitsForm = """
        机构名称: 济南市大数据局
        机构性质: 事业单位
        统一社会信用代码: \(ReportFixtures.digitsUSCC)
        通信地址: 济南市历下区, "龙奥大厦"
        联系人姓名: 赵六
        部门及职务: 数据应用处 处长
        联系电话: +86 531 86196769
        电子邮件: zhaoliu@example.gov.cn
        应用系统:
          - 应用系统名称: 不动产登记系统
            域名及端口: bdc.example.gov.cn:443
            所属领域及业务简介: =自然资源；不动产登记
        """

    static let emptyForm = """
        机构名称: 济南市公安局
        机构性质: 政府机关
        统一社会信用代码: 12100000400011825T
        通信地址: 济南市历下区
        联系人姓名: 钱七
        部门及职务: 科技信息化处
        联系电话: 053186196769
        电子邮件: qianqi@example.gov.cn
        """

    /// The harness's unit with two applications (one called, one never), a unit whose only
    /// application was called long ago and then disabled, and a unit without applications; the
    /// audit log also holds a refusal and an unauthenticated call that names an app.
    static func populatedFront() async throws -> (FrontHarness, called: String, idle: String, disabled: String) {
        let h = try await FrontHarness()
        // A minute apart: the store lists units and apps in the order they were registered.
        h.clock.advance(60)
        let called = try await h.app().appID
        h.clock.advance(60)
        let idle = try await h.front.registry.addApp(
            unitID: h.unit.id, name: "食品经营许可系统", endpoint: "10.1.2.4:443", description: "市场监管；食品经营许可",
            allowedAddresses: []
        ).app.appID
        h.clock.advance(60)
        let (second, secondApps) = try await h.front.registry.addUnit(form: digitsForm)
        let disabled = try #require(secondApps.first).app.appID
        try await h.front.registry.setApp(id: disabled, enabled: false)
        h.clock.advance(60)
        _ = try await h.front.registry.addUnit(form: emptyForm)
        let store = h.front.store
        func event(_ time: String, _ unit: String?, _ app: String, _ outcome: String = "ok") throws -> AuditEvent {
            AuditEvent(
                time: try Self.time(time), requestID: "r", unitID: unit, appID: app, method: "POST",
                endpoint: "/v1/licenses/query", outcome: outcome, httpStatus: outcome == "ok" ? 200 : 401)
        }
        for e in [
            try event("2026-09-15T10:00:00Z", h.unit.id, called),
            // 2026-11-01 01:00 in Beijing: counted in November.
            try event("2026-10-31T17:00:00Z", h.unit.id, called),
            try event("2026-11-10T00:00:00Z", h.unit.id, called),
            try event("2026-11-11T00:00:00Z", h.unit.id, called, "grant_invalid"),
            // Someone who could not sign for the app: no call of it.
            try event("2026-11-12T00:00:00Z", nil, idle, "signature_invalid"),
            try event("2026-08-01T00:00:00Z", second.id, disabled),
        ] {
            _ = try await store.appendAudit(e)
        }
        return (h, called, idle, disabled)
    }

    @Test func csvHasOneRowPerApplicationWithItsCalls() async throws {
        let (h, called, idle, disabled) = try await Self.populatedFront()
        // Pages of two records: the counts must not depend on where a page ends.
        let front = try await FrontReport.collect(
            from: h.front.store, config: h.front.config, now: Self.now, pageSize: 2)
        #expect(front.auditRecords == 6)
        let report = try FilingReport(fronts: [front], generatedAt: Self.now, months: 3)
        #expect(report.months == ["2026-09", "2026-10", "2026-11"])
        let bytes = try report.csv()
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = try #require(String(bytes: bytes.dropFirst(3), encoding: .utf8))
        #expect(text.hasSuffix("\r\n"))
        let table = try CSVReader.parse(text)
        let frontName = "政务服务电子营业执照验证前置系统"
        let jinan = [
            frontName, "市级前置系统", "济南市（370100）", "济南市行政审批服务局", "政府机关", "11370000004183422T", "山东省济南市市中区站前路1号", "王五",
            "信息中心 科长", "0531-88888888", "wangwu@example.gov.cn", "启用", "2026-11-19 16:00:00",
        ]
        let bigData = [
            frontName, "市级前置系统", "济南市（370100）", "济南市大数据局", "事业单位", ReportFixtures.digitsUSCC, "济南市历下区, \"龙奥大厦\"", "赵六",
            "数据应用处 处长", "+86 531 86196769", "zhaoliu@example.gov.cn", "启用", "2026-11-19 16:03:00",
        ]
        let police = [
            frontName, "市级前置系统", "济南市（370100）", "济南市公安局", "政府机关", "12100000400011825T", "济南市历下区", "钱七", "科技信息化处",
            "053186196769", "qianqi@example.gov.cn", "启用", "2026-11-19 16:04:00",
        ]
        #expect(table.first == ReportCSV.header(months: report.months))
        #expect(table.first?.last == "累计失败次数")
        let expected: [[String]] = [
            jinan + [
                called, "企业开办一网通办系统", "10.1.2.3:8080", "市场监管；企业设立登记", "沙箱", "运行中", "2026-11-19 16:01:00",
                "2026-09-15 18:00:00", "2026-11-10 08:00:00", "1", "0", "2", "3", "1",
            ],
            jinan + [
                idle, "食品经营许可系统", "10.1.2.4:443", "市场监管；食品经营许可", "沙箱", "未上线（无成功调用）",
                "2026-11-19 16:02:00", "", "", "0", "0", "0", "0", "0",
            ],
            bigData + [
                disabled, "不动产登记系统", "bdc.example.gov.cn:443", "=自然资源；不动产登记", "沙箱", "应用已停用",
                "2026-11-19 16:03:00", "2026-08-01 08:00:00", "2026-08-01 08:00:00", "0", "0", "0", "1", "0",
            ],
            police + ["", "", "", "", "", "未登记应用系统", "", "", "", "", "", "", "", ""],
        ]
        #expect(table.count == expected.count + 1)
        for (row, wanted) in zip(table.dropFirst(), expected) {
            #expect(row.count == wanted.count)
            for (index, (cell, value)) in zip(row, wanted).enumerated() {
                #expect(cell == value, "column \(index) (\(table[0][index]))")
            }
        }
        // Excel keeps digits and formula-looking text as text only when told.
        #expect(text.contains(#""=""\#(ReportFixtures.digitsUSCC)""""#))
        #expect(text.contains(#""=""+86 531 86196769""""#))
        #expect(text.contains(#""=""=自然资源；不动产登记""""#))
    }

    @Test func appNotCalledForMonthsIsNotLive() async throws {
        let (h, called, _, _) = try await Self.populatedFront()
        let front = try await FrontReport.collect(from: h.front.store, config: h.front.config, now: Self.now)
        let later = try Self.time("2026-12-28T00:00:00Z")
        let report = try FilingReport(fronts: [front], generatedAt: later, months: 2)
        let unit = try #require(front.units.first)
        let app = try #require(unit.apps.first { $0.appID == called })
        #expect(report.state(of: app, in: unit) == "近30日无调用")
        #expect(report.liveAppCount == 0)
        #expect(report.months == ["2026-11", "2026-12"])
    }

    @Test func maskedCopyHidesContactsOnly() async throws {
        let (h, _, _, _) = try await Self.populatedFront()
        let front = try await FrontReport.collect(from: h.front.store, config: h.front.config, now: Self.now)
        let masked = try FilingReport(fronts: [front], generatedAt: Self.now, months: 1).maskingContacts()
        let text = try #require(String(bytes: try masked.csv().dropFirst(3), encoding: .utf8))
        for personal in ["王五", "0531-88888888", "wangwu@example.gov.cn"] { #expect(!text.contains(personal)) }
        for kept in ["王*", "053********88", "w*****@example.gov.cn", "济南市行政审批服务局", "11370000004183422T"] {
            #expect(text.contains(kept), "masked CSV lacks \(kept)")
        }
    }

    @Test func exportRoundTripsAndMergesWithTheSameUnitUnderEachFront() async throws {
        let (h, called, _, _) = try await Self.populatedFront()
        var provincialConfig = FrontConfig()
        provincialConfig.frontName = "山东省政务服务电子营业执照验证前置系统"
        provincialConfig.publicURL = "https://province.example.gov.cn"
        provincialConfig.level = .province
        provincialConfig.region = FrontConfig.Region(code: "370000", name: "山东省")
        let other = try await FrontHarness(config: provincialConfig)
        let city = try await FrontReport.collect(from: h.front.store, config: h.front.config, now: Self.now)
        let province = try await FrontReport.collect(from: other.front.store, config: provincialConfig, now: Self.now)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("elicense-report-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var fronts: [FrontReport] = []
        for (index, front) in [city, province].enumerated() {
            let file = "\(directory)/\(index).json"
            try SecureFile.create(file, bytes: try FrontReportExport(front).encoded())
            fronts.append(try FrontReportExport.read(file: file).front)
        }
        #expect(fronts == [city, province])
        let report = try FilingReport(fronts: fronts, generatedAt: Self.now, months: 3)
        let rows = try CSVReader.parse(String(decoding: try report.csv().dropFirst(3), as: UTF8.self)).dropFirst()
        let uscc = "11370000004183422T"
        let registered = rows.filter { $0[5] == uscc }
        #expect(registered.map(\.first) == [city.name, city.name, province.name])
        #expect(
            registered.map { $0[1] + " " + $0[2] } == [
                "市级前置系统 济南市（370100）", "市级前置系统 济南市（370100）", "省级前置系统 山东省（370000）",
            ])
        #expect(rows.first { $0[13] == called }?[25] == "3")
        #expect(report.unitCount == 4 && report.appCount == 3)
        #expect {
            _ = try FilingReport(fronts: [city, city], generatedAt: Self.now, months: 3)
        } throws: { ($0 as? ELicenseError)?.detail.contains("两次") == true }
    }

    @Test(arguments: [
        ("{\"format\": ", "不是 JSON"),
        ("[]", "类型不符"),
        (#"{"format": "elicense-front-report", "version": 1}"#, ".front: 缺少此项"),
        (#"{"format": "other", "version": 1, "front": \#(ReportFixtures.emptyFront)}"#, "格式"),
        (#"{"format": "elicense-front-report", "version": 2, "front": \#(ReportFixtures.emptyFront)}"#, "第 2 版"),
    ])
    func malformedExportIsAClearError(_ json: String, _ expected: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("elicense-report-\(UUID()).json").path
        try json.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect { _ = try FrontReportExport.read(file: file) } throws: { error in
            guard let error = error as? ELicenseError, error.code == .invalidArgument else { return false }
            return error.detail.contains(expected) && error.detail.contains(file)
        }
    }

    @Test func badCountsAndUSCCInAnExportAreRefused() throws {
        let (unit, _) = ReportFixtures.unitJSON(uscc: "11370000004183422T", served: -1)
        let badUSCC = ReportFixtures.unitJSON(uscc: "11370000004183422X", served: 1).0
        // Summing such counts would overflow.
        let huge = ReportFixtures.unitJSON(uscc: "11370000004183422T", served: Int.max).0
        for (units, expected) in [
            (unit, "调用统计无效"), (huge, "调用统计无效"), (badUSCC, ".units[0].uniscid: 取值无效"),
        ] {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("elicense-report-\(UUID()).json")
                .path
            try ReportFixtures.export(units: "[\(units)]").write(toFile: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: file) }
            #expect { _ = try FrontReportExport.read(file: file) } throws: {
                ($0 as? ELicenseError)?.detail.contains(expected) == true
            }
        }
        #expect { _ = try FrontReportExport.read(file: "/nonexistent/export.json") } throws: {
            ($0 as? ELicenseError)?.code == .ioError
        }
    }
}

/// Export files as another front would have written them.
enum ReportFixtures {
    /// A valid 统一社会信用代码 of 18 digits.
    static let digitsUSCC = "913701000000000437"

    static let emptyFront = """
        {"name": "x", "url": "https://x.example", "profile": "sandbox", "generated_at": "2026-11-18T00:00:00Z",
         "audit_records": 0, "units": []}
        """

    static func unitJSON(uscc: String, served: Int) -> (String, String) {
        let json = """
            {"unit_id": "unit-1", "name": "单位", "nature": "政府机关", "uniscid": "\(uscc)", "address": "地址",
             "contact_name": "张三", "contact_position": "处长", "phone": "0531-1234567", "email": "a@b.cn",
             "enabled": true, "registered_at": "2026-11-18T00:00:00Z",
             "apps": [{"app_id": "app-1", "name": "系统", "endpoint": "a.example:443", "business_description": "d",
                       "profile": "sandbox", "enabled": true, "registered_at": "2026-11-18T00:00:00Z",
                       "calls": {"served": \(served), "refused": 0, "monthly": {}}}]}
            """
        return (json, uscc)
    }

    static func export(units: String) -> String {
        """
        {"format": "elicense-front-report", "version": 1,
         "front": {"name": "x", "url": "https://x.example", "profile": "sandbox",
                   "generated_at": "2026-11-18T00:00:00Z", "audit_records": 0, "units": \(units)}}
        """
    }
}

/// RFC 4180 read back, and Excel's `="…"` text unwrapped, as a spreadsheet shows the cells.
enum CSVReader {
    struct Malformed: Error {}

    static func parse(_ text: String) throws -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var chars = Array(text)[...]
        var quoted = false
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" {
                        field.append("\"")
                        chars.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                guard field.isEmpty else { throw Malformed() }
                quoted = true
            } else if c == "," {
                row.append(unwrap(field))
                field = ""
            } else if c == "\r\n" {
                row.append(unwrap(field))
                rows.append(row)
                row = []
                field = ""
            } else {
                guard c != "\n", c != "\r" else { throw Malformed() }
                field.append(c)
            }
        }
        guard !quoted, field.isEmpty, row.isEmpty else { throw Malformed() }
        return rows
    }

    private static func unwrap(_ field: String) -> String {
        guard field.hasPrefix("=\""), field.hasSuffix("\""), field.count >= 3 else { return field }
        return String(field.dropFirst(2).dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
    }
}
