import ELicenseCore
import ELicenseProtocol

/// The three hand-written enterprises that examples, tests and the sandbox page rely on. Their
/// codes carry `ELC` in the organisation code so a reader recognises a sandbox code on sight.
enum SandboxWellKnown {
    /// 存续, all three operator roles (one with a compound surname, for masking).
    static func active() throws(ELicenseError) -> SandboxEnterprise {
        let license = License(
            uscc: try SandboxGenerator.complete("91370102MA01ELC1"), name: "济南明泉数字科技有限公司",
            type: "有限责任公司（自然人投资或控股）", legalRepresentative: "周文博",
            registeredCapital: try Money(amount: "500", currency: "CNY"),
            establishedOn: try CivilDate("2019-03-18"), operatingFrom: try CivilDate("2019-03-18"), operatingTo: nil,
            address: "山东省济南市历下区解放路112号6号楼1503室",
            businessScope: "一般项目：软件开发；信息系统集成服务；信息技术咨询服务；数据处理和存储支持服务；"
                + "技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；计算机软硬件及辅助设备零售；"
                + "区块链技术相关软件和服务。（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）"
                + "许可项目：第二类增值电信业务。（依法须经批准的项目，经相关部门批准后方可开展经营活动）",
            registrationAuthority: "济南市历下区市场监督管理局", approvedOn: try CivilDate("2025-06-20"),
            state: .subsisting)
        return SandboxEnterprise(license: license, operators: [
            SandboxOperator(name: "周文博", role: .legalRepresentative),
            SandboxOperator(name: "林晓燕", role: .licenseAdministrator),
            SandboxOperator(name: "欧阳思远", role: .agent),
        ])
    }

    /// 吊销: the license was revoked in 2022; the scope is still in the pre-2021 wording.
    static func revoked() throws(ELicenseError) -> SandboxEnterprise {
        let license = License(
            uscc: try SandboxGenerator.complete("91370202MA02ELC2"), name: "青岛海蓝湾商贸有限公司",
            type: "有限责任公司（自然人独资）", legalRepresentative: "孙海涛",
            registeredCapital: try Money(amount: "100", currency: "CNY"),
            establishedOn: try CivilDate("2017-07-11"), operatingFrom: try CivilDate("2017-07-11"),
            operatingTo: try CivilDate("2037-07-10"),
            address: "山东省青岛市市南区闽江路27号B座1208室",
            businessScope: "日用百货销售；五金交电、家用电器、服装鞋帽、针纺织品、办公用品的批发、零售；"
                + "预包装食品批发、零售。（依法须经批准的项目，经相关部门批准后方可开展经营活动）",
            registrationAuthority: "青岛市市南区市场监督管理局", approvedOn: try CivilDate("2022-09-14"),
            state: .revoked)
        return SandboxEnterprise(license: license, operators: [
            SandboxOperator(name: "孙海涛", role: .legalRepresentative),
            SandboxOperator(name: "曲丽娟", role: .licenseAdministrator),
        ])
    }

    /// 注销 at the end of 2024.
    static func deregistered() throws(ELicenseError) -> SandboxEnterprise {
        let license = License(
            uscc: try SandboxGenerator.complete("91370602MA03ELC3"), name: "烟台福瑞园餐饮管理有限公司",
            type: "有限责任公司（自然人投资或控股）", legalRepresentative: "姜立新",
            registeredCapital: try Money(amount: "50", currency: "CNY"),
            establishedOn: try CivilDate("2018-04-26"), operatingFrom: try CivilDate("2018-04-26"), operatingTo: nil,
            address: "山东省烟台市芝罘区南大街166号",
            businessScope: "餐饮管理；酒店管理；餐饮服务；预包装食品销售。（依法须经批准的项目，经相关部门批准后方可开展经营活动）",
            registrationAuthority: "烟台市芝罘区市场监督管理局", approvedOn: try CivilDate("2024-12-05"),
            state: .deregistered)
        return SandboxEnterprise(license: license, operators: [
            SandboxOperator(name: "姜立新", role: .legalRepresentative),
        ])
    }
}
