import ELicenseCore

/// The demo enterprises of the sandbox provincial system, set in Shandong.
///
/// Everything is fictional. Codes are valid GB 32100 codes (登记管理部门 9, 机构类别 1 企业 /
/// 2 个体工商户 / 3 农民专业合作社, the registering district's GB/T 2260 code) whose
/// organisation codes are "MA" plus random characters, so a clash with a real enterprise's code
/// is unlikely; names are common words put together, people are random pairs of common surnames
/// and given names, house numbers are made up (districts and streets are real).
///
/// Well-known entries, stable across versions:
/// - ``demoActive`` `91370102MA01ELC161` 济南明泉数字科技有限公司 (存续): the demo default
///   enterprise used by examples, the first entry of ``enterprises``, with a 法定代表人, a
///   证照管理员 and an 经办人.
/// - ``demoRevoked`` `91370202MA02ELC25N` 青岛海蓝湾商贸有限公司 (吊销).
/// - ``demoDeregistered`` `91370602MA03ELC34U` 烟台福瑞园餐饮管理有限公司 (注销).
public enum SandboxDataset {
    /// The deterministic demo dataset: the same on every machine and run, sorted by USCC.
    public static let enterprises: [SandboxEnterprise] = contents.enterprises

    /// `91370102MA01ELC161`, 存续: the enterprise examples log in as.
    public static let demoActive: USCC = contents.demoActive
    /// `91370202MA02ELC25N`, 吊销.
    public static let demoRevoked: USCC = contents.demoRevoked
    /// `91370602MA03ELC34U`, 注销.
    public static let demoDeregistered: USCC = contents.demoDeregistered

    public static func enterprise(_ uscc: USCC) -> SandboxEnterprise? { byUSCC[uscc] }

    private static let byUSCC: [USCC: SandboxEnterprise] =
        Dictionary(enterprises.map { ($0.license.uscc, $0) }, uniquingKeysWith: { first, _ in first })

    /// Built once from constant tables and a fixed seed, so it either always fails or never does;
    /// `SandboxDatasetTests` builds it and shows that it never does. That makes the trap below
    /// unreachable, and it keeps the public constants non-optional.
    private static let contents: SandboxContents = {
        do {
            return try SandboxGenerator.build()
        } catch {
            preconditionFailure("sandbox dataset tables are inconsistent: \(error)")
        }
    }()
}
