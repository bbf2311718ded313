import Foundation
import Testing

@testable import ELicenseCore

/// Valid codes computed by an independent implementation (a dozen lines of Python written from
/// GB 32100 / GB 11714), not by the code under test.
let knownValid = [
    "91350100M000100Y43", "91370100MA3C4L8T06", "91370200163562681G", "92370102MA3MYJ2H1R",
    "52370000MJD6012X46", "12100000400011825T", "11370000004183422T", "93370281MA3N5TH40Q",
    "N2370683MF0827651Q", "31110000400834282L",
]

@Suite struct USCCValidationTests {
    @Test(arguments: knownValid)
    func independentlyComputedCodesAreValid(_ code: String) throws {
        let uscc = try USCC(code)
        #expect(uscc.value == code)
    }

    @Test func publishedExampleParsesIntoItsParts() throws {
        let uscc = try USCC("91350100M000100Y43")
        #expect(uscc.registrationAuthority.code == "9")
        #expect(uscc.registrationAuthority.chinese == "工商")
        #expect(uscc.entityCategory.chinese == "企业")
        #expect(uscc.region.code == "350100")
        #expect(uscc.region.province == "福建省")
        #expect(uscc.organizationCode == "M000100Y4")
        #expect(uscc.checkCharacter == "3")
    }

    @Test func categoryMeaningDependsOnAuthority() throws {
        #expect(try USCC("92370102MA3MYJ2H1R").entityCategory.chinese == "个体工商户")
        #expect(try USCC("52370000MJD6012X46").entityCategory.chinese == "民办非企业单位")
        #expect(try USCC("12100000400011825T").entityCategory.chinese == "事业单位")
        #expect(try USCC("N2370683MF0827651Q").registrationAuthority.chinese == "农业")
    }

    @Test func wrongCheckCharacterNamesTheExpectedOne() {
        let v = USCCValidation("91350100M000100Y44")
        #expect(v.problems == [.checkCharacterMismatch(expected: "3", actual: "4")])
        #expect(v.problems[0].chinese.contains("应为“3”"))
        #expect(v.problems[0].english.contains("expected '3'"))
    }

    @Test func wrongOrganizationCheckIsReportedSeparately() {
        // Position 17 changed from 4 to 5 and position 18 recomputed for the altered 17 characters,
        // so only the GB 11714 check fails.
        let seventeen = Array("91350100M000100Y5")
        let check = USCC.checkCharacter(for: seventeen)!
        let v = USCCValidation(String(seventeen) + String(check))
        #expect(v.problems == [.organizationCheckMismatch(expected: "4", actual: "5")])
    }

    @Test func bothChecksWrongAreBothReported() {
        let v = USCCValidation("91350100M000100Y53")
        #expect(v.problems.count == 2)
        #expect(v.problems.contains(.organizationCheckMismatch(expected: "4", actual: "5")))
        #expect(v.problems.contains { if case .checkCharacterMismatch = $0 { true } else { false } })
    }

    @Test(arguments: ["I", "O", "S", "V", "Z"])
    func forbiddenLettersArePinpointed(_ letter: String) {
        let code = "91350100M0001" + letter + "0Y43"
        let v = USCCValidation(code)
        #expect(v.problems == [.forbiddenCharacter(position: 14, character: Character(letter))])
        #expect(v.problems[0].chinese.contains("第14位"))
    }

    @Test func lowercaseIsPinpointedWithSuggestion() {
        let v = USCCValidation("91350100m000100y43")
        #expect(v.problems == [.lowercase(position: 9, character: "m"), .lowercase(position: 16, character: "y")])
        #expect(v.suggestion == "91350100M000100Y43")
    }

