import ELicenseCore
import ELicenseProtocol
import Foundation

extension FrontConfig {
    /// The 行政区划 a front serves: its six-digit administrative division code and its name.
    public struct Region: Codable, Sendable, Equatable {
        public var code: String
        public var name: String

        public init(code: String, name: String) {
            self.code = code
            self.name = name
        }

        /// The sandbox's region when none is configured.
        public static let sandboxDefault = Region(code: "370100", name: "济南市")

        func validate() throws(ELicenseError) {
            guard code.utf8.count == 6, code.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
            else {
                throw ELicenseError(
                    .invalidConfig,
                    "region.code 须为六位数字行政区划代码 (must be a 6-digit administrative division code, got '\(code)')")
            }
            let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty, trimmed == name, name.count <= 50 else {
                throw ELicenseError(
                    .invalidConfig, "region.name 须为 1…50 字且无首尾空白 (must be 1…50 characters without surrounding blanks)")
            }
        }
    }

    /// The region this front serves: the configured one, in the sandbox 370100 济南市 unless set.
    public var servedRegion: Region { region ?? .sandboxDefault }

    /// Level and region as a person reads them: `市级前置系统 · 济南市（370100）`.
    public var deploymentLabel: String {
        "\(level.chinese) · \(servedRegion.name)（\(servedRegion.code)）"
    }

    /// The name of this instance in `X-Elicense-Instance` and whoami: `instance_name`, by default
    /// this host's name and the port.
    public var instance: String { instanceName ?? "\(Self.hostName()):\(port)" }

    /// The trusted reverse proxies; ``validateDeployment()`` has refused any entry that does not parse.
    var trustedProxyRules: [AddressRule] { trustedProxies.compactMap { try? AddressRule($0) } }

    /// Refuses a region that is not one, a production front whose region was not chosen (its
    /// materials would name 济南市), an instance name unfit for a header, and trusted proxies
    /// that are not addresses.
    func validateDeployment() throws(ELicenseError) {
        if profile == .production, region == nil {
            throw ELicenseError(
                .invalidConfig,
                "生产环境须设置 region（code 行政区划代码, name）(profile production needs region set explicitly)")
        }
        try region?.validate()
        if let instanceName {
            guard (1...64).contains(instanceName.utf8.count),
                instanceName.utf8.allSatisfy({ (0x21...0x7e).contains($0) })
            else {
                throw ELicenseError(
                    .invalidConfig,
                    "instance_name 须为 1…64 个可见 ASCII 字符 (must be 1…64 visible ASCII characters, got '\(instanceName)')")
            }
        }
        for entry in trustedProxies {
            do { _ = try AddressRule(entry) } catch {
                throw ELicenseError(
                    .invalidConfig, "trusted_proxies 中“\(entry)”不是 IP 地址或 CIDR 网段 (is not an IP address or CIDR block)")
            }
        }
    }

    private static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name
    }
}
