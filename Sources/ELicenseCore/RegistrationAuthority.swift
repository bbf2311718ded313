/// 登记管理部门码: position 1 of a USCC (GB 32100-2015, 表 1).
public struct RegistrationAuthority: Sendable, Hashable {
    public let code: Character

    /// The registering department, or nil for a code GB 32100 does not assign.
    public var chinese: String? { Self.table[code]?.0 }
    public var english: String? { Self.table[code]?.1 }

    static let table: [Character: (String, String)] = [
        "1": ("机构编制", "institutional establishment"),
        "2": ("外交", "foreign affairs"),
        "3": ("司法行政", "justice administration"),
        "4": ("文化", "culture"),
        "5": ("民政", "civil affairs"),
        "6": ("旅游", "tourism"),
        "7": ("宗教", "religious affairs"),
        "8": ("工会", "trade unions"),
        "9": ("工商", "market regulation (industry and commerce)"),
        "A": ("中央军委改革和编制办公室", "CMC reform and establishment office"),
        "N": ("农业", "agriculture"),
        "Y": ("其他", "other"),
    ]
}

/// 机构类别码: position 2, whose meaning depends on the registration authority.
public struct EntityCategory: Sendable, Hashable {
    public let authority: Character
    public let code: Character

    public var chinese: String? { Self.table[authority]?[code]?.0 }
    public var english: String? { Self.table[authority]?[code]?.1 }

    static let table: [Character: [Character: (String, String)]] = [
        "1": [
            "1": ("机关", "government organ"), "2": ("事业单位", "public institution"),
            "3": ("中央编办直接管理机构编制的群众团体", "mass organisation under the central establishment office"),
            "9": ("其他", "other"),
        ],
        "2": ["1": ("外国常驻新闻机构", "resident foreign news agency"), "9": ("其他", "other")],
        "3": [
            "1": ("律师执业机构", "law firm"), "2": ("公证处", "notary office"),
            "3": ("基层法律服务所", "grassroots legal service office"), "4": ("司法鉴定机构", "forensic appraisal institution"),
            "5": ("仲裁委员会", "arbitration commission"), "9": ("其他", "other"),
        ],
        "4": ["1": ("外国在华文化中心", "foreign cultural centre in China"), "9": ("其他", "other")],
        "5": [
            "1": ("社会团体", "social organisation"), "2": ("民办非企业单位", "private non-enterprise unit"),
            "3": ("基金会", "foundation"), "9": ("其他", "other"),
        ],
        "6": [
            "1": ("外国旅游部门常驻代表机构", "resident office of a foreign tourism authority"),
            "2": ("港澳台地区旅游部门常驻内地（大陆）代表机构", "resident office of a Hong Kong, Macao or Taiwan tourism authority"),
            "9": ("其他", "other"),
        ],
        "7": [
            "1": ("宗教活动场所", "place of religious activity"), "2": ("宗教院校", "religious college"), "9": ("其他", "other"),
        ],
        "8": ["1": ("基层工会", "grassroots trade union"), "9": ("其他", "other")],
        "9": [
            "1": ("企业", "enterprise"), "2": ("个体工商户", "individual business"),
            "3": ("农民专业合作社", "farmers' specialised cooperative"),
        ],
        "A": ["1": ("军队事业单位", "military public institution"), "9": ("其他", "other")],
        "N": [
            "1": ("组级集体经济组织", "group-level collective economic organisation"),
            "2": ("村级集体经济组织", "village-level collective economic organisation"),
            "3": ("乡镇级集体经济组织", "township-level collective economic organisation"), "9": ("其他", "other"),
        ],
        "Y": ["1": ("其他", "other")],
    ]
}

/// 登记管理机关行政区划码: positions 3–8, a GB/T 2260 code whose first two digits name the
/// province-level division.
public struct AdministrativeRegion: Sendable, Hashable {
    public let code: String

    public var provinceCode: String { String(code.prefix(2)) }
    public var province: String? { Self.provinces[provinceCode] }

    static let provinces: [String: String] = [
        "11": "北京市", "12": "天津市", "13": "河北省", "14": "山西省", "15": "内蒙古自治区",
        "21": "辽宁省", "22": "吉林省", "23": "黑龙江省", "31": "上海市", "32": "江苏省",
        "33": "浙江省", "34": "安徽省", "35": "福建省", "36": "江西省", "37": "山东省",
        "41": "河南省", "42": "湖北省", "43": "湖南省", "44": "广东省", "45": "广西壮族自治区",
        "46": "海南省", "50": "重庆市", "51": "四川省", "52": "贵州省", "53": "云南省",
        "54": "西藏自治区", "61": "陕西省", "62": "甘肃省", "63": "青海省", "64": "宁夏回族自治区",
        "65": "新疆维吾尔自治区", "71": "台湾省", "81": "香港特别行政区", "82": "澳门特别行政区",
        "10": "国家级",
    ]
}
