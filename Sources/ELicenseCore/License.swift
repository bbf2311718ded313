/// 营业执照照面信息: the face of a business license.
///
/// On the wire the fields carry the market regulator's names (`uniscid`, `entname`, …) that
/// department systems already know; in Swift they carry readable ones.
public struct License: Sendable, Hashable, Codable {
    /// 统一社会信用代码
    public var uscc: USCC
    /// 名称
    public var name: String
    /// 类型, e.g. 有限责任公司（自然人投资或控股）
    public var type: String
    /// 法定代表人 / 负责人 / 经营者
    public var legalRepresentative: String
    /// 注册资本 (amount and currency); nil for entities without registered capital.
    public var registeredCapital: Money?
    /// 成立日期
    public var establishedOn: CivilDate
    /// 营业期限自
    public var operatingFrom: CivilDate
    /// 营业期限至; nil means 长期 (no fixed term).
    public var operatingTo: CivilDate?
    /// 住所 / 经营场所
    public var address: String
    /// 经营范围
    public var businessScope: String
    /// 登记机关
    public var registrationAuthority: String
    /// 核准日期
    public var approvedOn: CivilDate
    /// 登记状态
    public var state: RegistrationState

    public init(
        uscc: USCC, name: String, type: String, legalRepresentative: String,
        registeredCapital: Money?, establishedOn: CivilDate, operatingFrom: CivilDate,
        operatingTo: CivilDate?, address: String, businessScope: String,
        registrationAuthority: String, approvedOn: CivilDate, state: RegistrationState
    ) {
        self.uscc = uscc
        self.name = name
        self.type = type
        self.legalRepresentative = legalRepresentative
        self.registeredCapital = registeredCapital
        self.establishedOn = establishedOn
        self.operatingFrom = operatingFrom
        self.operatingTo = operatingTo
        self.address = address
        self.businessScope = businessScope
        self.registrationAuthority = registrationAuthority
        self.approvedOn = approvedOn
        self.state = state
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case uscc = "uniscid", name = "entname", type = "enttype", legalRepresentative = "lerep"
        case registeredCapital = "regcap", registeredCapitalCurrency = "regcapcur"
        case establishedOn = "estdate", operatingFrom = "opfrom", operatingTo = "opto", address = "dom"
        case businessScope = "opscope", registrationAuthority = "regorg", approvedOn = "apprdate"
        case state = "regstate"
    }

    /// The wire names in the order the canonical license string lists them.
    public static let wireFields: [String] = CodingKeys.allCases.map(\.rawValue)

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        uscc = try c.decode(USCC.self, forKey: .uscc)
        name = try c.decode(String.self, forKey: .name)
        type = try c.decode(String.self, forKey: .type)
        legalRepresentative = try c.decode(String.self, forKey: .legalRepresentative)
        let amount = try c.decodeIfPresent(String.self, forKey: .registeredCapital)
        let currency = try c.decodeIfPresent(String.self, forKey: .registeredCapitalCurrency)
        switch (amount, currency) {
        case let (amount?, currency?): registeredCapital = try Money(amount: amount, currency: currency)
        case (nil, nil): registeredCapital = nil
        default:
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: c.codingPath + [CodingKeys.registeredCapital],
                    debugDescription: "regcap and regcapcur must both be present or both null"))
        }
        establishedOn = try c.decode(CivilDate.self, forKey: .establishedOn)
        operatingFrom = try c.decode(CivilDate.self, forKey: .operatingFrom)
        operatingTo = try c.decodeIfPresent(CivilDate.self, forKey: .operatingTo)
        address = try c.decode(String.self, forKey: .address)
        businessScope = try c.decode(String.self, forKey: .businessScope)
        registrationAuthority = try c.decode(String.self, forKey: .registrationAuthority)
        approvedOn = try c.decode(CivilDate.self, forKey: .approvedOn)
        state = try c.decode(RegistrationState.self, forKey: .state)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        for (key, value) in wireValues {
            if let value { try c.encode(value, forKey: key) } else { try c.encodeNil(forKey: key) }
        }
    }

    /// Every wire field with its text (nil for JSON null), in canonical order.
    var wireValues: [(CodingKeys, String?)] {
        [
            (.uscc, uscc.value), (.name, name), (.type, type), (.legalRepresentative, legalRepresentative),
            (.registeredCapital, registeredCapital?.amount), (.registeredCapitalCurrency, registeredCapital?.currency),
            (.establishedOn, establishedOn.description), (.operatingFrom, operatingFrom.description),
            (.operatingTo, operatingTo?.description), (.address, address), (.businessScope, businessScope),
            (.registrationAuthority, registrationAuthority), (.approvedOn, approvedOn.description),
            (.state, state.rawValue),
        ]
    }

    /// `(wire name, text or nil)` pairs in canonical order, for signing strings.
    public var canonicalFields: [(name: String, value: String?)] {
        wireValues.map { ($0.0.rawValue, $0.1) }
    }
}

/// 登记状态. A state, never an error: the caller decides which states it accepts.
public enum RegistrationState: Sendable, Hashable, Codable, RawRepresentable {
    /// 存续（在营、开业、在册）
    case subsisting
    /// 在业
    case operating
    /// 迁出
    case movedOut
    /// 吊销 (license revoked by the authority)
    case revoked
    /// 注销 (deregistered)
    case deregistered
    /// A state this version does not know, kept verbatim.
    case other(String)

    public init(rawValue: String) {
        switch rawValue {
        case "存续": self = .subsisting
        case "在业": self = .operating
        case "迁出": self = .movedOut
        case "吊销": self = .revoked
        case "注销": self = .deregistered
        default: self = .other(rawValue)
        }
    }

    /// The regulator's Chinese term, as on the wire.
    public var rawValue: String {
        switch self {
        case .subsisting: "存续"
        case .operating: "在业"
        case .movedOut: "迁出"
        case .revoked: "吊销"
        case .deregistered: "注销"
        case .other(let text): text
        }
    }

    /// Stable small integers for C callers (`elic_license_state`).
    public var code: Int32 {
        switch self {
        case .subsisting: 1
        case .operating: 2
        case .movedOut: 3
        case .revoked: 4
        case .deregistered: 5
        case .other: 0
        }
    }

    /// 存续 and 在业 are the states in which an entity may normally do business.
    public var isInBusiness: Bool { self == .subsisting || self == .operating }

    public var english: String {
        switch self {
        case .subsisting: "subsisting"
        case .operating: "in business"
        case .movedOut: "moved out"
        case .revoked: "license revoked"
        case .deregistered: "deregistered"
        case .other(let text): text
        }
    }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}
