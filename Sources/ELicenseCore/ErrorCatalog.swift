/// Renderings of the ``ErrorCode`` catalogue for documentation and tools.
public enum ErrorCatalog {
    /// The error table of docs/protocol.md: code, SDK status, HTTP status, 中文, English.
    public static func markdownTable() -> String {
        var lines = ["| code | SDK status | HTTP | 中文 | English |", "|---|---|---|---|---|"]
        for code in ErrorCode.allCases {
            let http = code.httpStatus.map(String.init) ?? "— (SDK only)"
            lines.append(
                "| `\(code.rawValue)` | \(code.status) `ELIC_E_\(code.constantSuffix)` | \(http) | \(code.chinese) | \(code.english) |"
            )
        }
        return lines.joined(separator: "\n")
    }
}

extension ErrorCode {
    /// `signature_invalid` → `SIGNATURE_INVALID`: the suffix of the C constant `ELIC_E_…`.
    public var constantSuffix: String { rawValue.uppercased() }
}
