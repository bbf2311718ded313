// The language-neutral model every output is written from: the catalogue's enumerations, the
// exception taxonomy, and the sections of the header.
import ELicenseCore
import ELicenseProtocol

/// One named integer constant of the ABI.
struct Constant {
    /// Without prefix: TIMEOUT, PENDING, UNISCID.
    var name: String
    var value: Int32
    /// What the C header says after the value.
    var comment: String
    /// 中文 label the bindings expose (nil: none).
    var chinese: String?
}

/// A family of constants: ELIC_LOGIN_* in C, LoginState in Python and Java.
struct ConstantSet {
    var cPrefix: String
    var type: String
    /// The header's comment over the #defines.
    var cComment: String
    /// Class documentation in the bindings.
    var doc: String
    var constants: [Constant]
    /// Java: the constant a code this binding does not know maps to (may be one of `constants`);
    /// nil: no lookup by code.
    var javaFallback: Constant?
    /// Java: code 0 means "none yet" and maps to null (OperatorRole before authorization).
    var zeroIsNull = false
    /// The constants' names in lower case are the protocol's names (license fields).
    var wireNames = false
    /// Names of the constants a predicate is true for (LoginState.isFinal, LicenseState.isInBusiness).
    var predicate: (python: String, java: String, doc: String, members: [String])?
}

enum Catalogue {
    static let loginStates = ConstantSet(
        cPrefix: "ELIC_LOGIN_", type: "LoginState",
        cComment: "Login states (elic_login_state, the progress callback).",
        doc: "The state of an e-license login (ELIC_LOGIN_*). Denied and expired are states, not errors.",
        constants: LoginState.allCases.map { Constant(name: $0.rawValue.uppercased(), value: $0.code, comment: $0.rawValue, chinese: $0.chinese) },
        javaFallback: Constant(name: "UNKNOWN", value: -1, comment: "A state this binding does not know (a newer library).", chinese: "未知"),
        predicate: (python: "is_final", java: "isFinal", doc: "True for a state that never changes again: polling further changes nothing.",
                    members: LoginState.allCases.filter(\.isFinal).map { $0.rawValue.uppercased() }))

    static let operatorRoles = ConstantSet(
        cPrefix: "ELIC_ROLE_", type: "OperatorRole",
        cComment: "Who confirmed a login (elic_login_operator_role).",
        doc: "Who confirmed a login for the enterprise (ELIC_ROLE_*): holder binding.",
        constants: OperatorRole.allCases.map { Constant(name: $0.rawValue.uppercased(), value: $0.code, comment: $0.chinese, chinese: $0.chinese) },
        javaFallback: Constant(name: "UNKNOWN", value: -1, comment: "A role this binding does not know (a newer library).", chinese: "未知"),
        zeroIsNull: true)

    /// RegistrationState keeps unknown texts as `.other`, so its cases are listed here; the
    /// switch makes a new case a compile error until it is named.
    static let licenseStates: ConstantSet = {
        let states: [RegistrationState] = [.other(""), .subsisting, .operating, .movedOut, .revoked, .deregistered]
        func name(_ state: RegistrationState) -> String {
            switch state {
            case .other: "OTHER"
            case .subsisting: "SUBSISTING"
            case .operating: "OPERATING"
            case .movedOut: "MOVED_OUT"
            case .revoked: "REVOKED"
            case .deregistered: "DEREGISTERED"
            }
        }
        let constants = states.map { state in
            state.rawValue.isEmpty
                ? Constant(name: name(state), value: state.code, comment: "another state, as text", chinese: "其他")
                : Constant(name: name(state), value: state.code, comment: "\(state.rawValue) \(state.english)", chinese: state.rawValue)
        }
        return ConstantSet(
            cPrefix: "ELIC_STATE_", type: "LicenseState",
            cComment: "登记状态 (elic_license_state): a state, never an error; the caller decides.",
            doc: "登记状态 of a license (ELIC_STATE_*). A state, never an error: an enterprise that is 吊销, 注销 or 迁出 is "
                + "returned like any other, and the department decides what it accepts.",
            constants: constants, javaFallback: constants[0],
            predicate: (python: "in_business", java: "isInBusiness", doc: "存续 or 在业: the states in which an entity normally does business.",
                        members: states.filter(\.isInBusiness).map(name)))
    }()

    static let materialVerdicts: ConstantSet = {
        let constants = MaterialState.allCases.sorted { $0.code < $1.code }
            .map { Constant(name: $0.rawValue.uppercased(), value: $0.code, comment: $0.rawValue, chinese: nil) }
        return ConstantSet(
            cPrefix: "ELIC_MATERIAL_", type: "MaterialVerdict",
            cComment: "Material verdicts (elic_material_verify).",
            doc: "The verdict of verifying license material (ELIC_MATERIAL_*); UNKNOWN also for a verdict this binding does not know.",
            constants: constants, javaFallback: constants[0])
    }()

