import ELicenseCore
import ELicenseProtocol

/// A data directory belongs to one profile: that of the front keys in its `keys/`
/// (`front-<profile>…key.pem`, made by the first command or start that opened it). A command of
/// the other profile would write its own keys beside them and register its units and
/// applications in that store, so it is refused before anything is opened.
public enum DataDirectoryProfile {
    /// The profiles whose front keys the data directory holds: none for a new directory.
    public static func profiles(of dataDirectory: String) throws(ELicenseError) -> [Profile] {
        var found: [Profile] = []
        for profile in Profile.allCases {
            let keys = try Keyring.existingPublicKeys(directory: dataDirectory + "/keys", profile: profile)
            if !keys.isEmpty { found.append(profile) }
        }
        return found
    }

    /// Refuses a configuration whose profile is not the data directory's.
    public static func check(_ config: FrontConfig) throws(ELicenseError) {
        let found = try profiles(of: config.dataDirectory)
        guard let other = found.first(where: { $0 != config.profile }) else { return }
        throw ELicenseError(
            .invalidConfig,
            "数据目录 \(config.dataDirectory) 属于\(name(other))，不能以\(name(config.profile))使用：请用该环境自己的数据目录"
                + " (the data directory \(config.dataDirectory) belongs to the \(other.rawValue) profile;"
                + " a \(config.profile.rawValue) command must use a data directory of its own)")
    }

    private static func name(_ profile: Profile) -> String {
        switch profile {
        case .sandbox: "沙箱环境"
        case .production: "生产环境"
        }
    }
}
