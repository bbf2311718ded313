import ArgumentParser
import ELicenseCore
import Foundation

struct USCCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uscc",
        abstract: "统一社会信用代码 — unified social credit codes (GB 32100-2015).",
        subcommands: [Check.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "校验代码 — check codes; exit 0 only when every code is valid.",
            discussion: "With no CODE arguments, reads one code per line from standard input (empty lines skipped). Codes are checked exactly as given: surrounding spaces, lower case and full-width characters are reported, with a suggested fix."
        )

        @Argument(help: "Codes to check.")
        var codes: [String] = []

        @Flag(help: "Print a JSON array instead of text.")
        var json = false

        func run() throws {
            let inputs = codes.isEmpty ? Self.readLines() : codes
            let results = inputs.map(USCCValidation.init)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(results.map(Report.init)), as: UTF8.self))
            } else {
                results.forEach { print(Self.text($0)) }
            }
            if results.contains(where: { !$0.isValid }) { throw ExitCode(1) }
        }

        static func readLines() -> [String] {
            var lines: [String] = []
            while let line = Swift.readLine(strippingNewline: true) {
                if !line.isEmpty { lines.append(line) }
            }
            return lines
        }

        static func text(_ v: USCCValidation) -> String {
            guard v.isValid, let uscc = try? USCC(v.input) else {
                var lines = ["✗ \(v.input.debugDescription.dropFirst().dropLast())  无效 invalid"]
                for problem in v.problems {
                    lines.append("    \(problem.chinese)")
                    lines.append("    \(problem.english)")
                }
                if let suggestion = v.suggestion { lines.append("    建议 did you mean: \(suggestion)") }
                return lines.joined(separator: "\n")
            }
            let authority = uscc.registrationAuthority.chinese ?? "未分配的登记管理部门码 unassigned authority '\(uscc.registrationAuthority.code)'"
            let category = uscc.entityCategory.chinese ?? "未知类别 unknown category '\(uscc.entityCategory.code)'"
            let province = uscc.region.province ?? "未知地区 unknown region"
            return "✓ \(uscc)  有效 valid — \(authority)·\(category)，\(province) \(uscc.region.code)，主体标识码 \(uscc.organizationCode)"
        }
    }

    /// The JSON form of one checked code.
    struct Report: Encodable {
        struct Problem: Encodable {
            let name: String
            let position: Int?
            let expected: String?
            let messageZH: String
            let messageEN: String

            enum CodingKeys: String, CodingKey {
                case name, position, expected, messageZH = "message_zh", messageEN = "message_en"
            }
        }

        struct Parts: Encodable {
            let authority: String
            let authorityName: String?
            let category: String
            let categoryName: String?
            let region: String
            let province: String?
            let organizationCode: String
            let checkCharacter: String

            enum CodingKeys: String, CodingKey {
                case authority, category, region, province
                case authorityName = "authority_name", categoryName = "category_name"
                case organizationCode = "organization_code", checkCharacter = "check_character"
            }
        }

        let input: String
        let valid: Bool
        let problems: [Problem]
        let suggestion: String?
        let parts: Parts?

        init(_ v: USCCValidation) {
            input = v.input
            valid = v.isValid
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
}
