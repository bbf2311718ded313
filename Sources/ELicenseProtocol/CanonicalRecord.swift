import ELicenseCore

/// A signed record (license data, material) written as one `name=value` line per field under a
/// tag line, so any language reproduces it byte for byte without a JSON canonicaliser.
///
/// Rules: fields in the documented order; in a value `\` is written `\\`, line feed `\n`,
/// carriage return `\r`; a null field is its name alone with no `=`; lines end with `\n`,
/// including the last.
public struct CanonicalRecord: Sendable, Hashable {
    public let tag: String
    public let fields: [(name: String, value: String?)]

    public init(tag: String, fields: [(name: String, value: String?)]) {
        self.tag = tag
        self.fields = fields
    }

    public var string: String {
        var out = tag + "\n"
        for (name, value) in fields {
            out += name
            if let value { out += "=" + Self.escape(value) }
            out += "\n"
        }
        return out
    }

    static func escape(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    public static func == (a: CanonicalRecord, b: CanonicalRecord) -> Bool { a.string == b.string }
    public func hash(into hasher: inout Hasher) { hasher.combine(string) }
}

extension CanonicalRecord {
    /// What the issuer (the provincial system, or the sandbox issuer) signs over license data.
    public static func license(_ license: License, issuerKeyID: String, signedAt: Timestamp) -> CanonicalRecord {
        CanonicalRecord(
            tag: "ELIC-LICENSE-V1",
            fields: [("issuer_key_id", issuerKeyID), ("signed_at", signedAt.rfc3339)]
                + license.canonicalFields)
    }

    /// What the front signs over an issued material: every field of the record but its state
    /// (which changes on revocation and expiry), documents sorted by format.
    public static func material(
        id: String, code: String, appID: String, purpose: String, issuedAt: Timestamp,
        expiresAt: Timestamp, verifyURL: String, keyID: String, signedAt: Timestamp,
        licenseSM3: String, documents: [MaterialDocument]
    ) -> CanonicalRecord {
        let header: [(name: String, value: String?)] = [
            ("id", id), ("code", code), ("app_id", appID), ("purpose", purpose), ("issued_at", issuedAt.rfc3339),
            ("expires_at", expiresAt.rfc3339), ("verify_url", verifyURL), ("key_id", keyID),
            ("signed_at", signedAt.rfc3339),
            ("license_sm3", licenseSM3),
        ]
        let lines = documents.sorted { $0.format < $1.format }.flatMap { d -> [(name: String, value: String?)] in
            [
                ("document.\(d.format).content_type", d.contentType), ("document.\(d.format).size", String(d.size)),
                ("document.\(d.format).sm3", d.sm3),
            ]
        }
        return CanonicalRecord(tag: "ELIC-MATERIAL-V1", fields: header + lines)
    }
}
