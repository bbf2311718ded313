import ELicenseCore

/// Free text of a request that people read elsewhere: the purpose (办理事项), shown in the
/// e-license app and printed in a material's watermark, and a revocation reason, shown on the
/// verification page. The one statement of their rules (docs/protocol.md §4.3, §4.10).
///
/// Each is bounded twice: in user-perceived characters, what a person reads, and in UTF-8 bytes,
/// what laying it out costs — one character may carry any number of combining marks, so two
/// characters can weigh 40 KB and take seconds to render. The byte bound is four bytes per
/// character, so any text of Chinese within the character bound (supplementary-plane 汉字
/// included) fits. Control characters, line and paragraph separators and bidirectional controls
/// are refused: they could reorder or hide what is displayed around the text.
public struct DisplayText: Sendable {
    /// The JSON field, as named in errors.
    public let field: String
    /// The field's name in 中文, as named in errors.
    public let chineseName: String
    public let maximumCharacters: Int
    public let maximumBytes: Int
    /// What a violation is reported as.
    public let code: ErrorCode

    public static let purpose = DisplayText(
        field: "purpose", chineseName: "用途（办理事项）", maximumCharacters: 100,
        maximumBytes: 400, code: .invalidPurpose)
    public static let revocationReason = DisplayText(
        field: "reason", chineseName: "撤销原因", maximumCharacters: 200,
        maximumBytes: 800, code: .invalidArgument)

    /// Bidirectional formatting characters: embeddings, overrides and isolates
    /// (U+202A–202E, U+2066–2069) and the implicit marks U+200E, U+200F and U+061C.
    static let bidiControls: Set<Unicode.Scalar> = Set(
        ([0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069] as [UInt32])
            .compactMap { Unicode.Scalar($0) })

    /// Refuses `text` unless it is 1…`maximumCharacters` characters and at most `maximumBytes`
    /// bytes of UTF-8, neither begins nor ends with white space, and holds no control character
    /// (Cc), line or paragraph separator (U+2028, U+2029) or bidirectional control.
    public func validate(_ text: String) throws(ELicenseError) {
        // Bytes first: counting characters of a huge text is the cost being bounded.
        let bytes = text.utf8.count
        guard bytes <= maximumBytes else {
            throw refusal("超过 \(maximumBytes) 字节（UTF-8）", "is \(bytes) bytes of UTF-8; at most \(maximumBytes)")
        }
        let characters = text.count
        guard (1...maximumCharacters).contains(characters) else {
            throw refusal(
                "须为 1–\(maximumCharacters) 个字符", "must be 1–\(maximumCharacters) characters, not \(characters)")
        }
        if let scalar = text.unicodeScalars.first(where: Self.isForbidden) {
            let hex = "U+" + String(scalar.value, radix: 16, uppercase: true)
            throw refusal(
                "含有不允许的控制字符 \(hex)", "contains \(hex), a control, separator or bidirectional control character")
        }
        guard text.unicodeScalars.first?.properties.isWhitespace == false,
            text.unicodeScalars.last?.properties.isWhitespace == false
        else {
            throw refusal("首尾不能有空白", "must not begin or end with white space")
        }
    }

    /// `text` without spaces (Unicode Zs) at either end, then validated: for fields that forgive
    /// them. Other white space is a control or separator character, refused wherever it stands.
    public func trimmedAndValidated(_ text: String) throws(ELicenseError) -> String {
        let scalars = text.unicodeScalars
        let isSpace = { (scalar: Unicode.Scalar) in scalar.properties.generalCategory == .spaceSeparator }
        let start = scalars.firstIndex { !isSpace($0) } ?? scalars.endIndex
        let end = scalars.lastIndex { !isSpace($0) }.map(scalars.index(after:)) ?? start
        let trimmed = String(scalars[start..<max(start, end)])
        try validate(trimmed)
        return trimmed
    }

    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: true
        default: bidiControls.contains(scalar)
        }
    }

    private func refusal(_ chinese: String, _ english: String) -> ELicenseError {
        ELicenseError(code, "\(chineseName) \(chinese) (\(field) \(english))")
    }
}
