import Foundation
import Testing
import ELicenseCore
import ELicenseProtocol
@testable import ELicenseSandbox

@Suite struct SandboxDatasetTests {
    let enterprises = SandboxDataset.enterprises
    var licenses: [License] { enterprises.map(\.license) }

    @Test func generatorNeverThrows() throws {
        // The public constants trap if this ever throws; it is a pure function of the tables.
        #expect(throws: Never.self) { try SandboxGenerator.build() }
    }

    @Test func hasAtLeastSixtyEnterprisesOfEveryKind() {
        #expect(enterprises.count >= 60)
        let types = Set(licenses.map(\.type))
        for type in ["有限责任公司（自然人投资或控股）", "有限责任公司（自然人独资）", "股份有限公司（非上市、自然人投资或控股）",
                     "有限责任公司（国有独资）", "有限责任公司（外商投资、非独资）", "个体工商户", "农民专业合作社"] {
            #expect(types.contains(type), "no \(type)")
        }
    }

    @Test func codesAreValidUniqueAndSorted() throws {
        let codes = licenses.map(\.uscc.value)
        #expect(Set(codes).count == codes.count)
        #expect(codes == codes.sorted())
        for license in licenses {
            let code = license.uscc.value
            #expect(try USCC(code) == license.uscc)
            // Generated (or hand-picked) from 16 characters by the completion the brief prescribes.
            #expect(USCC.completing(String(code.prefix(16))) == license.uscc)
            #expect(license.uscc.registrationAuthority.code == "9")
            #expect(license.uscc.region.province == "山东省")
            #expect(license.uscc.organizationCode.hasPrefix("MA"))
        }
    }

    @Test func categoryFollowsTheType() {
        for license in licenses {
            let expected: Character = switch license.type {
            case "个体工商户": "2"
            case "农民专业合作社": "3"
            default: "1"
            }
            #expect(license.uscc.entityCategory.code == expected, "\(license.name) \(license.uscc)")
        }
    }

    @Test func individualBusinessesHaveNoCapitalAndNoTerm() {
        let individuals = licenses.filter { $0.type == "个体工商户" }
        #expect(individuals.count >= 10)
        for license in individuals {
            #expect(license.uscc.entityCategory.chinese == "个体工商户")
            #expect(license.registeredCapital == nil)
            #expect(license.operatingTo == nil)
        }
    }

    @Test func companiesAndCooperativesHaveCapitalInTheRightCurrency() {
        for license in licenses where license.type != "个体工商户" {
            guard let capital = license.registeredCapital else {
                Issue.record("\(license.name) has no registered capital")
                continue
            }
            let foreign = license.type.contains("外商") || license.type.contains("外国") || license.type.contains("港澳台")
            #expect((capital.currency != "CNY") == foreign, "\(license.name)")
        }
        #expect(licenses.contains { $0.registeredCapital?.currency == "USD" })
    }

    @Test func namesAreUniqueAndShapedByTheirType() {
        #expect(Set(licenses.map(\.name)).count == licenses.count)
        for license in licenses {
            switch license.type {
            case "个体工商户":
                // 历下区张记面馆 is registered by 济南市历下区市场监督管理局.
                #expect(license.registrationAuthority.contains(license.name.prefix(3)), "\(license.name)")
            case "农民专业合作社":
                #expect(license.name.hasSuffix("专业合作社"))
            case let type where type.hasPrefix("股份有限公司"):
                #expect(license.name.hasSuffix("股份有限公司"))
            default:
                #expect(license.name.hasSuffix("有限公司") && !license.name.hasSuffix("股份有限公司"), "\(license.name)")
            }
        }
    }

    @Test func datesAreConsistent() throws {
        let horizon = try CivilDate("2026-11-01")
        for license in licenses {
            #expect(license.establishedOn <= license.approvedOn, "\(license.name)")
            #expect(license.approvedOn <= horizon, "\(license.name)")
            #expect(license.operatingFrom == license.establishedOn)
            if let end = license.operatingTo {
                #expect(end > license.approvedOn, "\(license.name)")
                #expect(end.year - license.establishedOn.year >= 20)
            }
        }
        #expect(licenses.contains { $0.operatingTo == nil } && licenses.contains { $0.operatingTo != nil })
    }

    @Test func addressesScopesAndAuthoritiesLookReal() {
        for license in licenses {
            #expect(license.address.hasPrefix("山东省"))
            #expect(license.registrationAuthority.hasSuffix("市场监督管理局"))
            #expect(license.businessScope.hasSuffix("（依法须经批准的项目，经相关部门批准后方可开展经营活动）"), "\(license.name)")
            // The authority sits where the enterprise is: 济南市历下区… for 山东省济南市历下区….
            let place = license.registrationAuthority.dropLast("市场监督管理局".count)
            #expect(license.address.contains(place), "\(license.name)")
        }
        #expect(licenses.contains { $0.businessScope.count > 150 }, "some scopes are long")
        #expect(licenses.contains { $0.businessScope.hasPrefix("一般项目：") })
        #expect(licenses.contains { !$0.businessScope.hasPrefix("一般项目：") })
    }

