import ELicenseCrypto
import ELicenseProtocol
import Foundation
import Testing

/// The operator registers access units from their filed forms and issues credentials.
@Suite struct RegistryCommandTests {
    @Test func chineseFormRegistersTheUnitAndWritesAPrivateClientFile() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let result = try ws.front(["unit", "add", try ws.write("form.yaml", AccessForms.chinese)])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("济南市行政审批服务局"))
        _ = try Workspace.unitID(result)
        let files = try ws.clientFiles()
        try #require(files.count == 1)
        let file = files[0]
        #expect(result.stdout.contains(file))
        #expect(try Workspace.mode(of: file) == 0o600)
        let client = try ws.clientConfig(file)
        #expect(file.hasSuffix("/\(client.appID).json"))
        #expect(client.profile == .sandbox)
        #expect(client.frontURL == "http://127.0.0.1:\(ws.port)")
        #expect(client.privateKeyPEM?.hasPrefix("-----BEGIN PRIVATE KEY-----") == true)
        #expect(client.frontPublicKeysPEM.count == 1)
    }

    @Test func englishJSONFormRegistersTheUnit() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let id = try ws.addUnit(AccessForms.english, file: "form.json")
        #expect(try ws.clientFiles().count == 1)
        let shown = try ws.front(["unit", "show", id])
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("机构性质 事业单位  统一社会信用代码 12100000400011825T"))
        #expect(
            shown.stdout.contains(
                "食品经营许可系统  qd-food.example.gov.cn:443  [enabled]  环境 profile sandbox  来源 10.2.3.0/24"))
    }

    @Test func listShowAndFormReportTheRegistry() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let jinan = try ws.addUnit(AccessForms.chinese)
        let jinanApp = try ws.issuedClientConfig().appID
        let qingdao = try ws.addUnit(AccessForms.english, file: "form.json")

        let list = try ws.front(["unit", "list"])
        #expect(list.status == 0)
        let lines = list.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.contains("\(jinan)\t启用 enabled\t11370000004183422T\t政府机关\t济南市行政审批服务局\t应用 apps 1 sandbox"))
        #expect(lines.contains("\(qingdao)\t启用 enabled\t12100000400011825T\t事业单位\t青岛市市场监督管理局\t应用 apps 1 sandbox"))

        let show = try ws.front(["unit", "show", jinan])
        #expect(show.status == 0)
        #expect(
            show.stdout.contains(
                "应用 app \(jinanApp)  企业开办一网通办系统  10.1.2.3:8080  [enabled]  环境 profile sandbox  来源 127.0.0.1"))
        #expect(!show.stdout.contains("食品经营许可系统"))

        let form = try ws.front(["unit", "form", jinan])
        #expect(form.status == 0)
        for field in [
            "# 电子营业执照应用接入信息表", "| 机构名称 | 济南市行政审批服务局 |", "☑政府机关", "☐事业单位",
            "| 统一社会信用代码 | 11370000004183422T |", "| 通信地址 | 山东省济南市历下区龙鼎大道1号 |",
            "| 联系人姓名 | 王五 |", "| 部门及职务 | 信息中心 科长 |", "| 联系电话 | 0531-88888888 |",
            "| 电子邮件 | wangwu@example.gov.cn |", "企业开办一网通办系统，10.1.2.3:8080（应用标识 \(jinanApp)）",
            "企业开办一网通办系统：市场监管；企业设立登记", "沙箱环境",
        ] {
            #expect(form.stdout.contains(field), "unit form lacks \(field)")
        }
        #expect(try ws.front(["unit", "show", "unit-0000000000"]).status != 0)
    }

    /// A change to the good form, and the field the refusal must name in Chinese and English.
    struct BadForm: CustomTestStringConvertible, Sendable {
        let original: String
        let replacement: String
        let field: String
        var testDescription: String { field }
    }

    @Test(arguments: [
        BadForm(original: "机构名称: 济南市行政审批服务局\n", replacement: "", field: "机构名称 (name)”：缺少此项 is missing"),
        BadForm(original: "机构性质: 政府机关", replacement: "机构性质: 个人", field: "机构性质 (nature)"),
        BadForm(original: "11370000004183422T", replacement: "11370000004183422X", field: "统一社会信用代码 (uscc)”：校验码错误"),
        BadForm(original: "wangwu@example.gov.cn", replacement: "wangwu.example.gov.cn", field: "电子邮件 (email)"),
        BadForm(original: "10.1.2.3:8080", replacement: "10.1.2.3", field: "应用系统 (systems)[1].域名及端口 (endpoint)"),
    ])
    func badFormIsRefusedNamingTheField(_ bad: BadForm) throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let form = AccessForms.chinese.replacingOccurrences(of: bad.original, with: bad.replacement)
        try #require(form != AccessForms.chinese)
        let result = try ws.front(["unit", "add", try ws.write("form.yaml", form)])
        #expect(result.status != 0)
        #expect(result.output.contains(bad.field), "\(result)")
        #expect(try ws.front(["unit", "list"]).stdout.isEmpty, "nothing is registered from a refused form")
        #expect(!FileManager.default.fileExists(atPath: ws.dataDirectory + "/clients"))
    }

    @Test func disableAndEnableAUnit() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let id = try ws.addUnit(AccessForms.chinese)
        let disabled = try ws.front(["unit", "disable", id])
        #expect(disabled.status == 0, "\(disabled)")
        #expect(try ws.front(["unit", "list"]).stdout.hasPrefix("\(id)\t停用 disabled\t"))
        #expect(try ws.front(["unit", "show", id]).stdout.contains("[停用 disabled]"))
        #expect(try ws.front(["unit", "form", id]).stdout.contains("状态：已停用"))
        #expect(try ws.front(["unit", "enable", id]).status == 0)
        #expect(try ws.front(["unit", "list"]).stdout.hasPrefix("\(id)\t启用 enabled\t"))
        #expect(try ws.front(["unit", "disable", "unit-0000000000"]).status != 0)
    }

    @Test func appAddWritesAPrivateClientConfiguration() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let id = try ws.addUnit(AccessForms.english, file: "form.json")
        let out = ws.root + "/department.json"
        let result = try ws.front([
            "app", "add", "--unit", id, "--name", "不动产登记系统", "--endpoint", "10.1.2.4:443",
            "--description", "自然资源；不动产登记", "--allow", "127.0.0.1", "--out", out,
        ])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains(out))
        #expect(try Workspace.mode(of: out) == 0o600)
        let client = try ws.clientConfig(out)
        #expect(client.privateKeyPEM?.hasPrefix("-----BEGIN PRIVATE KEY-----") == true)
        #expect(client.frontURL == "http://127.0.0.1:\(ws.port)")
        #expect(
            try ws.front(["unit", "show", id]).stdout.contains(
                "应用 app \(client.appID)  不动产登记系统  10.1.2.4:443  [enabled]  环境 profile sandbox  来源 127.0.0.1"))

        let noPort = try ws.front([
            "app", "add", "--unit", id, "--name", "x", "--endpoint", "10.1.2.4", "--description", "x",
        ])
        #expect(noPort.status != 0)
        #expect(noPort.output.contains("域名及端口 (endpoint)"))
        #expect(
            try ws.front([
                "app", "add", "--unit", "unit-0000000000", "--name", "x", "--endpoint", "h:1", "--description", "x",
            ]).status != 0)
    }

    @Test func rateLimitFlagsAreRangeCheckedAndSetRateLimitChangesIt() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let id = try ws.addUnit(AccessForms.chinese)
        let app = ["app", "add", "--unit", id, "--name", "x", "--endpoint", "10.1.2.4:443", "--description", "x"]
        for limit in ["0", "-5"] {
            let refused = try ws.front(app + ["--rate-limit=\(limit)"])
            #expect(refused.status != 0)
            #expect(refused.output.contains("rate_limit_per_minute"), "\(refused)")
        }
        let added = try ws.front(app + ["--rate-limit", "30"])
        try #require(added.status == 0, "\(added)")
        let appID = try #require(added.stdout.firstMatch(of: /(app-[0-9a-f]+)/)?.1)
        let set = try ws.front(["app", "set-rate-limit", String(appID), "120"])
        #expect(set.status == 0, "\(set)")
        #expect(
            try ws.sqlite("SELECT rate_limit_per_minute FROM app_system WHERE app_id = '\(appID)'").stdout
                .trimmingCharacters(in: .whitespacesAndNewlines) == "120")
        let zero = try ws.front(["app", "set-rate-limit", String(appID), "0"])
        #expect(zero.status != 0)
        #expect(zero.output.contains("rate_limit_per_minute"))
        #expect(try ws.front(["app", "set-rate-limit", "app-unknown", "10"]).status != 0)
    }

    /// Retiring an application's only active key would fail every call for good (a retired key
    /// cannot be added back): refused; `unit show` lists the active keys through a changeover.
    @Test func retireKeyRefusesTheLastActiveKey() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let unit = try ws.addUnit(AccessForms.chinese)
        let app = try ws.issuedClientConfig().appID
        func keys() throws -> [String] {
            try ws.front(["unit", "show", unit]).stdout.matches(of: /密钥 key ([0-9a-f]+)  有效 active since 20\d\d-/)
                .map { String($0.1) }
        }
        let first = try #require(try keys().first)
        #expect(try keys() == [first])

        let refused = try ws.front(["app", "retire-key", "--app", app, "--key-id", first])
        #expect(refused.status != 0, "\(refused)")
        #expect(refused.output.contains("不能停用应用 \(app) 唯一有效的密钥 \(first)"), "\(refused)")
        #expect(refused.output.contains("cannot retire the last active key of \(app)"), "\(refused)")
        #expect(try keys() == [first])

        let next = try SM2PrivateKey().publicKey
        let pem = try ws.write("next.pem", try next.pemRepresentation())
        #expect(try ws.front(["app", "add-key", "--app", app, "--public-key", pem]).status == 0)
        // Both keys were filed within the same second: their order is the key ids'.
        #expect(try keys().sorted() == [first, try next.keyID()].sorted())
        let retired = try ws.front(["app", "retire-key", "--app", app, "--key-id", first])
        #expect(retired.status == 0, "\(retired)")
        #expect(try keys() == [try next.keyID()])
        #expect(try ws.front(["app", "retire-key", "--app", app, "--key-id", try next.keyID()]).status != 0)
        #expect(try keys() == [try next.keyID()])
        #expect(try ws.front(["app", "retire-key", "--app", "app-unknown", "--key-id", first]).status != 0)
    }

    /// A data directory serves one profile: a sandbox command neither writes its keys into a
    /// production data directory nor registers a unit in its store, and the other way round.
    @Test func aDataDirectoryOfOneProfileRefusesCommandsOfTheOther() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        // The provincial system's credentials as a production front holds them (never called here).
        let province = try ws.write(
            "province.json",
            String(
                decoding: try JSONEncoder().encode(
                    ClientConfig(
                        profile: .production, frontURL: "http://127.0.0.1:\(try Loopback.freePort())",
                        appID: "app-province", privateKeyPEM: try SM2PrivateKey().pemRepresentation(),
                        frontPublicKeysPEM: [try SM2PrivateKey().publicKey.pemRepresentation()])), as: UTF8.self))
        try ws.configure(
            "profile: production\nregion: {code: \"370100\", name: 济南市}\nupstream: {kind: http, client_config: \(province)}\n"
        )
        try ws.addUnit(AccessForms.chinese)
        let keys = ws.dataDirectory + "/keys"
        let productionKeys = try FileManager.default.contentsOfDirectory(atPath: keys).sorted()
        #expect(productionKeys.contains("front-production.key.pem"))

        let sandbox = try ws.front(["unit", "add", "--sandbox", try ws.write("form.json", AccessForms.english)])
        #expect(sandbox.status != 0, "\(sandbox)")
        #expect(sandbox.output.contains("属于生产环境"), "\(sandbox)")
        #expect(sandbox.output.contains("belongs to the production profile"), "\(sandbox)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: keys).sorted() == productionKeys)
        #expect(try ws.front(["unit", "list"]).stdout.split(separator: "\n").count == 1)
        #expect(try ws.front(["unit", "list", "--sandbox"]).status != 0)

        let other = try Workspace()
        defer { other.remove() }
        #expect(try other.front(["unit", "list", "--sandbox"]).status == 0)
        try other.configure(
            "profile: production\nregion: {code: \"370100\", name: 济南市}\nupstream: {kind: http, client_config: \(province)}\n"
        )
        let production = try other.front(["unit", "list"])
        #expect(production.status != 0, "\(production)")
        #expect(production.output.contains("belongs to the sandbox profile"), "\(production)")
        #expect(!FileManager.default.fileExists(atPath: other.dataDirectory + "/keys/front-production.key.pem"))
    }

    @Test func configurationOutOfRangeNamesTheSetting() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.configure("limits: {max_connections: 0}\n")
        let refused = try ws.front(["unit", "list"])
        #expect(refused.status != 0)
        #expect(refused.output.contains("limits.max_connections"), "\(refused)")
    }
}