    @Test func fullWidthCharactersAreNamedWithTheirHalfWidthForm() {
        let v = USCCValidation("９1350100M000100Ｙ43")
        #expect(
            v.problems == [
                .fullWidth(position: 1, character: "９", halfWidth: "9"),
                .fullWidth(position: 16, character: "Ｙ", halfWidth: "Y"),
            ])
        #expect(v.suggestion == "91350100M000100Y43")
    }

    @Test func lengthCountsCharactersNotBytes() {
        #expect(USCCValidation("91350100M000100Y4").problems == [.wrongLength(actual: 17)])
        #expect(USCCValidation("91350100M000100Y433").problems == [.wrongLength(actual: 19)])
        #expect(USCCValidation("").problems == [.empty])
        #expect(USCCValidation("统一社会信用代码").problems == [.wrongLength(actual: 8)])
    }

    @Test func surroundingWhitespaceIsReportedAndTheRestStillChecked() {
        #expect(USCCValidation(" 91350100M000100Y43").problems == [.surroundingWhitespace])
        #expect(USCCValidation("91350100M000100Y43\u{3000}").suggestion == "91350100M000100Y43")
        #expect(
            USCCValidation(" 91350100M000100Y44\t").problems
                == [.surroundingWhitespace, .checkCharacterMismatch(expected: "3", actual: "4")])
        #expect(USCCValidation("   ").problems == [.surroundingWhitespace])
    }

    @Test func regionMustBeDigits() {
        let v = USCCValidation("9135A100M000100Y43")
        #expect(v.problems == [.regionNotNumeric(position: 5, character: "A")])
    }

    @Test func controlCharactersAreMadeVisibleInMessages() {
        let v = USCCValidation("91350100M000\u{7}00Y43")
        #expect(v.problems == [.forbiddenCharacter(position: 13, character: "\u{7}")])
        #expect(v.problems[0].english.contains("U+0007"))
    }

    @Test func unassignedAuthorityIsValidButUnnamed() throws {
        // G is in the alphabet but GB 32100 assigns no department to it: valid, and callers decide.
        let uscc = try #require(USCC.completing("G1350100M000100Y"))
        #expect(uscc.registrationAuthority.chinese == nil)
        #expect(uscc.entityCategory.chinese == nil)
    }

    @Test func completingRejectsCharactersOutsideTheAlphabet() {
        #expect(USCC.completing("91350100M0001O0Y") == nil)
        #expect(USCC.completing("91350100M000100") == nil)
    }

    @Test func everySingleSubstitutionIsDetected() throws {
        // GB 32100's mod-31 check with non-zero weights catches every single-character error.
        for code in knownValid {
            var chars = Array(code)
            for position in 0..<18 {
                let original = chars[position]
                for replacement in USCC.alphabet where replacement != original {
                    chars[position] = replacement
                    #expect(!USCCValidation(String(chars)).isValid, "\(String(chars)) must be invalid")
                }
                chars[position] = original
            }
        }
    }

    @Test func byteCheckAcceptsExactlyWhatTheCharacterCheckAccepts() {
        // Every single substitution of a valid code by an alphabet character, a forbidden one, a
        // lower-case, a full-width or a space, and one character dropped or added.
        let symbols = USCC.alphabet + Array("IOSVZaz９Ａ \u{3000}\u{301}")
        var codes = knownValid
        for code in knownValid {
            for position in 0..<18 {
                for symbol in symbols {
                    var chars = Array(code)
                    chars[position] = symbol
                    codes.append(String(chars))
                }
            }
            codes += [String(code.dropLast()), code + "0"]
        }
        for code in codes {
            let byteCheck = code.utf8.withContiguousStorageIfAvailable(USCCValidation.isValid)
            #expect(byteCheck == USCCValidation.check(code).isEmpty, "\(code)")
        }
        #expect(knownValid.allSatisfy { $0.utf8.withContiguousStorageIfAvailable(USCCValidation.isValid) == true })
    }

    @Test func completingProducesValidCodes() {
        var generator = SystemRandomNumberGenerator()
        var produced = 0
        for _ in 0..<500 {
            let digits = (0..<6).map { _ in USCC.alphabet[Int.random(in: 0..<10, using: &generator)] }
            let rest = (0..<8).map { _ in USCC.alphabet.randomElement(using: &generator)! }
            guard let uscc = USCC.completing("91" + String(digits) + String(rest)) else { continue }
            produced += 1
            #expect(USCCValidation(uscc.value).isValid)
        }
        // GB 11714 check characters (0-9, X) are all in the GB 32100 alphabet.
        #expect(produced == 500)
    }

    @Test func codableRejectsInvalidCodes() throws {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(USCC.self, from: Data(#""91350100M000100Y44""#.utf8))
        }
        let good = try JSONDecoder().decode(USCC.self, from: Data(#""91350100M000100Y43""#.utf8))
        #expect(good.value == "91350100M000100Y43")
    }
}
