import ELicenseCore

/// The texts a license material prints, kept apart from where they are drawn.
extension LicenseFace {
    /// 注册资本 as a license face prints it: 500万元人民币, 100万美元; — for entities without one.
    var capitalText: String {
        guard let capital = license.registeredCapital else { return "—" }
        return capital.currency == "CNY" ? "\(capital.amount)万元人民币" : "\(capital.amount)万\(capital.currencyChinese)"
    }

    /// 营业期限: 自 2016年3月8日 至 长期.
    var termText: String {
        "自 \(license.operatingFrom.chinese) 至 \(license.operatingTo?.chinese ?? "长期")"
    }

    /// 仅供<purpose>使用 <issue date>, the diagonal watermark.
    func watermarkText() throws(ELicenseError) -> String {
        "仅供\(purpose)使用 \(try issuedAt.beijing().date.chinese)"
    }

    /// The footer: who signed the material with what, and where to verify it.
    var footerText: String {
        "本证照材料由\(issuerName)依据电子营业执照照面信息生成，并由前置系统以 SM2 数字签名（SM3 摘要）。\n"
            + "扫描二维码或访问 \(verifyURL) 凭核验码核验真伪，以核验结果为准。"
    }

    static let sandboxText = "沙箱样例 SANDBOX — 非真实证照 · 仅供测试，不得用于实际业务办理"
    static let rehearsalText = "生产演练 REHEARSAL — 演练数据，非真实证照 · 不得用于实际业务办理"

    /// The red band across the top of a material that is not a real license, if any.
    var warningBand: String? { isSandbox ? Self.sandboxText : isRehearsal ? Self.rehearsalText : nil }
}

extension Timestamp {
    /// The instant in China Standard Time (UTC+8, no daylight saving), as a Chinese reader
    /// expects it: its date and `2026-11-25 16:30:00`.
    public func beijing() throws(ELicenseError) -> (date: CivilDate, clock: String) {
        let text = adding(seconds: 8 * 3600).rfc3339  // YYYY-MM-DDTHH:MM:SSZ
        let date = try CivilDate(String(text.prefix(10)))
        return (date, "\(text.prefix(10)) \(text.dropFirst(11).prefix(8))")
    }
}
