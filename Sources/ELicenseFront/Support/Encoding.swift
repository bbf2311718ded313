import ELicenseCore
import Foundation

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
