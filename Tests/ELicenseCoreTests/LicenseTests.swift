import Foundation
import Testing

@testable import ELicenseCore

func sampleLicense(state: RegistrationState = .subsisting, operatingTo: CivilDate? = nil) throws -> License {
    License(
        uscc: try USCC("91370100MA3C4L8T06"), name: "济南示例科技有限公司", type: "有限责任公司（自然人投资或控股）",
        legalRepresentative: "张三", registeredCapital: try Money(amount: "500", currency: "CNY"),
        establishedOn: try CivilDate("2016-03-08"), operatingFrom: try CivilDate("2016-03-08"),
        operatingTo: operatingTo, address: "山东省济南市历下区经十路1号",
        businessScope: "软件开发；信息技术咨询服务。\n（依法须经批准的项目，经相关部门批准后方可开展经营活动）",
        registrationAuthority: "济南市历下区市场监督管理局", approvedOn: try CivilDate("2023-05-12"), state: state)
}

@Suite struct LicenseTests {
    @Test func encodesWithTheRegulatorsFieldNames() throws {
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(try sampleLicense())) as! [String: Any]
        #expect(Set(json.keys) == Set(License.wireFields))
        #expect(json["uniscid"] as? String == "91370100MA3C4L8T06")
        #expect(json["regcap"] as? String == "500")
        #expect(json["regcapcur"] as? String == "CNY")
        #expect(json["regstate"] as? String == "存续")
        #expect(json["opto"] is NSNull)  // 长期
    }

    @Test func roundTripsThroughJSON() throws {
        let license = try sampleLicense(state: .revoked, operatingTo: try CivilDate("2046-03-07"))
        let back = try JSONDecoder().decode(License.self, from: JSONEncoder().encode(license))
        #expect(back == license)
    }

    @Test func unknownRegistrationStateIsKeptVerbatim() throws {
        var license = try sampleLicense()
        license.state = RegistrationState(rawValue: "停业")
        let back = try JSONDecoder().decode(License.self, from: JSONEncoder().encode(license))
        #expect(back.state == .other("停业"))
        #expect(back.state.code == 0)
        #expect(!back.state.isInBusiness)
    }

    @Test func statesAreDistinguishable() {
        let states: [RegistrationState] = [.subsisting, .operating, .movedOut, .revoked, .deregistered]
        #expect(Set(states.map(\.code)).count == 5)
        #expect(states.map { RegistrationState(rawValue: $0.rawValue) } == states)
        #expect(states.filter(\.isInBusiness) == [.subsisting, .operating])
    }

    @Test func decodingNamesTheBadField() throws {
        var json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(try sampleLicense())) as! [String: Any]
        json["estdate"] = "2016-02-30"
        let data = try JSONSerialization.data(withJSONObject: json)
        #expect { try JSONDecoder().decode(License.self, from: data) } throws: { error in
            "\(error)".contains("estdate")
        }
        json["estdate"] = "2016-03-08"
        json.removeValue(forKey: "regcapcur")
        let missing = try JSONSerialization.data(withJSONObject: json)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(License.self, from: missing) }
    }

    @Test func moneyAcceptsOnlyDecimalAmountsAndISOCodes() throws {
        #expect(try Money(amount: "1234.5678", currency: "USD").currencyChinese == "美元")
        for bad in ["", "1e3", "-5", "1.", ".5", "1,000", "５００"] {
            #expect(throws: ELicenseError.self) { try Money(amount: bad, currency: "CNY") }
        }
        #expect(throws: ELicenseError.self) { try Money(amount: "5", currency: "cny") }
        #expect(throws: ELicenseError.self) { try Money(amount: "5", currency: "人民币") }
    }

    @Test func civilDatesAreValidated() throws {
        #expect(try CivilDate("2024-02-29").chinese == "2024年2月29日")
        for bad in ["2023-02-29", "2023-13-01", "2023-1-01", "20230101", "2023-04-31", "1899-12-31"] {
            #expect(throws: ELicenseError.self) { try CivilDate(bad) }
        }
        #expect(try CivilDate("2023-01-02") < CivilDate("2023-02-01"))
    }
}
