import ELicenseCore
import ELicenseCrypto
import ELicenseProtocol
import ELicenseStore

/// An application system just registered, with the configuration its department installs.
public struct IssuedApp: Sendable {
    public let app: AppSystem
    public let client: ClientConfig
}

/// The access registry: units from their filed 接入信息表, their application systems and keys.
public struct Registry: Sendable {
    let store: any FrontStore
    let config: FrontConfig
    let frontKeys: [PublishedKey]
    let clock: @Sendable () -> Timestamp

    public init(
        store: any FrontStore, config: FrontConfig, keyring: Keyring, clock: @escaping @Sendable () -> Timestamp
    ) {
        self.store = store
        self.config = config
        self.frontKeys = keyring.published
        self.clock = clock
    }

    /// Registers a unit from the text of its form, and every application system the form lists.
    public func addUnit(form text: String) async throws(ELicenseError) -> (AccessUnit, [IssuedApp]) {
        let form = try AccessForm.parse(text)
        let unit = AccessUnit(
            id: "unit-" + (try Identifiers.hex(5)), name: form.name, nature: form.nature, uscc: form.uscc,
            address: form.address, contactName: form.contactName, contactPosition: form.contactPosition,
            phone: form.phone, email: form.email, enabled: true, createdAt: clock(), disabledAt: nil)
        try await store.insertUnit(unit)
        var issued: [IssuedApp] = []
        for system in form.systems {
            issued.append(
                try await addApp(
                    unitID: unit.id, name: system.name, endpoint: system.endpoint,
                    description: system.description, allowedAddresses: system.allowedAddresses))
        }
        return (unit, issued)
    }

    /// Issues an app id and a fresh SM2 key pair; the private key leaves only inside the client
    /// configuration, the front keeps the public key.
    public func addApp(
        unitID: String, name: String, endpoint: String, description: String, allowedAddresses: [String],
        rateLimitPerMinute: Int? = nil
    ) async throws(ELicenseError) -> IssuedApp {
        guard try await store.unit(id: unitID) != nil else {
            throw ELicenseError(.invalidArgument, "no unit \(unitID)")
        }
        guard !name.isEmpty, !description.isEmpty else {
            throw ELicenseError(.invalidArgument, "application name and description are required")
        }
        try Endpoint.validate(endpoint, label: "域名及端口 (endpoint)")
        if let rateLimitPerMinute {
            try SettingRange.check(
                "rate_limit_per_minute", rateLimitPerMinute, SettingRange.ratePerMinute, code: .invalidArgument)
        }
        for address in allowedAddresses { _ = try AddressRule(address) }
        let key: SM2PrivateKey
        let publicPEM: String, privatePEM: String
        do {
            key = try SM2PrivateKey()
            publicPEM = try key.publicKey.pemRepresentation()
            privatePEM = try key.pemRepresentation()
        } catch {
            throw ELicenseError(.internal, error.message)
        }
        let now = clock()
        let app = AppSystem(
            appID: "app-" + (try Identifiers.hex(8)), unitID: unitID, name: name, endpoint: endpoint,
            businessDescription: description, allowedAddresses: allowedAddresses, profile: config.profile,
            enabled: true, rateLimitPerMinute: rateLimitPerMinute ?? config.defaultRateLimitPerMinute,
            createdAt: now, disabledAt: nil)
        let signing = try SigningKey(key)
        try await store.insertApp(
            app,
            key: AppKey(appID: app.appID, keyID: signing.keyID, publicKeyPEM: publicPEM, createdAt: now, retiredAt: nil)
        )
        let client = ClientConfig(
            profile: config.profile, frontURL: config.baseURL, appID: app.appID, privateKeyPEM: privatePEM,
            frontPublicKeysPEM: frontKeys.map(\.publicKeyPEM))
        return IssuedApp(app: app, client: client)
    }

    /// Adds a second active key to an application during a key changeover (protocol §7): the
    /// department generated the pair and filed the public key. Returns its key id.
    public func addKey(appID: String, publicKeyPEM: String) async throws(ELicenseError) -> String {
        guard try await store.app(id: appID) != nil else {
            throw ELicenseError(.invalidArgument, "no application \(appID)")
        }
        let key: SM2PublicKey
        let keyID: String
        do {
            key = try SM2PublicKey(pem: publicKeyPEM)
            keyID = try key.keyID()
        } catch {
            throw ELicenseError(.keyInvalid, "not an SM2 public key PEM: \(error.message)")
        }
        try await store.addKey(
            AppKey(appID: appID, keyID: keyID, publicKeyPEM: publicKeyPEM, createdAt: clock(), retiredAt: nil))
        return keyID
    }

