import ELicenseCore
import ELicenseStore
import Foundation
import Yams

/// 电子营业执照应用接入信息表 (附件2 of the provincial plan) as a YAML or JSON file. Keys may be
/// the form's Chinese labels or English names:
///
///     机构名称: 济南市市场监督管理局          # name
///     机构性质: 政府机关                      # nature: 政府机关/事业单位/社会团体/企业/其他
///     统一社会信用代码: 11370100004183422T    # uscc
///     通信地址: 济南市历下区…                 # address
///     联系人姓名: 王五                        # contact_name
///     部门及职务: 信息中心 科长               # contact_position
///     联系电话: 0531-88888888                 # phone
///     电子邮件: wangwu@example.gov.cn         # email
///     应用系统:                               # systems
///       - 应用系统名称: 企业开办一网通办系统   # name
///         域名及端口: 10.1.2.3:8080           # endpoint (域名（IP）及端口)
///         所属领域及业务简介: 市场监管；企业设立登记  # description
///         来源地址: [10.1.2.0/24]             # allowed_addresses (optional)
struct AccessForm: Sendable, Equatable {
    struct System: Sendable, Equatable {
        var name: String
        var endpoint: String
        var description: String
        var allowedAddresses: [String]
    }

    var name: String
    var nature: UnitNature
    var uscc: USCC
    var address: String
    var contactName: String
    var contactPosition: String
    var phone: String
    var email: String
    var systems: [System]

    /// Field names: Chinese label first, English second; error messages use both.
    enum Field: CaseIterable {
        case name, nature, uscc, address, contactName, contactPosition, phone, email, systems

        var keys: [String] {
            switch self {
            case .name: ["机构名称", "name"]
            case .nature: ["机构性质", "nature"]
            case .uscc: ["统一社会信用代码", "uscc"]
            case .address: ["通信地址", "address"]
            case .contactName: ["联系人姓名", "contact_name"]
            case .contactPosition: ["部门及职务", "contact_position"]
            case .phone: ["联系电话", "phone"]
            case .email: ["电子邮件", "email"]
            case .systems: ["应用系统", "systems"]
            }
        }

        var label: String { "\(keys[0]) (\(keys[1]))" }
    }

    static let systemKeys: [(field: String, keys: [String])] = [
        ("name", ["应用系统名称", "name"]), ("endpoint", ["域名及端口", "域名（IP）及端口", "endpoint"]),
        ("description", ["所属领域及业务简介", "所属领域、行业、业务种类简介", "description"]),
        ("allowed_addresses", ["来源地址", "allowed_addresses"]),
    ]

