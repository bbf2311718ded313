/// The product version shared by the SDK, the front system and the CLI.
public enum ELicenseVersion {
    public static let major = 0
    public static let minor = 1
    public static let patch = 0
    public static var string: String { "\(major).\(minor).\(patch)" }
    /// The C ABI version (ELIC_ABI_VERSION, elic_abi_version()) the bindings check when they
    /// load; raised only on an incompatible change. Written here only: the generator copies it.
    public static let abi: Int32 = 1
}
