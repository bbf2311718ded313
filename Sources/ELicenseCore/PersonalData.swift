/// Masking of personal data for responses and logs, as the Personal Information Protection Law
/// requires: show enough to recognise, never enough to identify.
public enum PersonalData {
    /// Keeps the first character of a name: 张三 → 张*, 欧阳娜娜 → 欧***.
    public static func maskName(_ name: String) -> String {
        guard let first = name.first else { return "" }
        return String(first) + String(repeating: "*", count: max(1, name.count - 1))
    }

    /// Keeps the first 3 and last 2 characters of a phone number or similar identifier.
    public static func maskNumber(_ text: String) -> String {
        guard text.count > 5 else { return String(repeating: "*", count: text.count) }
        return String(text.prefix(3)) + String(repeating: "*", count: text.count - 5) + String(text.suffix(2))
    }
}
