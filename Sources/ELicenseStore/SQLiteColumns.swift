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
        try storedEnum(type, try decode(String.self, forColumn: column), column)
    }

    func uscc(_ column: String) throws -> USCC { try storedUSCC(try decode(String.self, forColumn: column), column) }

    /// A column holding the wire JSON of `T`.
    func json<T: Decodable>(_ type: T.Type, _ column: String) throws -> T {
        try Self.decodeJSON(type, try decode(String.self, forColumn: column), column)
    }

    func optionalJSON<T: Decodable>(_ type: T.Type, _ column: String) throws -> T? {
        try decode(String?.self, forColumn: column).map { text throws in try Self.decodeJSON(type, text, column) }
    }

    private static func decodeJSON<T: Decodable>(_ type: T.Type, _ text: String, _ column: String) throws -> T {
        try storedJSON(type, text, column)
    }
}
