/// Why a text is not a valid 统一社会信用代码, precisely enough to fix it.
public enum USCCProblem: Sendable, Hashable {
    case empty
    /// Leading or trailing white space (often pasted from a spreadsheet).
    case surroundingWhitespace
    /// Counted in characters, not bytes.
    case wrongLength(actual: Int)
    /// A lower-case letter at a 1-based position; its upper case may be what was meant.
    case lowercase(position: Int, character: Character)
    /// A full-width form (e.g. `９` or `Ａ`) typed with a Chinese input method.
    case fullWidth(position: Int, character: Character, halfWidth: Character)
    /// A character outside `0-9 A-H J-N P-R T U W-Y` (I, O, S, V, Z and anything else).
    case forbiddenCharacter(position: Int, character: Character)
    /// Positions 3–8 hold the GB/T 2260 region code and must be digits.
    case regionNotNumeric(position: Int, character: Character)
    /// Position 17 disagrees with the GB 11714 check over positions 9–16.
    case organizationCheckMismatch(expected: Character, actual: Character)
    /// Position 18 disagrees with the GB 32100 check over positions 1–17.
    case checkCharacterMismatch(expected: Character, actual: Character)

    public var chinese: String {
        switch self {
        case .empty: "代码为空"
        case .surroundingWhitespace: "代码首尾含有空白字符"
        case .wrongLength(let n): "长度应为18位，实际为\(n)位"
        case .lowercase(let p, let c): "第\(p)位“\(c)”为小写字母，应为大写“\(c.uppercased())”"
        case .fullWidth(let p, let c, let h): "第\(p)位“\(c)”为全角字符，应为半角“\(h)”"
        case .forbiddenCharacter(let p, let c): "第\(p)位“\(Self.visible(c))”不是允许的字符（不使用I、O、S、V、Z）"
        case .regionNotNumeric(let p, let c): "第\(p)位“\(c)”属于行政区划码（第3–8位），应为数字"
        case .organizationCheckMismatch(let e, let a): "主体标识码（组织机构代码）校验位错误：第17位为“\(a)”，应为“\(e)”"
        case .checkCharacterMismatch(let e, let a): "校验码错误：第18位为“\(a)”，应为“\(e)”"
        }
    }

    public var english: String {
        switch self {
        case .empty: "the code is empty"
        case .surroundingWhitespace: "the code has leading or trailing white space"
        case .wrongLength(let n): "must be 18 characters long, got \(n)"
        case .lowercase(let p, let c): "position \(p) '\(c)' is lower case; expected '\(c.uppercased())'"
        case .fullWidth(let p, let c, let h):
            "position \(p) '\(c)' is a full-width character; expected half-width '\(h)'"
        case .forbiddenCharacter(let p, let c):
            "position \(p) '\(Self.visible(c))' is not allowed (I, O, S, V and Z are never used)"
        case .regionNotNumeric(let p, let c):
            "position \(p) '\(c)' is in the region code (positions 3-8) and must be a digit"
        case .organizationCheckMismatch(let e, let a):
            "organization code check character (position 17) is '\(a)', expected '\(e)'"
        case .checkCharacterMismatch(let e, let a): "check character (position 18) is '\(a)', expected '\(e)'"
        }
    }

    /// A stable machine name for JSON output.
    public var name: String {
        switch self {
        case .empty: "empty"
        case .surroundingWhitespace: "surrounding_whitespace"
        case .wrongLength: "wrong_length"
        case .lowercase: "lowercase"
        case .fullWidth: "full_width"
        case .forbiddenCharacter: "forbidden_character"
        case .regionNotNumeric: "region_not_numeric"
        case .organizationCheckMismatch: "organization_check_mismatch"
        case .checkCharacterMismatch: "check_character_mismatch"
        }
    }

    /// 1-based position the problem points at, when it points at one.
    public var position: Int? {
        switch self {
        case .lowercase(let p, _), .fullWidth(let p, _, _), .forbiddenCharacter(let p, _), .regionNotNumeric(let p, _):
            p
        case .organizationCheckMismatch: 17
        case .checkCharacterMismatch: 18
        case .empty, .surroundingWhitespace, .wrongLength: nil
        }
    }

    /// The expected check character for the two check mismatches.
    public var expected: Character? {
        switch self {
        case .organizationCheckMismatch(let e, _), .checkCharacterMismatch(let e, _): e
        default: nil
        }
    }

