/// A Shandong county-level division (GB/T 2260 code) whose 市场监督管理局 registers sandbox
/// enterprises. Streets and towns are real ones of that division; house numbers are made up.
struct SandboxDistrict: Sendable {
    /// A farm product cooperatives of the division are known for.
    struct Specialty: Sendable {
        let product: String
        /// 种植 or 养殖, as the cooperative's name and business scope say.
        let activity: String
    }

    let code: String
    /// 济南市
    let city: String
    /// 历下区, 寿光市, 沂南县
    let name: String
    let streets: [String]
    /// 镇 and 街道 with villages, where the cooperatives are.
    let towns: [String]
    let specialties: [Specialty]

    init(_ code: String, _ city: String, _ name: String, streets: [String] = [], towns: [String] = [],
         specialties: [Specialty] = []) {
        self.code = code
        self.city = city
        self.name = name
        self.streets = streets
        self.towns = towns
        self.specialties = specialties
    }

    /// 济南 for 济南市: the administrative-division part of a company name.
    var cityShort: String { String(city.dropLast()) }

    /// How the division is written inside a name or an authority: a city district keeps its
    /// city (济南市章丘区), a county-level city or county stands alone (寿光市, 沂南县).
    var qualifiedName: String { name.hasSuffix("区") ? city + name : name }

    /// 登记机关.
    var registrationAuthority: String { qualifiedName + "市场监督管理局" }

    /// The start of every address: 山东省济南市历下区.
    var addressPrefix: String { "山东省" + city + name }

    static let urban: [SandboxDistrict] = [
        SandboxDistrict("370102", "济南市", "历下区", streets: ["经十路", "泉城路", "解放路", "文化东路", "和平路", "山大路", "历山路"]),
        SandboxDistrict("370103", "济南市", "市中区", streets: ["经七路", "英雄山路", "舜耕路", "纬二路", "二环南路"]),
        SandboxDistrict("370105", "济南市", "天桥区", streets: ["北园大街", "无影山中路", "堤口路", "济泺路"]),
        SandboxDistrict("370112", "济南市", "历城区", streets: ["工业北路", "花园路", "华信路", "二环东路", "飞跃大道"]),
        SandboxDistrict("370202", "青岛市", "市南区", streets: ["香港中路", "东海西路", "中山路", "延安三路", "闽江路", "福州南路"]),
        SandboxDistrict("370203", "青岛市", "市北区", streets: ["辽宁路", "台东一路", "延吉路", "敦化路", "抚顺路"]),
        SandboxDistrict("370211", "青岛市", "黄岛区", streets: ["长江中路", "江山中路", "井冈山路", "峨眉山路", "珠江路"]),
        SandboxDistrict("370212", "青岛市", "崂山区", streets: ["松岭路", "苗岭路", "海尔路", "株洲路", "深圳路"]),
        SandboxDistrict("370214", "青岛市", "城阳区", streets: ["正阳路", "春阳路", "长城路"]),
        SandboxDistrict("370302", "淄博市", "淄川区", streets: ["般阳路", "松龄路"]),
        SandboxDistrict("370303", "淄博市", "张店区", streets: ["柳泉路", "共青团路", "人民西路", "华光路", "联通路"]),
        SandboxDistrict("370502", "东营市", "东营区", streets: ["济南路", "府前大街", "西四路"]),
        SandboxDistrict("370602", "烟台市", "芝罘区", streets: ["南大街", "北马路", "胜利路", "环山路", "幸福中路"]),
        SandboxDistrict("370613", "烟台市", "莱山区", streets: ["观海路", "迎春大街", "港城东大街", "山海路"]),
        SandboxDistrict("370702", "潍坊市", "潍城区", streets: ["胜利西街", "和平路", "东风西街", "向阳路"]),
        SandboxDistrict("370705", "潍坊市", "奎文区", streets: ["胜利东街", "东风东街", "新华路", "北海路"]),
        SandboxDistrict("370783", "潍坊市", "寿光市", streets: ["渤海路", "圣城街", "农圣街", "金光街"]),
        SandboxDistrict("370902", "泰安市", "泰山区", streets: ["东岳大街", "泰山大街", "岱宗大街", "灵山大街"]),
        SandboxDistrict("371002", "威海市", "环翠区", streets: ["新威路", "统一路", "海滨北路", "世昌大道"]),
        SandboxDistrict("371102", "日照市", "东港区", streets: ["烟台路", "海曲中路", "泰安路", "北京路"]),
        SandboxDistrict("371302", "临沂市", "兰山区", streets: ["解放路", "沂蒙路", "金雀山路", "通达路"]),
    ]

    static let rural: [SandboxDistrict] = [
        SandboxDistrict("370114", "济南市", "章丘区", towns: ["绣惠街道", "宁家埠街道"],
                        specialties: [Specialty(product: "大葱", activity: "种植")]),
        SandboxDistrict("370283", "青岛市", "平度市", towns: ["大泽山镇", "蓼兰镇"],
                        specialties: [Specialty(product: "葡萄", activity: "种植")]),
        SandboxDistrict("370611", "烟台市", "福山区", towns: ["张格庄镇", "回里镇"],
                        specialties: [Specialty(product: "大樱桃", activity: "种植")]),
        SandboxDistrict("370686", "烟台市", "栖霞市", towns: ["蛇窝泊镇", "桃村镇", "观里镇"],
                        specialties: [Specialty(product: "苹果", activity: "种植")]),
        SandboxDistrict("370783", "潍坊市", "寿光市", towns: ["孙家集街道", "古城街道", "稻田镇"],
                        specialties: [Specialty(product: "蔬菜", activity: "种植"), Specialty(product: "西红柿", activity: "种植")]),
        SandboxDistrict("370828", "济宁市", "金乡县", towns: ["鸡黍镇", "化雨镇"],
                        specialties: [Specialty(product: "大蒜", activity: "种植")]),
        SandboxDistrict("371082", "威海市", "荣成市", towns: ["俚岛镇", "成山镇"],
                        specialties: [Specialty(product: "海参", activity: "养殖"), Specialty(product: "海带", activity: "养殖")]),
        SandboxDistrict("371321", "临沂市", "沂南县", towns: ["岸堤镇", "辛集镇"],
                        specialties: [Specialty(product: "黄瓜", activity: "种植")]),
    ]
}
