import Foundation

extension FrontConfig {
    /// A file that does not decode, as an operator reads it: which setting, and what it must be
    /// (the decoder's own text names Swift types and coding paths).
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let name = setting(context.codingPath)
            return "设置 \(name) 的类型不对 (setting \(name) must be \(kind(type)))"
        case .dataCorrupted(let context):
            let name = setting(context.codingPath)
            return "设置 \(name) 的值无效 (setting \(name): \(context.debugDescription))"
        case .keyNotFound(let key, let context):
            let name = setting(context.codingPath + [key])
            return "缺少设置 \(name) (setting \(name) is missing)"
        @unknown default:
            return "\(error)"
        }
    }

    private static func setting(_ path: [any CodingKey]) -> String {
        let name = path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            .replacingOccurrences(of: ".[", with: "[")
        return name.isEmpty ? "(top level)" : name
    }

    private static func kind(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default:
            // Yams names the YAML node it expected (Node.Sequence for a list), Codable an Array.
            "\(type)".contains("Sequence") || "\(type)".hasPrefix("Array") ? "a list" : "a mapping"
        }
    }
}
