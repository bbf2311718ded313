/// A line of business: the 行业 word of a name and its 经营范围 clauses in the regulator's
/// standard wording (经营范围规范表述).
struct SandboxIndustry: Sendable {
    /// 信息科技 in 济南某某信息科技有限公司; for an individual business the whole 行业+组织形式
    /// word (面馆).
    let word: String
    /// 一般项目, most characteristic first: a scope keeps the first two and some of the rest.
    let general: [String]
    /// 许可项目, never empty, so every scope ends with the sentence about approval.
    let permitted: [String]
    /// City short names (青岛) the industry belongs to; empty means anywhere.
    let cities: [String]

    init(_ word: String, general: [String], permitted: [String], cities: [String] = []) {
        self.word = word
        self.general = general
        self.permitted = permitted
        self.cities = cities
    }

    static let companies: [SandboxIndustry] = [
        SandboxIndustry("信息科技", general: [
            "软件开发", "信息系统集成服务", "信息技术咨询服务", "数据处理和存储支持服务",
            "技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广", "计算机软硬件及辅助设备零售",
            "网络技术服务", "人工智能应用软件开发", "物联网技术服务",
        ], permitted: ["第二类增值电信业务"]),
        SandboxIndustry("食品", general: [
            "食品销售（仅销售预包装食品）", "食用农产品批发", "食用农产品零售", "食品进出口", "农副产品销售",
            "包装材料及制品销售",
        ], permitted: ["食品生产", "食品销售"]),
        SandboxIndustry("餐饮管理", general: [
            "餐饮管理", "酒店管理", "外卖递送服务", "食品销售（仅销售预包装食品）", "会议及展览服务", "企业管理咨询",
        ], permitted: ["餐饮服务", "食品销售"]),
        SandboxIndustry("建筑工程", general: [
            "园林绿化工程施工", "土石方工程施工", "工程管理服务", "建筑材料销售", "建筑装饰材料销售",
            "普通机械设备安装服务", "对外承包工程",
        ], permitted: ["建设工程施工", "建设工程设计", "住宅室内装饰装修"]),
        SandboxIndustry("物流", general: [
            "普通货物仓储服务（不含危险化学品等需许可审批的项目）", "国内货物运输代理", "装卸搬运", "供应链管理服务",
            "国际货物运输代理", "包装服务", "信息咨询服务（不含许可类信息咨询服务）",
        ], permitted: ["道路货物运输（不含危险货物）"]),
        SandboxIndustry("商贸", general: [
            "日用百货销售", "五金产品批发", "家用电器销售", "服装服饰批发", "建筑材料销售", "办公用品销售",
            "针纺织品销售", "化妆品零售", "电子产品销售",
        ], permitted: ["食品销售"]),
        SandboxIndustry("医疗器械", general: [
            "第一类医疗器械销售", "第二类医疗器械销售", "医护人员防护用品批发", "卫生用品和一次性使用医疗用品销售",
            "健康咨询服务（不含诊疗服务）", "消毒剂销售（不含危险化学品）",
        ], permitted: ["第三类医疗器械经营", "第二类医疗器械生产"]),
        SandboxIndustry("机械设备", general: [
            "通用设备制造（不含特种设备制造）", "机械设备销售", "机械零件、零部件加工", "普通机械设备安装服务",
            "液压动力机械及元件制造", "金属切削机床制造", "货物进出口",
        ], permitted: ["特种设备安装改造修理"]),
        SandboxIndustry("农业科技", general: [
            "农业科学研究和试验发展", "蔬菜种植", "水果种植", "农作物种子经营（仅限不再分装的包装种子）",
            "农业机械服务", "肥料销售", "智能农业管理",
        ], permitted: ["主要农作物种子生产", "农药零售"]),
        SandboxIndustry("环保科技", general: [
            "环保咨询服务", "大气污染治理", "水污染治理", "固体废物治理", "环境保护专用设备销售",
            "土壤污染治理与修复服务", "环境保护监测",
        ], permitted: ["建设工程施工", "检验检测服务"]),
        SandboxIndustry("文化传媒", general: [
            "组织文化艺术交流活动", "广告设计、代理", "广告制作", "广告发布", "会议及展览服务", "摄影扩印服务",
            "数字内容制作服务（不含出版发行）", "票务代理服务",
        ], permitted: ["广播电视节目制作经营", "营业性演出"]),
        SandboxIndustry("电子商务", general: [
            "互联网销售（除销售需要许可的商品）", "日用百货销售", "食用农产品零售", "供应链管理服务", "市场营销策划",
        ], permitted: ["食品互联网销售"]),
        SandboxIndustry("新能源科技", general: [
            "太阳能发电技术服务", "光伏设备及元器件销售", "储能技术服务", "风力发电技术服务", "新兴能源技术研发",
            "电池销售", "充电桩销售", "合同能源管理",
        ], permitted: ["发电业务、输电业务、供（配）电业务", "建设工程施工"]),
        SandboxIndustry("物业管理", general: [
            "物业管理", "家政服务", "停车场服务", "专业保洁、清洗、消毒服务", "园林绿化工程施工", "城市绿化管理",
        ], permitted: ["城市生活垃圾经营性服务"]),
        SandboxIndustry("教育咨询", general: [
            "教育咨询服务（不含涉许可审批的教育培训活动）", "信息咨询服务（不含许可类信息咨询服务）",
            "组织文化艺术交流活动", "会议及展览服务",
        ], permitted: ["出版物零售"]),
        SandboxIndustry("海洋科技", general: [
            "海洋生物活性物质提取、纯化、合成生产", "海洋工程装备研发", "水产品批发", "海洋服务", "生物饲料研发",
            "技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广",
        ], permitted: ["水产养殖", "保健食品生产"], cities: ["青岛", "烟台", "威海", "日照"]),
        SandboxIndustry("酒业", general: [
            "食用农产品初加工", "食品销售（仅销售预包装食品）", "品牌管理", "旅游开发项目策划咨询", "货物进出口",
        ], permitted: ["酒制品生产", "食品销售"], cities: ["烟台"]),
    ]

