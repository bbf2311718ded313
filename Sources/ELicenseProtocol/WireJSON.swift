import ELicenseCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// JSON coding of protocol bodies: UTF-8, keys sorted (stable bytes for logs and tests),
/// `/` unescaped. Decoding errors become `invalid_json` with the offending path.
public enum WireJSON {
    public static func encode<T: Encodable>(_ value: T) throws(ELicenseError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do { return Array(try encoder.encode(value)) } catch {
            throw ELicenseError(.internal, "cannot encode \(T.self): \(error)")
        }
    }

    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws(ELicenseError) -> T {
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw ELicenseError(.invalidUTF8, "JSON body is not valid UTF-8")
        }
        do { return try JSONDecoder().decode(type, from: Data(bytes)) } catch let error as DecodingError {
            throw ELicenseError(.invalidJSON, describe(error))
        } catch {
            throw ELicenseError(.invalidJSON, "\(error)")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let p = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return p.isEmpty ? "(root)" : p
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing field '\(key.stringValue)' at \(path(context))"
        case .typeMismatch(_, let context): return "wrong type at \(path(context)): \(context.debugDescription)"
        case .valueNotFound(_, let context): return "null at \(path(context))"
        case .dataCorrupted(let context): return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