    /// The regulator's Chinese names of the license fields, as printed on forms.
    static let fieldLabels: [String: String] = [
        "uniscid": "统一社会信用代码", "entname": "名称", "enttype": "类型", "lerep": "法定代表人", "regcap": "注册资本",
        "regcapcur": "注册资本币种", "estdate": "成立日期", "opfrom": "营业期限自", "opto": "营业期限至", "dom": "住所",
        "opscope": "经营范围", "regorg": "登记机关", "apprdate": "核准日期", "regstate": "登记状态",
    ]

    static func licenseFields() throws(GeneratorError) -> ConstantSet {
        var constants: [Constant] = []
        for (index, field) in License.wireFields.enumerated() {
            guard let label = fieldLabels[field] else { throw GeneratorError("no Chinese label for license field \(field)") }
            constants.append(Constant(name: field.uppercased(), value: Int32(index + 1), comment: field, chinese: label))
        }
        return ConstantSet(
            cPrefix: "ELIC_LICENSE_", type: "LicenseField",
            cComment: "License fields (elic_license_get), with the regulator's names.",
            doc: "The fields of the license data (照面信息) by the market regulator's names (ELIC_LICENSE_*).",
            constants: constants, javaFallback: nil, wireNames: true)
    }

    /// ELIC_OK and the ELIC_E_* codes.
    static let statuses: [Constant] = [Constant(name: "OK", value: 0, comment: "成功 success", chinese: "成功")]
        + ErrorCode.allCases.map { Constant(name: $0.constantSuffix, value: $0.status, comment: "\($0.chinese) \($0.english)", chinese: $0.chinese) }
}

/// One exception class of both bindings: Python `<name>Error`, Java `Elicense<name>Exception`.
struct ExceptionClass {
    var name: String
    var parent: String?
    /// Classes of a status range catch every status of it that no subclass claims.
    var family: StatusFamily?
    var codes: [ErrorCode]
    var doc: String
    /// The builtin exceptions a Python programmer catches: `except ValueError` keeps working.
    var pythonBuiltins: [String] = []
    /// When `<name>Error` would shadow a builtin.
    var pythonName: String?

    var python: String { pythonName ?? (name == "Elicense" ? "ElicenseError" : name + "Error") }
    var java: String { name == "Elicense" ? "ElicenseException" : "Elicense\(name)Exception" }
}

enum Taxonomy {
    /// The one table both bindings' exceptions are generated from, parents before children.
    static let classes: [ExceptionClass] = [
        ExceptionClass(name: "Elicense", codes: [], doc: "A failed elicense call."),
        ExceptionClass(name: "Usage", parent: "Elicense", family: .usage, codes: [],
                       doc: "1–99: the call was made wrongly (argument, configuration, file, cancellation)."),
        ExceptionClass(name: "InvalidArgument", parent: "Usage", codes: [.invalidArgument, .invalidUTF8, .invalidJSON, .invalidPurpose, .payloadTooLarge],
                       doc: "An argument the library refuses: NULL, invalid UTF-8, malformed JSON, a bad purpose, a body too large.",
                       pythonBuiltins: ["ValueError"]),
        ExceptionClass(name: "InvalidConfig", parent: "InvalidArgument", codes: [.invalidConfig],
                       doc: "The client configuration is malformed or incomplete (ELIC_E_INVALID_CONFIG)."),
        ExceptionClass(name: "InvalidUSCC", parent: "InvalidArgument", codes: [.invalidUSCC],
                       doc: "Not a valid 统一社会信用代码 (ELIC_E_INVALID_USCC)."),
        ExceptionClass(name: "File", parent: "Usage", codes: [.ioError],
                       doc: "A file could not be read or written (ELIC_E_IO_ERROR).", pythonBuiltins: ["OSError"]),
        ExceptionClass(name: "Cancelled", parent: "Usage", codes: [.cancelled],
                       doc: "The caller cancelled the call, e.g. from a login wait's progress callback (ELIC_E_CANCELLED)."),
        ExceptionClass(name: "NotFound", parent: "Usage", codes: [.notFound],
                       doc: "A resource does not exist (ELIC_E_NOT_FOUND).", pythonBuiltins: ["LookupError"]),
        ExceptionClass(name: "ClientClosed", parent: "Usage", codes: [],
                       doc: "A closed client was used again; its status is ELIC_E_INVALID_ARGUMENT.", pythonBuiltins: ["ValueError"]),
        ExceptionClass(name: "Business", parent: "Elicense", family: .business, codes: [],
                       doc: "100–199: login, grant, license and material outcomes."),
        ExceptionClass(name: "Login", parent: "Business", codes: [.loginNotFound, .loginExpired, .loginDenied, .slowDown],
                       doc: "A login session not found, expired or denied, or polled too fast (ELIC_E_SLOW_DOWN)."),
        ExceptionClass(name: "Grant", parent: "Business", codes: [.grantMissing, .grantInvalid, .grantExpired, .scopeDenied],
                       doc: "The enterprise's grant is missing, invalid, expired or does not cover the call."),
        ExceptionClass(name: "EnterpriseNotFound", parent: "Business", codes: [.enterpriseNotFound],
                       doc: "No business license exists for the entity (ELIC_E_ENTERPRISE_NOT_FOUND).", pythonBuiltins: ["LookupError"]),
        ExceptionClass(name: "Material", parent: "Business", codes: [.materialNotFound, .materialRevoked],
                       doc: "License material not found or revoked."),
        ExceptionClass(name: "Network", parent: "Elicense", family: .network, codes: [],
                       doc: "200–299: the front system, or the provincial system behind it, could not be used.",
                       pythonBuiltins: ["ConnectionError"]),
        ExceptionClass(name: "Timeout", parent: "Network", codes: [.timeout, .upstreamTimeout],
                       doc: "A request or a login wait ran out of time (ELIC_E_TIMEOUT, ELIC_E_UPSTREAM_TIMEOUT).",
                       pythonBuiltins: ["TimeoutError"], pythonName: "NetworkTimeoutError"),
        ExceptionClass(name: "Security", parent: "Elicense", family: .security, codes: [],
                       doc: "300–399: authentication, signatures, keys, profiles and permissions."),
        ExceptionClass(name: "PermissionDenied", parent: "Security", codes: [.addressForbidden, .permissionDenied, .appDisabled],
                       doc: "The application, or its source address, may not do this.", pythonBuiltins: ["PermissionError"]),
        ExceptionClass(name: "Internal", parent: "Elicense", family: .internal, codes: [],
                       doc: "900+ (and any status outside the ranges): a fault inside the library or the front system."),
    ]

