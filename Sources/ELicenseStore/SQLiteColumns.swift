import ELicenseCore
import ELicenseProtocol
import GRDB

// Conversions between record fields and SQLite columns. They stay internal helpers rather than
// GRDB protocol conformances, which would be public and tie the record types to GRDB.

extension Row {
    func timestamp(_ column: String) throws -> Timestamp {
        Timestamp(secondsSince1970: try decode(Int64.self, forColumn: column))
    }

    func optionalTimestamp(_ column: String) throws -> Timestamp? {
        try decode(Int64?.self, forColumn: column).map(Timestamp.init(secondsSince1970:))
    }

    func enumValue<T: RawRepresentable>(_ type: T.Type, _ column: String) throws -> T where T.RawValue == String {
        let raw = try decode(String.self, forColumn: column)
        guard let value = T(rawValue: raw) else {
            throw ELicenseError(.internal, "stored \(column) '\(raw)' is not a \(T.self)")
        }
        return value
    }

    func uscc(_ column: String) throws -> USCC {
        let raw = try decode(String.self, forColumn: column)
        do { return try USCC(raw) } catch {
            throw ELicenseError(.internal, "stored \(column) '\(raw)' is not a valid USCC")
        }
    }

    /// A column holding the wire JSON of `T`.
    func json<T: Decodable>(_ type: T.Type, _ column: String) throws -> T {
        try Self.decodeJSON(type, try decode(String.self, forColumn: column), column)
    }

    func optionalJSON<T: Decodable>(_ type: T.Type, _ column: String) throws -> T? {
        try decode(String?.self, forColumn: column).map { text throws in try Self.decodeJSON(type, text, column) }
    }

    private static func decodeJSON<T: Decodable>(_ type: T.Type, _ text: String, _ column: String) throws -> T {
        do { return try WireJSON.decode(type, from: Array(text.utf8)) } catch {
            throw ELicenseError(.internal, "stored \(column) is unreadable: \(error.detail)")
        }
    }
}

/// The wire JSON of `value` as column text.
func jsonText<T: Encodable>(_ value: T) throws(ELicenseError) -> String {
    String(decoding: try WireJSON.encode(value), as: UTF8.self)
}

/// The contexts under which secrets are sealed (``StoreKey``): column and row, so a sealed value
/// copied into another row or column does not open.
enum Sealed {
    static func loginGrant(_ loginID: String) -> String { "login_session.grant_json:" + loginID }
    static func grantAuthorization(_ tokenSM3: String) -> String { "grant_record.upstream_authorization:" + tokenSM3 }
    static func sandbox(_ kind: String, _ key: String) -> String { "sandbox_state.value:\(kind):\(key)" }
}
