import Foundation
import Testing

@Suite struct USCCCommandTests {
    @Test func validCodeExitsZero() throws {
        let result = try CLI.run(["uscc", "check", "91350100M000100Y43"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("✓ 91350100M000100Y43"))
        #expect(result.stdout.contains("福建省"))
    }

    @Test func wrongCheckCharacterExitsNonZeroAndNamesTheExpectedOne() throws {
        let result = try CLI.run(["uscc", "check", "91350100M000100Y44"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("校验码错误：第18位为“4”，应为“3”"))
        #expect(result.stdout.contains("expected '3'"))
    }

    @Test func oneInvalidAmongValidFailsTheRun() throws {
        let result = try CLI.run(["uscc", "check", "91350100M000100Y43", "91370100MA3C4L8T06", "9137010OMA3C4L8T06"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("第8位“O”"))
    }

    @Test func jsonOutputIsMachineReadable() throws {
        let result = try CLI.run(["uscc", "check", "--json", "91350100M000100Y43", "91350100m000100Y43"])
        #expect(result.status == 1)
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(reports.count == 2)
        #expect(reports[0]["valid"] as? Bool == true)
        #expect((reports[0]["parts"] as? [String: Any])?["organization_code"] as? String == "M000100Y4")
        #expect(reports[1]["valid"] as? Bool == false)
        #expect(reports[1]["suggestion"] as? String == "91350100M000100Y43")
        let problem = try #require((reports[1]["problems"] as? [[String: Any]])?.first)
        #expect(problem["name"] as? String == "lowercase")
        #expect(problem["position"] as? Int == 9)
    }

    @Test func readsCodesFromStandardInput() throws {
        let ok = try CLI.run(["uscc", "check"], stdin: "91370200163562681G\n\n92370102MA3MYJ2H1R\n")
        #expect(ok.status == 0)
        #expect(ok.stdout.components(separatedBy: "✓").count == 3)
        #expect(try CLI.run(["uscc", "check"], stdin: "91370200163562681G\r\n").status == 0)  // CRLF files
        let spaced = try CLI.run(["uscc", "check"], stdin: "91370200163562681G \n")
        #expect(spaced.status == 1)  // a trailing space inside the line is reported, not silently dropped
        #expect(spaced.stdout.contains("建议 did you mean: 91370200163562681G"))
    }
}
