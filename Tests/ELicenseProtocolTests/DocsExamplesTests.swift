import ELicenseCore
import Foundation
import Testing

@testable import ELicenseProtocol

/// Every JSON example in docs/protocol.md, marked `<!-- example: Type -->`, decodes with the type
/// the front and the SDK use, so the document cannot drift from the code.
@Suite struct DocsExamplesTests {
    static var decoders: [String: ([UInt8]) throws -> Any] {
        [
            "LoginRequest": { try WireJSON.decode(LoginRequest.self, from: $0) },
            "LoginCreated": { try WireJSON.decode(LoginCreated.self, from: $0) },
            "LoginStatus": { try WireJSON.decode(LoginStatus.self, from: $0) },
            "LicenseRequest": { try WireJSON.decode(LicenseRequest.self, from: $0) },
            "LicenseResponse": { try WireJSON.decode(LicenseResponse.self, from: $0) },
            "MaterialRequest": { try WireJSON.decode(MaterialRequest.self, from: $0) },
            "MaterialIssued": { try WireJSON.decode(MaterialIssued.self, from: $0) },
            "MaterialRecord": { try WireJSON.decode(MaterialRecord.self, from: $0) },
            "VerifyRequest": { try WireJSON.decode(VerifyRequest.self, from: $0) },
            "VerifyResult": { try WireJSON.decode(VerifyResult.self, from: $0) },
            "RevokeRequest": { try WireJSON.decode(RevokeRequest.self, from: $0) },
            "WhoAmI": { try WireJSON.decode(WhoAmI.self, from: $0) },
            "KeySet": { try WireJSON.decode(KeySet.self, from: $0) },
            "ErrorBody": { try WireJSON.decode(ErrorBody.self, from: $0) },
            "SignedLicense": { try WireJSON.decode(SignedLicense.self, from: $0) },
            "Grant": { try WireJSON.decode(Grant.self, from: $0) },
            "Subject": { try WireJSON.decode(Subject.self, from: $0) },
            "ClientConfig": { try WireJSON.decode(ClientConfig.self, from: $0) },
        ]
    }

    static func examples() throws -> [(type: String, json: String)] {
        let doc = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../../docs/protocol.md").standardizedFileURL, encoding: .utf8)
        var found: [(String, String)] = []
        var lines = doc.split(separator: "\n", omittingEmptySubsequences: false)[...]
        while let line = lines.popFirst() {
            guard line.hasPrefix("<!-- example: "), let type = line.split(separator: " ").dropFirst(2).first else {
                continue
            }
            guard lines.popFirst()?.hasPrefix("```json") == true else { found.append((String(type), "")); continue }
            var body: [Substring] = []
            while let next = lines.popFirst(), !next.hasPrefix("```") { body.append(next) }
            found.append((String(type), body.joined(separator: "\n")))
        }
        return found
    }

    @Test func documentHasExamplesForTheMainMessages() throws {
        let types = Set(try Self.examples().map(\.type))
        for required in [
            "LoginRequest", "LoginCreated", "LoginStatus", "LicenseResponse", "MaterialIssued", "VerifyResult",
            "ErrorBody",
        ] {
            #expect(types.contains(required), "docs/protocol.md lacks an example of \(required)")
        }
    }

    @Test func everyExampleDecodesWithItsType() throws {
        for (type, json) in try Self.examples() {
            let decode = try #require(Self.decoders[type], "unknown example type \(type)")
            #expect(throws: Never.self, "example \(type)") { _ = try decode(Array(json.utf8)) }
        }
    }
}
