import ELicenseCore

@testable import ELicenseRender

/// A long 经营范围 of the kind real licenses carry (about 600 characters).
let longBusinessScope = """
    一般项目：技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；软件开发；信息系统集成服务；信息技术咨询服务；\
    数据处理和存储支持服务；人工智能应用软件开发；网络技术服务；计算机系统服务；物联网技术服务；大数据服务；云计算装备技术服务；\
    信息安全设备销售；计算机软硬件及辅助设备批发；计算机软硬件及辅助设备零售；电子产品销售；通讯设备销售；办公设备销售；\
    会议及展览服务；广告设计、代理；广告制作；市场调查（不含涉外调查）；企业管理咨询；社会经济咨询服务；教育咨询服务（不含涉许可审批的教育培训活动）；\
    业务培训（不含教育培训、职业技能培训等需取得许可的培训）；人力资源服务（不含职业中介活动、劳务派遣服务）；\
    货物进出口；技术进出口；进出口代理；安全技术防范系统设计施工服务；工程管理服务；住房租赁；非居住房地产租赁；\
    物业管理；停车场服务；外卖递送服务；数字内容制作服务（不含出版发行）；数字文化创意软件开发；互联网数据服务；\
    工业互联网数据服务；区块链技术相关软件和服务；卫星导航服务；地理遥感信息服务。\
    （除依法须经批准的项目外，凭营业执照依法自主开展经营活动）许可项目：第一类增值电信业务；第二类增值电信业务；\
    互联网信息服务；建设工程施工；建设工程设计。（依法须经批准的项目，经相关部门批准后方可开展经营活动，\
    具体经营项目以相关部门批准文件或许可证件为准）
    """

func sampleLicense(state: RegistrationState = .subsisting, businessScope: String = longBusinessScope) throws -> License
{
    License(
        uscc: try USCC("91370100MA3C4L8T06"), name: "济南示例数字科技有限公司",
        type: "有限责任公司（自然人投资或控股）", legalRepresentative: "张三",
        registeredCapital: try Money(amount: "500", currency: "CNY"),
        establishedOn: try CivilDate("2016-03-08"), operatingFrom: try CivilDate("2016-03-08"), operatingTo: nil,
        address: "山东省济南市历下区经十路11111号华润中心写字楼28层2801室", businessScope: businessScope,
        registrationAuthority: "济南市历下区市场监督管理局", approvedOn: try CivilDate("2023-05-12"), state: state)
}

func sampleFace(
    state: RegistrationState = .subsisting, businessScope: String = longBusinessScope,
    isSandbox: Bool = true
) throws -> LicenseFace {
    let issued = try Timestamp(rfc3339: "2026-11-25T08:30:00Z")
    return LicenseFace(
        license: try sampleLicense(state: state, businessScope: businessScope),
        purpose: "建设工程企业资质申请", verificationCode: "7KQ4-M2P9-XWD3",
        verifyURL: "https://zwfw.jinan.gov.cn/elicense/v/7KQ4M2P9XWD3",
        issuedAt: issued, expiresAt: issued.adding(seconds: 90 * 86_400),
        issuerName: "济南市政务服务电子营业执照验证前置系统", issuerDeployment: "市级前置系统 · 济南市（370100）",
        isSandbox: isSandbox)
}