    /// The class of each known status, checked to lie under the class of the status's range.
    static func byCode() throws(GeneratorError) -> [(ErrorCode, ExceptionClass)] {
        var owner: [ErrorCode: ExceptionClass] = [:]
        for item in classes {
            for code in item.codes {
                guard owner[code] == nil else { throw GeneratorError("\(code) is claimed by two exception classes") }
                guard let family = StatusFamily(status: code.status), let top = ancestors(item).last(where: { $0.family != nil }),
                      top.family == family else {
                    throw GeneratorError("\(item.name) claims \(code.rawValue), which is outside its range")
                }
                owner[code] = item
            }
        }
        return ErrorCode.allCases.compactMap { code in owner[code].map { (code, $0) } }
    }

    static func family(_ family: StatusFamily) -> ExceptionClass {
        classes.first { $0.family == family }!
    }

    /// `item` and its parents, nearest first.
    static func ancestors(_ item: ExceptionClass) -> [ExceptionClass] {
        var chain = [item]
        while let parent = chain.last?.parent, let next = classes.first(where: { $0.name == parent }) { chain.append(next) }
        return chain
    }
}

/// A section of the header: one object of the ABI, in life-cycle order.
struct Section {
    var title: String
    var summary: [String]
    var functions: [Function] = []
    var constants: [ConstantSet] = []
}

enum Sections {
    /// The section a function belongs in, by its name.
    static func key(of function: String) -> String {
        for prefix in ["client", "login", "license", "material", "uscc"] where function.hasPrefix("elic_\(prefix)_") { return prefix }
        return function == "elic_status_str" || function.hasPrefix("elic_last_error") ? "errors" : "library"
    }

    static let order = ["library", "errors", "client", "login", "license", "material", "uscc"]

    static let titles: [String: (String, [String])] = [
        "library": ("Library: versions, memory and the per-call deadline", [
            "Compile-time and run-time versions, elic_free for what the library returns through a",
            "char ** or uint8_t ** out-parameter, and the calling thread's limit on every call.",
        ]),
        "errors": ("Errors: statuses and the last failure of the calling thread", [
            "Every function returning elic_status clears the thread's last error on entry and sets it",
            "on failure: a bilingual message, the front's request id and an advised delay.",
        ]),
        "client": ("Client: one connection to a city front system", [
            "Created from a configuration file or JSON text, shared between threads, freed last.",
        ]),
        "login": ("Login: an e-license login (扫码登录)", [
            "Started, then polled or waited for, possibly from another request or process; its",
            "getters lend memory owned by the login.",
        ]),
        "license": ("License: the license data (照面信息) of a logged-in enterprise", []),
        "material": ("Material: signed license material in place of an uploaded scan", []),
        "uscc": ("USCC: the offline check of a 统一社会信用代码", []),
    ]
}
