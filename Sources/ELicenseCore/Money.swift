/// 注册资本: a decimal amount in 万 (10 000) units of an ISO 4217 currency, as the license
/// prints it. Kept as text so no amount is ever rounded through a binary float.
public struct Money: Sendable, Hashable {
    /// Decimal digits with an optional fraction: `500`, `1234.5678`.
    public let amount: String
    /// ISO 4217 alphabetic code: `CNY`, `USD`, …
    public let currency: String

    public init(amount: String, currency: String) throws(ELicenseError) {
        let parts = amount.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else {
            throw ELicenseError(.invalidArgument, "regcap '\(amount)' is not a decimal amount")
        }
        guard currency.count == 3, currency.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw ELicenseError(.invalidArgument, "regcapcur '\(currency)' is not an ISO 4217 code")
        }
        self.amount = amount
        self.currency = currency
    }

    /// 人民币 for CNY and the code otherwise: the form printed on a license face.
    public var currencyChinese: String {
        switch currency {
        case "CNY": "人民币"
        case "USD": "美元"
        case "EUR": "欧元"
        case "HKD": "港元"
        case "JPY": "日元"
        default: currency
        }
    }
}
