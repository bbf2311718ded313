import ELicenseCore
import ELicenseProtocol
import ELicenseStore
import Testing

@testable import ELicenseFront

@Suite struct RegistryTests {
    static let englishForm = """
        {"name": "青岛市市场监督管理局", "nature": "政府机关", "uscc": "11370000004183422T",
         "address": "山东省青岛市市南区香港中路1号", "contact_name": "李四", "contact_position": "科技信息处 处长",
         "phone": "0532-88888888", "email": "lisi@example.gov.cn",
         "systems": [{"name": "食品经营许可系统", "endpoint": "10.2.3.4:443", "description": "市场监管；食品经营许可",
                      "allowed_addresses": ["10.2.3.0/24"]}]}
        """

    @Test func chineseFormRegistersAUnit() async throws {
        let h = try await FrontHarness()
        #expect(h.unit.name == "济南市行政审批服务局")
        #expect(h.unit.nature == .government)
        #expect(h.unit.uscc.value == "11370000004183422T")
        #expect(h.unit.enabled)
        #expect(try await h.front.registry.units().map(\.id) == [h.unit.id])
    }

    @Test func englishJSONFormRegistersItsSystemsWithCredentials() async throws {
        let h = try await FrontHarness()
        // A second unit may not reuse the first unit's USCC, so give it its own.
        let form = Self.englishForm.replacingOccurrences(of: "11370000004183422T", with: "12100000400011825T")
        let (unit, apps) = try await h.front.registry.addUnit(form: form)
        #expect(apps.count == 1)
        let issued = try #require(apps.first)
        #expect(issued.app.unitID == unit.id)
        #expect(issued.app.allowedAddresses == ["10.2.3.0/24"])
        #expect(issued.client.appID == issued.app.appID)
        #expect(issued.client.privateKeyPEM?.hasPrefix("-----BEGIN PRIVATE KEY-----") == true)
        #expect(issued.client.frontPublicKeysPEM.count == 1)
        #expect(issued.client.profile == .sandbox)
        let (_, stored) = try await h.front.registry.unit(id: unit.id)
        #expect(stored.map(\.appID) == [issued.app.appID])
    }

    /// Found by fuzz-access-form: Yams.load trapped on a mapping key that is not text, killing
    /// `elicense-front unit add`.
    @Test(arguments: ["[机构名称]: x\n", "? {a: b}\n: c\n"])
    func formWithAKeyThatIsNotTextIsRefused(_ form: String) async throws {
        let h = try await FrontHarness()
        await #expect { _ = try await h.front.registry.addUnit(form: form) } throws: { error in
            (error as? ELicenseError)?.code == .invalidArgument
        }
    }

    @Test(arguments: [
        ("机构名称: ''", "机构名称 (name)"),
        ("机构性质: 个人", "机构性质 (nature)"),
        ("统一社会信用代码: 11370000004183422X", "统一社会信用代码 (uscc)"),
        ("联系电话: call me", "联系电话 (phone)"),
        ("电子邮件: wangwu.example.gov.cn", "电子邮件 (email)"),
    ])
    func badFormNamesTheField(_ replacement: String, _ field: String) async throws {
        let h = try await FrontHarness()
        let key = String(replacement.prefix { $0 != ":" })
        let form = FrontHarness.form.split(separator: "\n").map { $0.hasPrefix(key + ":") ? replacement : String($0) }
            .joined(separator: "\n")
        await #expect { _ = try await h.front.registry.addUnit(form: form) } throws: { error in
            guard let e = error as? ELicenseError, e.code == .invalidArgument else { return false }
            return e.detail.contains(field)
        }
    }

    @Test func missingFieldAndBadSystemAreNamed() async throws {
        let h = try await FrontHarness()
        let noAddress = FrontHarness.form.split(separator: "\n").filter { !$0.hasPrefix("通信地址") }.joined(
            separator: "\n")
        await #expect { _ = try await h.front.registry.addUnit(form: noAddress) } throws: {
            ($0 as? ELicenseError)?.detail.contains("通信地址 (address)”：缺少此项 is missing") == true
        }
        let badEndpoint = Self.englishForm.replacingOccurrences(of: "10.2.3.4:443", with: "10.2.3.4")
        await #expect { _ = try await h.front.registry.addUnit(form: badEndpoint) } throws: {
            ($0 as? ELicenseError)?.detail.contains("应用系统 (systems)[1].域名及端口 (endpoint)”") == true
        }
        await #expect { _ = try await h.front.registry.addUnit(form: "[1, 2") } throws: {
            ($0 as? ELicenseError)?.code == .invalidArgument
        }
    }

    @Test func duplicateUSCCIsRefused() async throws {
        let h = try await FrontHarness()
        await #expect(throws: ELicenseError.self) { _ = try await h.front.registry.addUnit(form: FrontHarness.form) }
    }

    @Test func filingDocumentCarriesEveryFieldOfTheForm() async throws {
        let h = try await FrontHarness()
        let client = try await h.app()
        let text = try await h.front.registry.filingDocument(unitID: h.unit.id)
        for expected in [
            "电子营业执照应用接入信息表", "济南市行政审批服务局", "☑政府机关", "☐事业单位", "11370000004183422T",
            "山东省济南市市中区站前路1号", "王五", "信息中心 科长", "0531-88888888", "wangwu@example.gov.cn",
            "企业开办一网通办系统", "10.1.2.3:8080", client.appID, "市场监管；企业设立登记",
        ] {
            #expect(text.contains(expected), "filing document lacks \(expected)")
        }
    }

    @Test func unknownUnitIsAClearError() async throws {
        let h = try await FrontHarness()
        await #expect { try await h.front.registry.setUnit(id: "unit-nope", enabled: false) } throws: {
            ($0 as? ELicenseError)?.detail.contains("unit-nope") == true
        }
        await #expect(throws: ELicenseError.self) {
            _ = try await h.front.registry.addApp(
                unitID: "unit-nope", name: "x", endpoint: "a:1", description: "d", allowedAddresses: [])
        }
    }
}
