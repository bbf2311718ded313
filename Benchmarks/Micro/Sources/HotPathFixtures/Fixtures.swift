import ELicenseCore
import ELicenseRender

/// The inputs every hot-path measurement uses, so the benchmark and the callgrind loop measure
/// the same work.
public enum HotPathFixtures {
    /// A valid code (the sandbox's demo enterprise, docs/protocol.md §2.2).
    public static let validCode = "91370102MA01ELC161"
    /// The same with a wrong check character: the slow path that names the problem.
    public static let invalidCode = "91370102MA01ELC162"

    /// A material face with a long 经营范围, as a real license carries.
    public static func face() throws -> LicenseFace {
        let issued = try Timestamp(rfc3339: "2026-11-25T08:30:00Z")
        let license = License(
            uscc: try USCC("91370102MA01ELC161"), name: "济南明泉数字科技有限公司",
            type: "有限责任公司（自然人投资或控股）", legalRepresentative: "周文博",
            registeredCapital: try Money(amount: "500", currency: "CNY"),
            establishedOn: try CivilDate("2019-03-18"), operatingFrom: try CivilDate("2019-03-18"), operatingTo: nil,
            address: "山东省济南市历下区解放路112号6号楼1503室",
            businessScope: String(
                repeating: "一般项目：软件开发；信息系统集成服务；信息技术咨询服务；数据处理和存储支持服务；技术服务、技术开发、技术咨询。",
                count: 8),
            registrationAuthority: "济南市历下区市场监督管理局", approvedOn: try CivilDate("2025-06-20"),
            state: .subsisting)
        return LicenseFace(
            license: license, purpose: "企业开办", verificationCode: "7KQ4-M2P9-XWD3",
            verifyURL: "http://127.0.0.1:8443/verify?code=7KQ4-M2P9-XWD3", issuedAt: issued,
            expiresAt: issued.adding(seconds: 90 * 86_400), issuerName: "济南市政务服务电子营业执照验证前置系统",
            issuerDeployment: "市级前置系统 · 济南市（370100）", isSandbox: true)
    }
}
