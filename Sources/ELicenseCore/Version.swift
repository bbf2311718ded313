/// The product version shared by the SDK, the front system and the CLI.
public enum ELicenseVersion {
    public static let major = 0
    public static let minor = 1
    public static let patch = 0
    public static var string: String { "\(major).\(minor).\(patch)" }
}