    /// Retires a key once every instance of the application signs with the new one. The app's
    /// last active key is refused: without it every call fails, and a retired key cannot be
    /// added back. (Checked before retiring: two operators retiring both keys of a changeover
    /// at the same instant could still leave none.)
    public func retireKey(appID: String, keyID: String) async throws(ELicenseError) {
        if try await activeKeys(appID: appID).map(\.keyID) == [keyID] {
            throw ELicenseError(
                .invalidArgument,
                "不能停用应用 \(appID) 唯一有效的密钥 \(keyID)：先用 app add-key 登记新公钥，全部实例切换后再停用旧密钥"
                    + " (cannot retire the last active key of \(appID): add the new key with app add-key first,"
                    + " retire the old one once every instance uses the new one)")
        }
        guard try await store.retireKey(appID: appID, keyID: keyID, at: clock()) else {
            throw ELicenseError(.invalidArgument, "application \(appID) has no active key \(keyID)")
        }
    }

    /// The app's keys that are not retired, oldest first: one, or two during a changeover.
    public func activeKeys(appID: String) async throws(ELicenseError) -> [AppKey] {
        guard let credentials = try await store.authentication(appID: appID) else {
            throw ELicenseError(.invalidArgument, "没有应用 \(appID) (no application \(appID))")
        }
        return credentials.activeKeys
    }

    public func units() async throws(ELicenseError) -> [AccessUnit] { try await store.units() }

    public func unit(id: String) async throws(ELicenseError) -> (AccessUnit, [AppSystem]) {
        guard let unit = try await store.unit(id: id) else { throw ELicenseError(.invalidArgument, "no unit \(id)") }
        return (unit, try await store.apps(unitID: id))
    }

    public func setUnit(id: String, enabled: Bool) async throws(ELicenseError) {
        guard try await store.setUnitEnabled(id: id, enabled: enabled, at: clock()) else {
            throw ELicenseError(.invalidArgument, "no unit \(id)")
        }
    }

    public func setApp(id: String, enabled: Bool) async throws(ELicenseError) {
        guard try await store.setAppEnabled(id: id, enabled: enabled, at: clock()) else {
            throw ELicenseError(.invalidArgument, "no application \(id)")
        }
    }

    /// Changes an application's calls per minute; the front applies it from the app's next call.
    public func setRateLimit(appID: String, perMinute: Int) async throws(ELicenseError) {
        try SettingRange.check("rate_limit_per_minute", perMinute, SettingRange.ratePerMinute, code: .invalidArgument)
        guard try await store.setAppRateLimit(id: appID, perMinute: perMinute) else {
            throw ELicenseError(.invalidArgument, "no application \(appID)")
        }
    }

    /// The unit's filled 电子营业执照应用接入信息表, for filing (备案) with the provincial
    /// market regulation bureau.
    public func filingDocument(unitID: String) async throws(ELicenseError) -> String {
        let (unit, apps) = try await unit(id: unitID)
        let natures = UnitNature.allCases.map { ($0 == unit.nature ? "☑" : "☐") + $0.rawValue }.joined(separator: " ")
        let systems = apps.map { "\($0.name)，\($0.endpoint)（应用标识 \($0.appID)）" }.joined(separator: "；")
        let domains = apps.map { "\($0.name)：\($0.businessDescription)" }.joined(separator: "；")
        return """
            # 电子营业执照应用接入信息表

            我单位作为电子营业执照系统的应用接入单位，已认真阅读、理解并接受《电子营业执照应用接入规范》所载内容，同时按照《电子营业执照管理办法（试行）》的要求接入、使用电子营业执照系统。我单位具体接入信息如下：

            | 项目 | 内容 |
            |---|---|
            | 机构名称 | \(unit.name) |
            | 机构性质 | \(natures) |
            | 统一社会信用代码 | \(unit.uscc.value) |
            | 通信地址 | \(unit.address) |
            | 联系人姓名 | \(unit.contactName) |
            | 部门及职务 | \(unit.contactPosition) |
            | 联系电话 | \(unit.phone) |
            | 电子邮件 | \(unit.email) |
            | 使用电子营业执照的应用系统名称、域名（IP）及端口 | \(systems.isEmpty ? "（尚未登记应用系统）" : systems) |
            | 应用系统所属领域、行业、业务种类简介 | \(domains.isEmpty ? "—" : domains) |

            接入前置系统：\(config.frontName)（\(config.deploymentLabel)；\(config.baseURL)，\(config.profile == .sandbox ? "沙箱环境" : "生产环境")）
            登记时间：\(unit.createdAt.rfc3339)\(unit.enabled ? "" : "　状态：已停用")

            单位（盖章）：　　　　　　　　　　　日期：　　　年　　月　　日
            """
    }
}
