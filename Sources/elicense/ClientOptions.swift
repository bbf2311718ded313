import ArgumentParser
import ELicenseClient
import ELicenseCore
import ELicenseProtocol
import Foundation

/// Where the department's client configuration comes from.
struct ClientOptions: ParsableArguments {
    @Option(name: .long, help: "Client configuration file issued by the front system (default: $ELICENSE_CONFIG).")
    var config: String?

    func client() throws -> ELicenseClient {
        guard let path = config ?? ProcessInfo.processInfo.environment["ELICENSE_CONFIG"] else {
            throw ValidationError("需要客户端配置文件 a client configuration is needed: --config FILE or ELICENSE_CONFIG")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ELicenseError(.ioError, "cannot read \(path)")
        }
        return try ELicenseClient(json: Array(data))
    }
}

/// Where a grant comes from: the token itself, or the file `elicense login --grant-out` wrote.
struct GrantOptions: ParsableArguments {
    @Option(help: "Grant token from a login.") var grant: String?
    @Option(help: "File holding the grant token (as written by `elicense login --grant-out`).") var grantFile: String?

    func token() throws -> String {
        if let grant { return grant }
        guard let grantFile else {
            throw ValidationError("需要授权凭据 a grant is needed: --grant TOKEN or --grant-file FILE")
        }
        guard let text = try? String(contentsOfFile: grantFile, encoding: .utf8) else {
            throw ELicenseError(.ioError, "cannot read \(grantFile)")
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Output shared by the client commands.
enum Output {
    /// Said under license data and materials of a production rehearsal (docs/upstream.md §9).
    static let rehearsalNotice = "生产演练数据，非真实证照 REHEARSAL data — not a real license"

    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    static func table(_ rows: [(String, String)]) {
        let width = rows.map { $0.0.count }.max() ?? 0
        for (label, value) in rows {
            let lines = value.split(separator: "\n", omittingEmptySubsequences: false)
            print(
                "  " + label + String(repeating: "　", count: max(0, width - label.count)) + "  "
                    + (lines.first.map(String.init) ?? ""))
            for line in lines.dropFirst() { print("  " + String(repeating: "　", count: width) + "  " + line) }
        }
    }

    static func license(_ license: License) {
        table([
            ("统一社会信用代码", license.uscc.value), ("名称", license.name), ("类型", license.type),
            ("法定代表人", license.legalRepresentative),
            ("注册资本", license.registeredCapital.map { "\($0.amount)万元\($0.currencyChinese)" } ?? "—"),
            ("成立日期", license.establishedOn.chinese),
            ("营业期限", "自 \(license.operatingFrom.chinese) 至 \(license.operatingTo?.chinese ?? "长期")"),
            ("住所", license.address), ("经营范围", license.businessScope), ("登记机关", license.registrationAuthority),
            ("核准日期", license.approvedOn.chinese),
            (
                "登记状态",
                license.state.rawValue
                    + (license.state.isInBusiness ? "" : "  ⚠ 非存续/在业 not in business: \(license.state.english)")
            ),
        ])
    }
}
