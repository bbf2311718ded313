import ELicenseCore
import ELicenseCrypto

/// `sandbox` or `production`: each refuses the other's credentials and keys.
public enum Profile: String, Codable, Sendable, CaseIterable {
    case sandbox, production
}

/// The two levels of front system the provincial plan deploys (附件1): each reaches the
/// provincial verification system directly.
public enum FrontLevel: String, Codable, Sendable, CaseIterable {
    /// 市级前置系统: serves the departments of one city.
    case city
    /// 省级前置系统: serves the provincial departments.
    case province

    public var chinese: String {
        switch self {
        case .city: "市级前置系统"
        case .province: "省级前置系统"
        }
    }
}

/// `GET /v1/whoami`: what the front knows of the calling application, and which front answers.
public struct WhoAmI: Codable, Sendable, Equatable {
    public var appID: String
    public var appName: String
    public var unitName: String
    public var profile: Profile
    /// The key id the request was verified with.
    public var keyID: String
    public var serverTime: Timestamp
    /// The front system's name, level and region (行政区划代码 and name), and the instance that
    /// answered. Absent from older fronts; flat members of text, as the bindings read WhoAmI as
    /// one object of text members.
    public var frontName: String?
    public var level: FrontLevel?
    public var regionCode: String?
    public var regionName: String?
    public var instance: String?

    public init(
        appID: String, appName: String, unitName: String, profile: Profile, keyID: String, serverTime: Timestamp,
        frontName: String? = nil, level: FrontLevel? = nil, regionCode: String? = nil, regionName: String? = nil,
        instance: String? = nil
    ) {
        self.appID = appID
        self.appName = appName
        self.unitName = unitName
        self.profile = profile
        self.keyID = keyID
        self.serverTime = serverTime
        self.frontName = frontName
        self.level = level
        self.regionCode = regionCode
        self.regionName = regionName
        self.instance = instance
    }

    enum CodingKeys: String, CodingKey {
        case profile, level, instance, appID = "app_id", appName = "app_name", unitName = "unit_name"
        case keyID = "key_id", serverTime = "server_time", frontName = "front_name", regionCode = "region_code"
        case regionName = "region_name"
    }
}

/// A published public key.
public struct PublishedKey: Codable, Sendable, Equatable {
    public var keyID: String
    public var publicKeyPEM: String

    public init(keyID: String, publicKeyPEM: String) {
        self.keyID = keyID
        self.publicKeyPEM = publicKeyPEM
    }

    enum CodingKeys: String, CodingKey { case keyID = "key_id", publicKeyPEM = "public_key_pem" }
}

extension PublishedKey {
    /// Fails only when OpenSSL cannot export a key it holds.
    public init(_ key: SM2PublicKey) throws(ELicenseError) {
        do throws(CryptoError) { self.init(keyID: try key.keyID(), publicKeyPEM: try key.pemRepresentation()) } catch {
            throw ELicenseError(.internal, error.message)
        }
    }

    /// The key, provided its id is the one published with it.
    public func publicKey() throws(ELicenseError) -> SM2PublicKey {
        let key: SM2PublicKey, id: String
        do throws(CryptoError) {
            key = try SM2PublicKey(pem: publicKeyPEM)
            id = try key.keyID()
        } catch {
            throw ELicenseError(.keyInvalid, "\(keyID): \(error.message)")
        }
        guard id == keyID else {
            throw ELicenseError(.keyInvalid, "key \(keyID) is published with the PEM of key \(id)")
        }
        return key
    }
}

/// `GET /v1/keys`: the front's response-signing keys and the license issuer's keys.
public struct KeySet: Codable, Sendable, Equatable {
    public var profile: Profile
    public var front: [PublishedKey]
    public var issuer: [PublishedKey]

    public init(profile: Profile, front: [PublishedKey], issuer: [PublishedKey]) {
        self.profile = profile
        self.front = front
        self.issuer = issuer
    }
}