    @Test func statesIncludeEveryEndOfLife() {
        func count(_ state: RegistrationState) -> Int { licenses.filter { $0.state == state }.count }
        #expect(count(.revoked) >= 4)
        #expect(count(.deregistered) >= 4)
        #expect(count(.movedOut) >= 2)
        #expect(count(.operating) >= 1)
        #expect(count(.subsisting) > enterprises.count / 2)
        #expect(!licenses.contains { if case .other = $0.state { true } else { false } })
    }

    @Test func everyLicenseRoundTripsThroughJSON() throws {
        let encoder = JSONEncoder(), decoder = JSONDecoder()
        for license in licenses {
            #expect(try decoder.decode(License.self, from: encoder.encode(license)) == license)
        }
        let all = try decoder.decode([License].self, from: encoder.encode(licenses))
        #expect(all == licenses)
    }

    @Test func legalRepresentativeIsAlwaysAnOperator() {
        for enterprise in enterprises {
            let representatives = enterprise.operators.filter { $0.role == .legalRepresentative }
            #expect(representatives.map(\.name) == [enterprise.license.legalRepresentative])
            #expect(enterprise.operators.first?.role == .legalRepresentative)
            #expect(Set(enterprise.operators.map(\.name)).count == enterprise.operators.count)
            #expect(Set(enterprise.operators.map(\.role)).count == enterprise.operators.count)
            for person in enterprise.operators { #expect((2...4).contains(person.name.count)) }
        }
        #expect(enterprises.filter { $0.operators.count == 3 }.count >= 5)
        #expect(enterprises.contains { $0.operators.contains { $0.role == .licenseAdministrator } })
        #expect(enterprises.contains { $0.operators.contains { $0.role == .agent } })
    }

    @Test func isDeterministic() throws {
        let first = try SandboxGenerator.build(), second = try SandboxGenerator.build()
        #expect(first == second)
        #expect(first.enterprises == enterprises)
        // A stored fingerprint catches what two builds in one process cannot: dependence on the
        // per-process hash seed, the platform or the Swift version. Changing the tables or the
        // seed changes it on purpose; update it then.
        #expect(enterprises.count == Self.expectedCount)
        #expect(enterprises.first?.license.uscc.value == "91370102MA01ELC161")
        #expect(enterprises.last?.license.uscc.value == Self.expectedLast)
        #expect(Self.fingerprint(enterprises) == Self.expectedFingerprint)
    }

    @Test func looksUpByCode() throws {
        for enterprise in enterprises {
            #expect(SandboxDataset.enterprise(enterprise.license.uscc) == enterprise)
        }
        #expect(SandboxDataset.enterprise(try USCC("91350100M000100Y43")) == nil)
    }

    @Test func demoConstantsAreInTheDatasetWithTheirStates() throws {
        #expect(SandboxDataset.demoActive.value == "91370102MA01ELC161")
        #expect(SandboxDataset.demoRevoked.value == "91370202MA02ELC25N")
        #expect(SandboxDataset.demoDeregistered.value == "91370602MA03ELC34U")
        let active = try #require(SandboxDataset.enterprise(SandboxDataset.demoActive))
        #expect(active.license.state == .subsisting)
        #expect(active.license.name == "济南明泉数字科技有限公司")
        #expect(Set(active.operators.map(\.role)) == Set(OperatorRole.allCases))
        #expect(enterprises.first?.license.uscc == SandboxDataset.demoActive)
        #expect(SandboxDataset.enterprise(SandboxDataset.demoRevoked)?.license.state == .revoked)
        #expect(SandboxDataset.enterprise(SandboxDataset.demoDeregistered)?.license.state == .deregistered)
    }

    // MARK: - Fingerprint

    static let expectedCount = 70
    static let expectedLast = "93371082MAH08GLC75"
    static let expectedFingerprint = "3f66393bab4e06be"

    /// FNV-1a 64 over every canonical field and operator: enough to notice any change.
    static func fingerprint(_ enterprises: [SandboxEnterprise]) -> String {
        var text = ""
        for enterprise in enterprises {
            for field in enterprise.license.canonicalFields { text += "\(field.name)=\(field.value ?? "null")\n" }
            for person in enterprise.operators { text += "\(person.role.rawValue):\(person.name)\n" }
        }
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return String(hash, radix: 16)
    }
}