    /// Control and space characters are shown as U+XXXX so a message never hides them.
    private static func visible(_ c: Character) -> String {
        guard let scalar = c.unicodeScalars.first, c.unicodeScalars.count == 1,
            scalar.value < 0x21 || (0x7f...0xa0).contains(scalar.value) || scalar.properties.isWhitespace
        else {
            return String(c)
        }
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

/// The outcome of checking a text against GB 32100-2015; thrown by ``USCC/init(_:)``.
///
/// Structural problems (length, characters) are reported for every offending position; the two
/// check characters are verified only once the structure is sound, and both are reported when
/// both are wrong.
public struct USCCValidation: Error, Sendable, Hashable {
    public let input: String
    public let problems: [USCCProblem]

    public var isValid: Bool { problems.isEmpty }
    /// The failure to report when invalid (its message names every problem, Chinese then
    /// English); nil when valid.
    public var error: ELicenseError? {
        isValid
            ? nil
            : ELicenseError(.invalidUSCC, problems.map { "\($0.chinese) (\($0.english))" }.joined(separator: "; "))
    }

    /// The input with white space trimmed, full-width forms narrowed and letters upper-cased,
    /// when that yields a valid code (a caller may offer it as "did you mean …").
    public var suggestion: String? {
        guard !isValid else { return nil }
        let fixed = String(input.trimmingWhitespace.map { USCCValidation.halfWidth($0) ?? $0 }).uppercased()
        return fixed != input && USCCValidation(fixed).isValid ? fixed : nil
    }

    public init(_ text: String) {
        input = text
        let valid = text.utf8.withContiguousStorageIfAvailable(Self.isValid) ?? false
        problems = valid ? [] : Self.check(text)
    }

    /// Whether `bytes` are a valid code: 18 bytes of the alphabet, digits at positions 3–8, both
    /// check characters right. Reads the bytes in place through two tables and allocates nothing
    /// (about 500 instructions), so a valid code never pays for ``check(_:)``, which works on
    /// Characters to name every problem.
    public static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 18 else { return false }
        return byteValues.withUnsafeBufferPointer { values in
            positionWeights.withUnsafeBufferPointer { weights in
                var sum = 0
                var organizationSum = 0
                var letterInRegion = false
                for index in 0..<17 {
                    let byte = bytes[index]
                    let value = Int(values[Int(byte)])
                    guard value >= 0 else { return false }
                    sum += value * weights[index].checkWeight
                    // GB 11714 counts a letter as A=10 … Z=35, not as its alphabet value.
                    organizationSum += (value < 10 ? value : Int(byte) - 55) * weights[index].organizationWeight
                    if (2..<8).contains(index), value >= 10 { letterInRegion = true }
                }
                let organizationCheck: UInt8 =
                    switch 11 - organizationSum % 11 {
                    case 10: UInt8(ascii: "X")
                    case 11: UInt8(ascii: "0")
                    case let digit: UInt8(truncatingIfNeeded: digit) + UInt8(ascii: "0")
                    }
                return !letterInRegion && bytes[16] == organizationCheck
                    && Int(values[Int(bytes[17])]) == (31 - sum % 31) % 31
            }
        }
    }

    /// Per byte: its value in ``USCC/alphabet`` (0–30), or -1 for a byte outside it.
    private static let byteValues: [Int8] = (0..<256).map { byte in
        Int8(USCC.alphabet.firstIndex(of: Character(Unicode.Scalar(UInt8(byte)))) ?? -1)
    }

    /// Per position 1–17: ``USCC/weights`` and, for positions 9–16, ``USCC/organizationWeights``
    /// (0 elsewhere, so one loop computes both sums).
    private static let positionWeights: [(checkWeight: Int, organizationWeight: Int)] = USCC.weights.indices.map {
        (USCC.weights[$0], (8..<16).contains($0) ? USCC.organizationWeights[$0 - 8] : 0)
    }

    static func check(_ text: String) -> [USCCProblem] {
        if text.isEmpty { return [.empty] }
        if text.trimmingWhitespace != text {
            let inner = text.trimmingWhitespace
            return [.surroundingWhitespace]
                + (inner.isEmpty ? [] : check(inner).filter { $0 != .surroundingWhitespace })
        }
        let chars = Array(text)
        guard chars.count == 18 else { return [.wrongLength(actual: chars.count)] }

        var problems: [USCCProblem] = []
        for (index, char) in chars.enumerated() {
            let position = index + 1
            if USCC.alphabet.contains(char) {
                if (3...8).contains(position), !char.isASCIIDigit {
                    problems.append(.regionNotNumeric(position: position, character: char))
                }
            } else if let narrow = halfWidth(char) {
                problems.append(.fullWidth(position: position, character: char, halfWidth: narrow))
            } else if char.isLowercase, char.isASCII, USCC.alphabet.contains(Character(char.uppercased())) {
                problems.append(.lowercase(position: position, character: char))
            } else {
                problems.append(.forbiddenCharacter(position: position, character: char))
            }
        }
        guard problems.isEmpty else { return problems }

        if let expected = USCC.organizationCheckCharacter(Array(chars[8..<16])), expected != chars[16] {
            problems.append(.organizationCheckMismatch(expected: expected, actual: chars[16]))
        }
        if let expected = USCC.checkCharacter(for: Array(chars[0..<17])), expected != chars[17] {
            problems.append(.checkCharacterMismatch(expected: expected, actual: chars[17]))
        }
        return problems
    }

    /// U+FF01…U+FF5E are the full-width forms of U+0021…U+007E; U+3000 is the ideographic space.
    static func halfWidth(_ char: Character) -> Character? {
        guard char.unicodeScalars.count == 1, let scalar = char.unicodeScalars.first,
            (0xFF01...0xFF5E).contains(scalar.value),
            let narrow = Unicode.Scalar(scalar.value - 0xFEE0)
        else { return nil }
        return Character(narrow)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
    /// Trims Unicode white space, including the ideographic space U+3000.
    var trimmingWhitespace: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
            let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }
}
