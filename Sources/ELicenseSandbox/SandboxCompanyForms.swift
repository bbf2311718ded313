/// A company 类型 as the regulator writes it, with what goes with it on a license.
struct SandboxCompanyForm: Sendable {
    enum Ownership: Sendable {
        /// 济南某某信息科技有限公司
        case domestic
        /// 济南某某城市建设发展有限公司, 长期, large capital.
        case state
        /// 某某（青岛）食品有限公司, with a fixed operating term.
        case foreign
    }

    let type: String
    let ownership: Ownership
    /// 注册资本 amounts in 万, one of which is drawn.
    let capitals: [String]
    let currency: String
    /// How many generated enterprises have this form.
    let count: Int

    var isJointStock: Bool { type.contains("股份有限公司") }

    static let all: [SandboxCompanyForm] = [
        SandboxCompanyForm(type: "有限责任公司（自然人投资或控股）", ownership: .domestic,
                           capitals: ["50", "100", "200", "300", "500", "1000", "2000"], currency: "CNY", count: 16),
        SandboxCompanyForm(type: "有限责任公司（自然人独资）", ownership: .domestic,
                           capitals: ["10", "20", "30", "50", "100", "200"], currency: "CNY", count: 8),
        SandboxCompanyForm(type: "有限责任公司（非自然人投资或控股的法人独资）", ownership: .domestic,
                           capitals: ["500", "1000", "2000", "5000"], currency: "CNY", count: 4),
        SandboxCompanyForm(type: "股份有限公司（非上市、自然人投资或控股）", ownership: .domestic,
                           capitals: ["1000", "3000", "5000", "6800", "8000", "12000"], currency: "CNY", count: 4),
        SandboxCompanyForm(type: "有限责任公司（国有独资）", ownership: .state,
                           capitals: ["10000", "20000", "50000", "100000"], currency: "CNY", count: 2),
        SandboxCompanyForm(type: "有限责任公司（国有控股）", ownership: .state,
                           capitals: ["5000", "10000", "30000"], currency: "CNY", count: 1),
        SandboxCompanyForm(type: "有限责任公司（外商投资、非独资）", ownership: .foreign,
                           capitals: ["150", "300", "500", "1200"], currency: "USD", count: 3),
        SandboxCompanyForm(type: "有限责任公司（外国法人独资）", ownership: .foreign,
                           capitals: ["100", "200", "1000", "2980.5"], currency: "USD", count: 2),
        SandboxCompanyForm(type: "有限责任公司（港澳台法人独资）", ownership: .foreign,
                           capitals: ["500", "1000", "5000"], currency: "HKD", count: 1),
    ]
}
