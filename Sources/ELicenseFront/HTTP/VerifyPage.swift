import ELicenseCore
import ELicenseProtocol
import ELicenseRender

/// The public verification page: state, enterprise, purpose and dates, never the full license.
enum VerifyPage {
    static func html(code: String, result: VerifyResult, front: FrontConfig) -> String {
        let (title, color): (String, String) =
            switch result.state {
            case .valid: ("有效 Valid", "#1a7f37")
            case .revoked: ("已撤销 Revoked", "#cf222e")
            case .expired: ("已过期 Expired", "#9a6700")
            case .unknown: ("未找到 Unknown", "#57606a")
            }
        var rows = [("核验码 Code", code)]
        if let m = result.material {
            rows += [
                ("名称 Name", m.signedLicense.license.name), ("统一社会信用代码 USCC", m.signedLicense.license.uscc.value),
                ("登记状态 Registration state", m.signedLicense.license.state.rawValue), ("用途 Purpose", m.purpose),
                ("出具时间 Issued", beijing(m.issuedAt)), ("有效期至 Valid until", beijing(m.expiresAt)),
            ]
            if m.signedLicense.isRehearsal {
                rows.append(("生产演练 Rehearsal", "演练数据，非真实证照 rehearsal data, not a real license"))
            }
        }
        if let at = result.revokedAt { rows.append(("撤销时间 Revoked at", beijing(at))) }
        if let reason = result.revocationReason { rows.append(("撤销原因 Reason", reason)) }
        let table = rows.map { "<tr><th>\(HTML.escape($0.0))</th><td>\(HTML.escape($0.1))</td></tr>" }.joined()
        return """
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
            <title>证照材料核验 Material verification</title>
            <style>body{font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#24292f}
            h1{font-size:1.3rem}.front{color:#57606a;font-size:.9rem}.state{font-size:1.6rem;font-weight:bold;color:\(color)}th{text-align:left;padding:.3rem 1rem .3rem 0;color:#57606a;font-weight:normal}</style>
            </head><body><h1>电子营业执照证照材料核验 · License material verification</h1>
            \(HTML.frontLine(front))
            <p class="state">\(title)</p><table>\(table)</table>
            <form method="get" action="/verify"><input name="code" placeholder="XXXX-XXXX-XXXX" value="\(HTML.escape(code))"> <button>核验 Verify</button></form>
            </body></html>
            """
    }

    /// As the material document prints it: Beijing time (UTC+8). An instant whose Beijing date
    /// is past the years a date holds stays in UTC, which its `Z` says.
    static func beijing(_ time: Timestamp) -> String {
        guard let clock = try? time.beijing().clock else { return time.rfc3339 }
        return clock + " 北京时间 (UTC+8)"
    }
}
