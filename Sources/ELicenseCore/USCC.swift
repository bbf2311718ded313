/// 统一社会信用代码 (Unified Social Credit Code), GB 32100-2015.
///
/// Layout (1-based positions): 1 登记管理部门码, 2 机构类别码, 3–8 登记管理机关行政区划码,
/// 9–17 主体标识码 (a GB 11714 organization code whose 9th character is its own check),
/// 18 check character.
public struct USCC: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The 31 characters of GB 32100: digits and capitals without I, O, S, V, Z.
    public static let alphabet: [Character] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    /// Weights of positions 1–17: 3^(i-1) mod 31.
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    /// GB 11714 weights of the organization code's first eight characters.
    static let organizationWeights = [3, 7, 9, 10, 5, 8, 4, 2]

    /// The 18 validated characters.
    public let value: String

    /// Validates `text` exactly as given: no trimming, no case folding (the caller decides
    /// whether to normalise; ``USCCValidation/suggestion`` says what a fix would be).
    public init(_ text: String) throws(USCCValidation) {
        let validation = USCCValidation(text)
        guard validation.isValid else { throw validation }
        value = text
    }

    public var description: String { value }

    private var characters: [Character] { Array(value) }

    /// 登记管理部门码 (position 1).
    public var registrationAuthority: RegistrationAuthority { RegistrationAuthority(code: characters[0]) }
    /// 机构类别码 (position 2), with its meaning under the registration authority when known.
    public var entityCategory: EntityCategory {
        EntityCategory(authority: registrationAuthority.code, code: characters[1])
    }
    /// 登记管理机关行政区划码 (positions 3–8), GB/T 2260.
    public var region: AdministrativeRegion { AdministrativeRegion(code: String(characters[2..<8])) }
    /// 主体标识码 (positions 9–17), the GB 11714 organization code including its check character.
    public var organizationCode: String { String(characters[8..<17]) }
    /// Position 18.
    public var checkCharacter: Character { characters[17] }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: error.problems.first?.english ?? "invalid USCC"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    /// Completes the first 16 characters (authority, category, region, first 8 of the
    /// organization code) with both check characters. Nil when a character is outside the
    /// alphabet or the organization check would be a character GB 32100 forbids.
    public static func completing(_ prefix: String) -> USCC? {
        let chars = Array(prefix)
        guard chars.count == 16, chars.allSatisfy({ alphabet.contains($0) }),
            let organizationCheck = organizationCheckCharacter(Array(chars[8..<16])),
            alphabet.contains(organizationCheck)
        else { return nil }
        let seventeen = chars + [organizationCheck]
        guard let check = checkCharacter(for: seventeen) else { return nil }
        return try? USCC(String(seventeen + [check]))
    }

    /// The GB 32100 check character over positions 1–17 (all must be in the alphabet).
    static func checkCharacter(for seventeen: [Character]) -> Character? {
        var sum = 0
        for (index, char) in seventeen.enumerated() {
            guard let value = alphabet.firstIndex(of: char) else { return nil }
            sum += value * weights[index]
        }
        return alphabet[(31 - sum % 31) % 31]
    }

    /// The GB 11714 check character over the organization code's first eight characters
    /// (digits count as their value, letters A=10 … Z=35).
    static func organizationCheckCharacter(_ eight: [Character]) -> Character? {
        var sum = 0
        for (index, char) in eight.enumerated() {
            guard let value = organizationValue(char) else { return nil }
            sum += value * organizationWeights[index]
        }
        switch 11 - sum % 11 {
        case 10: return "X"
        case 11: return "0"
        case let c: return Character(String(c))
        }
    }

    private static func organizationValue(_ char: Character) -> Int? {
        guard let ascii = char.asciiValue else { return nil }
        switch ascii {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(ascii - UInt8(ascii: "0"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int(ascii - UInt8(ascii: "A")) + 10
        default: return nil
        }
    }
}
