/// The machine-readable result of checking one code (CLI `--json`, `elic_uscc_report`).
public struct USCCReport: Encodable, Sendable {
    public struct Problem: Encodable, Sendable {
        public let name: String
        public let position: Int?
        public let expected: String?
        public let messageZH: String
        public let messageEN: String

        enum CodingKeys: String, CodingKey {
            case name, position, expected, messageZH = "message_zh", messageEN = "message_en"
        }
    }

    public struct Parts: Encodable, Sendable {
        public let authority: String
        public let authorityName: String?
        public let category: String
        public let categoryName: String?
        public let region: String
        public let province: String?
        public let organizationCode: String
        public let checkCharacter: String

        enum CodingKeys: String, CodingKey {
            case authority, category, region, province
            case authorityName = "authority_name", categoryName = "category_name"
            case organizationCode = "organization_code", checkCharacter = "check_character"
        }
    }

    public let input: String
    public let valid: Bool
    /// What `elic_uscc_validate` reports as its error message; "" when valid.
    public let message: String
    public let problems: [Problem]
    public let suggestion: String?
    public let parts: Parts?

    public init(_ v: USCCValidation) {
        input = v.input
        valid = v.isValid
        message = v.error?.description ?? ""
        problems = v.problems.map {
            Problem(name: $0.name, position: $0.position, expected: $0.expected.map(String.init),
                    messageZH: $0.chinese, messageEN: $0.english)
        }
        suggestion = v.suggestion
        parts = (try? USCC(v.input)).map {
            Parts(authority: String($0.registrationAuthority.code), authorityName: $0.registrationAuthority.chinese,
                  category: String($0.entityCategory.code), categoryName: $0.entityCategory.chinese,
                  region: $0.region.code, province: $0.region.province,
                  organizationCode: $0.organizationCode, checkCharacter: String($0.checkCharacter))
        }
    }
}