    /// What a local state-owned company does.
    static let stateOwned: [SandboxIndustry] = [
        SandboxIndustry("城市建设发展", general: [
            "以自有资金从事投资活动", "市政设施管理", "土地整治服务", "城市绿化管理", "物业管理", "非居住房地产租赁",
            "工程管理服务",
        ], permitted: ["房地产开发经营", "建设工程施工"]),
        SandboxIndustry("文化旅游发展", general: [
            "游览景区管理", "旅游开发项目策划咨询", "组织文化艺术交流活动", "会议及展览服务", "酒店管理",
            "以自有资金从事投资活动",
        ], permitted: ["旅游业务", "餐饮服务"]),
        SandboxIndustry("国有资本运营", general: [
            "以自有资金从事投资活动", "自有资金投资的资产管理服务", "企业管理", "融资咨询服务", "非居住房地产租赁",
        ], permitted: ["房地产开发经营"]),
    ]

    /// 个体工商户: the word is the shop's whole trade and form.
    static let shops: [SandboxIndustry] = [
        SandboxIndustry("面馆", general: ["外卖递送服务", "食品销售（仅销售预包装食品）"], permitted: ["餐饮服务"]),
        SandboxIndustry("水饺馆", general: ["外卖递送服务", "食品销售（仅销售预包装食品）"], permitted: ["餐饮服务"]),
        SandboxIndustry("家常菜馆", general: ["外卖递送服务", "食品销售（仅销售预包装食品）"], permitted: ["餐饮服务"]),
        SandboxIndustry("烧烤店", general: ["外卖递送服务", "食品销售（仅销售预包装食品）"], permitted: ["餐饮服务"]),
        SandboxIndustry("煎饼铺", general: ["食品销售（仅销售预包装食品）", "外卖递送服务"], permitted: ["餐饮服务"]),
        SandboxIndustry("水果店", general: ["新鲜水果零售", "食用农产品零售", "新鲜蔬菜零售"], permitted: ["食品销售"]),
        SandboxIndustry("便利店", general: ["日用百货销售", "食用农产品零售", "文具用品零售", "办公用品销售"],
                        permitted: ["食品销售", "烟草制品零售"]),
        SandboxIndustry("五金店", general: ["五金产品零售", "电线、电缆经营", "建筑材料销售", "日用百货销售"],
                        permitted: ["电气安装服务"]),
        SandboxIndustry("理发店", general: ["理发服务", "美甲服务", "化妆品零售"], permitted: ["生活美容服务"]),
        SandboxIndustry("图文打印部", general: ["图文设计制作", "办公服务", "打字复印", "办公用品销售"],
                        permitted: ["包装装潢印刷品印刷", "文件、资料等其他印刷品印刷"]),
        SandboxIndustry("药店", general: ["第一类医疗器械销售", "第二类医疗器械销售", "保健食品（预包装）销售"],
                        permitted: ["药品零售"]),
    ]
}
