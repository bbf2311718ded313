import ELicenseCore

extension FrontConfig {
    /// What the server is (docs/front.md "Production topology 生产部署"): a `front` serves
    /// department apps (protocol v1); a `gateway` is the provincial end of docs/upstream.md,
    /// serving its `/v1/upstream/` interface to the city and provincial fronts registered with it.
    public enum Role: String, Codable, Sendable { case front, gateway }

    /// The provincial gateway's connection to the 电子营业执照验证系统.
    public struct GatewaySettings: Codable, Sendable, Equatable {
        /// `rehearsal` (the only built-in one): the sandbox's simulation in the production
        /// profile, every license marked as rehearsal data (docs/upstream.md §9). A real
        /// adapter is another case here, built in ``Gateway/adapter(config:store:clock:)``.
        public enum Adapter: String, Codable, Sendable { case rehearsal }
        public var adapter: Adapter = .rehearsal

        public init() {}

        public init(from decoder: any Decoder) throws {
            self.init()
            let c = try decoder.container(keyedBy: CodingKeys.self)
            if let v = try c.decodeIfPresent(Adapter.self, forKey: .adapter) { adapter = v }
        }
    }

    /// A gateway runs the production profile only (in the sandbox, a sandbox front already serves
    /// the upstream interface, docs/upstream.md §7), and its adapter is its upstream.
    func validateRole() throws(ELicenseError) {
        guard role == .gateway else { return }
        guard profile == .production else {
            throw ELicenseError(
                .invalidConfig,
                "省级网关只运行生产环境，沙箱请用沙箱前置系统 (role gateway needs profile production; in the sandbox a sandbox front serves the upstream interface)"
            )
        }
        guard upstream.kind == .sandbox, upstream.clientConfig == nil else {
            throw ELicenseError(
                .invalidConfig,
                "省级网关的上游是其适配器 gateway.adapter，不能配置 upstream (role gateway takes no upstream settings; gateway.adapter names its connection)"
            )
        }
    }
}
