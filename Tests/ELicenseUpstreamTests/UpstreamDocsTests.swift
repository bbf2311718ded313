import ELicenseCore
import ELicenseProtocol
import Foundation
import Testing

@testable import ELicenseUpstream

/// Every JSON example in docs/upstream.md, marked `<!-- example: Type -->`, decodes with the type
/// the adapter and the sandbox front use, and the example license verifies with the example key.
@Suite struct UpstreamDocsTests {
    static func examples() throws -> [(type: String, json: [UInt8])] {
        let doc = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../../docs/upstream.md").standardizedFileURL, encoding: .utf8)
        var found: [(String, [UInt8])] = []
        var lines = doc.split(separator: "\n", omittingEmptySubsequences: false)[...]
        while let line = lines.popFirst() {
            guard line.hasPrefix("<!-- example: "), let type = line.split(separator: " ").dropFirst(2).first else {
                continue
            }
            guard lines.popFirst()?.hasPrefix("```json") == true else { found.append((String(type), [])); continue }
            var body: [Substring] = []
            while let next = lines.popFirst(), !next.hasPrefix("```") { body.append(next) }
            found.append((String(type), Array(body.joined(separator: "\n").utf8)))
        }
        return found
    }

    @Test func everyExampleDecodesWithItsType() throws {
        let examples = try Self.examples()
        #expect(
            Set(examples.map(\.type)) == [
                "UpstreamIssuerKeys", "UpstreamLoginRequest", "UpstreamLoginTicket",
                "UpstreamLoginState", "UpstreamLicenseRequest", "SignedLicense", "ErrorBody",
            ])
        for (type, json) in examples {
            #expect(throws: Never.self, "example \(type)") {
                switch type {
                case "UpstreamIssuerKeys": _ = try WireJSON.decode(UpstreamIssuerKeys.self, from: json)
                case "UpstreamLoginRequest": _ = try WireJSON.decode(UpstreamLoginRequest.self, from: json)
                case "UpstreamLoginTicket": _ = try WireJSON.decode(UpstreamLoginTicket.self, from: json)
                case "UpstreamLoginState": _ = try WireJSON.decode(UpstreamLoginState.self, from: json)
                case "UpstreamLicenseRequest": _ = try WireJSON.decode(UpstreamLicenseRequest.self, from: json)
                case "SignedLicense": _ = try WireJSON.decode(SignedLicense.self, from: json)
                default: _ = try WireJSON.decode(ErrorBody.self, from: json)
                }
            }
        }
    }

    @Test func exampleLicenseVerifiesWithTheExampleIssuerKey() throws {
        let examples = try Self.examples()
        let keys = try WireJSON.decode(
            UpstreamIssuerKeys.self, from: try #require(examples.first { $0.type == "UpstreamIssuerKeys" }).json)
        let license = try WireJSON.decode(
            SignedLicense.self, from: try #require(examples.first { $0.type == "SignedLicense" }).json)
        #expect(license.verify(with: try TrustedKeys(try keys.keys.map { try $0.publicKey() })))
    }
}
