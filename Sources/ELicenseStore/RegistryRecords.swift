import ELicenseCore
import ELicenseProtocol

/// 机构性质 as ticked on the 电子营业执照应用接入信息表.
public enum UnitNature: String, Codable, Sendable, CaseIterable {
    case government = "政府机关"
    case publicInstitution = "事业单位"
    case socialOrganization = "社会团体"
    case enterprise = "企业"
    case other = "其他"
}

/// An access unit (接入单位) as filed on the 电子营业执照应用接入信息表.
public struct AccessUnit: Codable, Sendable, Equatable {
    public var id: String
    /// 机构名称
    public var name: String
    /// 机构性质
    public var nature: UnitNature
    /// 统一社会信用代码; one unit per code.
    public var uscc: USCC
    /// 通信地址
    public var address: String
    /// 联系人姓名
    public var contactName: String
    /// 部门及职务
    public var contactPosition: String
    /// 联系电话
    public var phone: String
    /// 电子邮件
    public var email: String
    public var enabled: Bool
    public var createdAt: Timestamp
    public var disabledAt: Timestamp?

    public init(
        id: String, name: String, nature: UnitNature, uscc: USCC, address: String, contactName: String,
        contactPosition: String, phone: String, email: String, enabled: Bool, createdAt: Timestamp,
        disabledAt: Timestamp? = nil
    ) {
        self.id = id
        self.name = name
        self.nature = nature
        self.uscc = uscc
        self.address = address
        self.contactName = contactName
        self.contactPosition = contactPosition
        self.phone = phone
        self.email = email
        self.enabled = enabled
        self.createdAt = createdAt
        self.disabledAt = disabledAt
    }

    enum CodingKeys: String, CodingKey {
        case id, name, nature, address, phone, email, enabled
        case uscc = "uniscid", contactName = "contact_name", contactPosition = "contact_position"
        case createdAt = "created_at", disabledAt = "disabled_at"
    }
}

/// An application system (应用系统) of a unit, with its credentials' public part.
public struct AppSystem: Codable, Sendable, Equatable {
    public var appID: String
    public var unitID: String
    /// 应用系统名称
    public var name: String
    /// 域名（IP）及端口
    public var endpoint: String
    /// 所属领域、行业、业务种类简介
    public var businessDescription: String
    /// Source addresses filed for the app: IPs or CIDRs; empty means any.
    public var allowedAddresses: [String]
    public var profile: Profile
    public var enabled: Bool
    public var rateLimitPerMinute: Int
    public var createdAt: Timestamp
    public var disabledAt: Timestamp?

    public init(
        appID: String, unitID: String, name: String, endpoint: String, businessDescription: String,
        allowedAddresses: [String], profile: Profile, enabled: Bool, rateLimitPerMinute: Int,
        createdAt: Timestamp, disabledAt: Timestamp? = nil
    ) {
        self.appID = appID
        self.unitID = unitID
        self.name = name
        self.endpoint = endpoint
        self.businessDescription = businessDescription
        self.allowedAddresses = allowedAddresses
        self.profile = profile
        self.enabled = enabled
        self.rateLimitPerMinute = rateLimitPerMinute
        self.createdAt = createdAt
        self.disabledAt = disabledAt
    }

    enum CodingKeys: String, CodingKey {
        case name, endpoint, profile, enabled
        case appID = "app_id", unitID = "unit_id", businessDescription = "business_description"
        case allowedAddresses = "allowed_addresses", rateLimitPerMinute = "rate_limit_per_minute"
        case createdAt = "created_at", disabledAt = "disabled_at"
    }
}

/// A public key an app signs requests with. Two may be active during a key changeover.
public struct AppKey: Codable, Sendable, Equatable {
    public var appID: String
    public var keyID: String
    public var publicKeyPEM: String
    public var createdAt: Timestamp
    public var retiredAt: Timestamp?

    public init(appID: String, keyID: String, publicKeyPEM: String, createdAt: Timestamp, retiredAt: Timestamp? = nil) {
        self.appID = appID
        self.keyID = keyID
        self.publicKeyPEM = publicKeyPEM
        self.createdAt = createdAt
        self.retiredAt = retiredAt
    }

    enum CodingKeys: String, CodingKey {
        case appID = "app_id", keyID = "key_id", publicKeyPEM = "public_key_pem"
        case createdAt = "created_at", retiredAt = "retired_at"
    }
}

/// What the front needs to authenticate one request, read in one go.
public struct AppAuthentication: Sendable, Equatable {
    public var app: AppSystem
    public var unit: AccessUnit
    /// Keys not retired, oldest first.
    public var activeKeys: [AppKey]

    public init(app: AppSystem, unit: AccessUnit, activeKeys: [AppKey]) {
        self.app = app
        self.unit = unit
        self.activeKeys = activeKeys
    }
}
