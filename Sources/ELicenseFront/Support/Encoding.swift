import ELicenseCore
import ELicenseCrypto
import Foundation

enum Digest {
    static func sm3Hex(_ text: String) throws(ELicenseError) -> String { try sm3Hex(Array(text.utf8)) }

    static func sm3Hex(_ bytes: [UInt8]) throws(ELicenseError) -> String {
        do { return try SM3.hex(bytes) } catch { throw ELicenseError(.internal, error.message) }
    }
}

enum Base64 {
    static func encode(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }
}

/// 办理事项: the matter a login or material is for; shown to the enterprise and printed in the
/// watermark, so it must be short, printable text.
enum Purpose {
    static func validate(_ purpose: String) throws(ELicenseError) {
        guard (1...100).contains(purpose.count), purpose.trimmingCharacters(in: .whitespaces) == purpose,
              !purpose.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw ELicenseError(.invalidPurpose, "purpose must be 1–100 printable characters without surrounding spaces")
        }
    }
}