    static func parse(_ text: String) throws(ELicenseError) -> AccessForm {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw ELicenseError(.invalidArgument, "接入信息表不是有效的 YAML/JSON (form is not valid YAML or JSON): \(error)")
        }
        guard let root, let map = try plain(root) as? [String: Any] else {
            throw ELicenseError(.invalidArgument, "接入信息表应为键值映射 (form must be a mapping of fields)")
        }
        func value(_ field: Field, max: Int = 200) throws(ELicenseError) -> String {
            try required(map, field.keys, label: field.label, max: max)
        }
        let natureText = try value(.nature)
        guard
            let nature = UnitNature(rawValue: natureText) ?? UnitNature.allCases.first(where: { "\($0)" == natureText })
        else {
            throw fieldError(
                Field.nature.label,
                "应为 must be one of \(UnitNature.allCases.map(\.rawValue).joined(separator: "/")), got '\(natureText)'")
        }
        let usccText = try value(.uscc)
        let uscc: USCC
        do { uscc = try USCC(usccText) } catch {
            throw fieldError(
                Field.uscc.label, error.problems.map { "\($0.chinese) (\($0.english))" }.joined(separator: "; "))
        }
        let phone = try value(.phone, max: 30)
        guard phone.count >= 7, phone.allSatisfy({ $0.isASCIIDigitOrPhoneMark }) else {
            throw fieldError(Field.phone.label, "应为电话号码 must be a phone number (digits, -, +, spaces), got '\(phone)'")
        }
        let email = try value(.email, max: 100)
        let at = email.split(separator: "@", omittingEmptySubsequences: false)
        guard at.count == 2, !at[0].isEmpty, at[1].contains("."), !at[1].hasPrefix("."), !at[1].hasSuffix("."),
            !email.contains(where: \.isWhitespace)
        else {
            throw fieldError(Field.email.label, "不是有效的电子邮件地址 is not an e-mail address: '\(email)'")
        }
        let systems = try (lookup(map, Field.systems.keys) as? [Any] ?? []).enumerated().map {
            index, item throws(ELicenseError) in
            try parseSystem(item, index: index + 1)
        }
        return AccessForm(
            name: try value(.name, max: 100), nature: nature, uscc: uscc, address: try value(.address),
            contactName: try value(.contactName, max: 50), contactPosition: try value(.contactPosition, max: 100),
            phone: phone, email: email, systems: systems)
    }

    private static func parseSystem(_ item: Any, index: Int) throws(ELicenseError) -> System {
        let label = "\(Field.systems.label)[\(index)]"
        guard let map = item as? [String: Any] else { throw fieldError(label, "应为键值映射 must be a mapping") }
        func keys(_ field: String) -> [String] { systemKeys.first { $0.field == field }?.keys ?? [field] }
        let name = try required(map, keys("name"), label: "\(label).应用系统名称 (name)", max: 100)
        let endpoint = try required(map, keys("endpoint"), label: "\(label).域名及端口 (endpoint)", max: 200)
        try Endpoint.validate(endpoint, label: "\(label).域名及端口 (endpoint)")
        let description = try required(map, keys("description"), label: "\(label).所属领域及业务简介 (description)", max: 500)
        let addresses = (lookup(map, keys("allowed_addresses")) as? [Any])?.map { "\($0)" } ?? []
        for address in addresses {
            do { _ = try AddressRule(address) } catch {
                throw fieldError("\(label).来源地址 (allowed_addresses)", error.detail)
            }
        }
        return System(name: name, endpoint: endpoint, description: description, allowedAddresses: addresses)
    }

    /// The YAML as text, arrays and text-keyed maps, a null being absent. Read from the node tree
    /// because Yams.load traps on a key that is not a scalar (found by fuzz-access-form).
    private static func plain(_ node: Node) throws(ELicenseError) -> Any? {
        switch node {
        case .scalar: return node.null == nil ? node.string : nil
        case .sequence(let items):
            var out: [Any] = []
            for item in items { if let value = try plain(item) { out.append(value) } }
            return out
        case .mapping(let pairs):
            var out: [String: Any] = [:]
            for (key, value) in pairs {
                guard case .scalar = key, let name = key.string else {
                    throw ELicenseError(.invalidArgument, "接入信息表的键应为文字 (form keys must be text)")
                }
                out[name] = try plain(value)
            }
            return out
        case .alias:
            throw ELicenseError(.invalidArgument, "接入信息表不支持 YAML 别名 (form must not use YAML aliases)")
        }
    }

    private static func lookup(_ map: [String: Any], _ keys: [String]) -> Any? {
        keys.lazy.compactMap { map[$0] }.first
    }

    private static func required(_ map: [String: Any], _ keys: [String], label: String, max: Int) throws(ELicenseError)
        -> String
    {
        guard let value = lookup(map, keys) else { throw fieldError(label, "缺少此项 is missing") }
        let text = "\(value)".trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw fieldError(label, "不能为空 must not be empty") }
        guard text.count <= max else { throw fieldError(label, "过长，最多 \(max) 字 is longer than \(max) characters") }
        return text
    }

    static func fieldError(_ label: String, _ message: String) -> ELicenseError {
        ELicenseError(.invalidArgument, "接入信息表“\(label)”：\(message)")
    }
}

/// 域名（IP）及端口: `host:port`, the host a name or an address.
enum Endpoint {
    static func validate(_ text: String, label: String) throws(ELicenseError) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (1...65535).contains(port),
            !text[..<colon].isEmpty, !text.contains(where: \.isWhitespace)
        else {
            throw AccessForm.fieldError(label, "应为“域名或IP:端口” must be host:port, got '\(text)'")
        }
    }
}

private extension Character {
    var isASCIIDigitOrPhoneMark: Bool {
        (isASCII && isNumber) || self == "-" || self == "+" || self == " " || self == "(" || self == ")"
    }
}
