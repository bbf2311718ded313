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
            discussion:
                "With no CODE arguments, reads one code per line from standard input (empty lines skipped). Codes are checked exactly as given: surrounding spaces, lower case and full-width characters are reported, with a suggested fix."
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
                print(String(decoding: try encoder.encode(results.map(USCCReport.init)), as: UTF8.self))
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
            let authority =
                uscc.registrationAuthority.chinese
                ?? "未分配的登记管理部门码 unassigned authority '\(uscc.registrationAuthority.code)'"
            let category = uscc.entityCategory.chinese ?? "未知类别 unknown category '\(uscc.entityCategory.code)'"
            let province = uscc.region.province ?? "未知地区 unknown region"
            return
                "✓ \(uscc)  有效 valid — \(authority)·\(category)，\(province) \(uscc.region.code)，主体标识码 \(uscc.organizationCode)"
        }
    }
}
