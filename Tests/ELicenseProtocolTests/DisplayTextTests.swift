import ELicenseCore
import Testing

@testable import ELicenseProtocol

@Suite struct DisplayTextTests {
    /// `base` followed by `marks` combining acute accents: one user-perceived character.
    static func heavy(_ base: Character, marks: Int) -> String {
        String(base) + String(repeating: "\u{301}", count: marks)
    }

    static func refusal(_ rule: DisplayText, _ text: String) -> ELicenseError? {
        do { try rule.validate(text) } catch { return error }
        return nil
    }

    @Test func fortyKilobytesThatCountAsTwoCharactersAreRefusedByTheirSize() {
        let purpose = Self.heavy("企", marks: 10_000) + Self.heavy("业", marks: 10_000)
        #expect(purpose.count == 2 && purpose.utf8.count > 40_000)
        let error = Self.refusal(.purpose, purpose)
        #expect(error?.code == .invalidPurpose)
        #expect(error?.detail.contains("400") == true && error?.detail.contains("purpose") == true)
    }

    @Test func aHundredChineseCharactersFitEvenFromTheSupplementaryPlanes() {
        #expect(Self.refusal(.purpose, String(repeating: "𠀾", count: 100)) == nil)
        #expect(Self.refusal(.purpose, String(repeating: "企", count: 100)) == nil)
        #expect(Self.refusal(.purpose, String(repeating: "企", count: 101))?.code == .invalidPurpose)
        #expect(Self.refusal(.purpose, "")?.code == .invalidPurpose)
        #expect(Self.refusal(.revocationReason, String(repeating: "撤", count: 200)) == nil)
        #expect(Self.refusal(.revocationReason, String(repeating: "撤", count: 201))?.code == .invalidArgument)
    }

    @Test(arguments: [
        0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C,
        0x2028, 0x2029, 0x0000, 0x0009, 0x000A, 0x001B, 0x007F, 0x0085,
    ])
    func bidiControlsSeparatorsAndControlCharactersAreRefused(_ value: UInt32) throws {
        let scalar = try #require(Unicode.Scalar(value))
        let text = "企业\(Character(scalar))开办"
        let error = Self.refusal(.purpose, text)
        #expect(error?.code == .invalidPurpose)
        #expect(error?.detail.contains("U+" + String(value, radix: 16, uppercase: true)) == true)
        #expect(Self.refusal(.revocationReason, text)?.code == .invalidArgument)
    }

    @Test func surroundingWhiteSpaceIsRefusedInAPurposeAndTrimmedFromAReason() throws {
        for text in [" 企业开办", "企业开办 ", "\u{3000}企业开办", "企业开办\u{A0}"] {
            #expect(Self.refusal(.purpose, text)?.code == .invalidPurpose, "\(text.debugDescription)")
        }
        #expect(Self.refusal(.purpose, "企业 开办") == nil)
        #expect(try DisplayText.revocationReason.trimmedAndValidated("  申请人撤回\u{3000}") == "申请人撤回")
        #expect(throws: ELicenseError.self) { try DisplayText.revocationReason.trimmedAndValidated("   ") }
        #expect(throws: ELicenseError.self) { try DisplayText.revocationReason.trimmedAndValidated("撤回\n") }
    }
}
