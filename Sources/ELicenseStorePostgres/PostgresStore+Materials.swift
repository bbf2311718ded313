import ELicenseCore
import ELicenseProtocol
import ELicenseStore
import NIOCore
import PostgresNIO

/// Issued materials: the signed record as wire JSON, the rendered documents as BYTEA.
extension PostgresStore {
    public func insertMaterial(_ material: StoredMaterial) async throws(ELicenseError) {
        let record = material.record
        let json = try jsonText(record)
        try await transaction("inserting material '\(record.id)'") { connection in
            try await connection.query(
                """
                INSERT INTO material (id, code, app_id, record_json, revoked_at, revocation_reason, expires_at)
                VALUES (\(record.id), \(record.code), \(record.appID), \(json), \(material.revokedAt?.secondsSince1970),
                        \(material.revocationReason), \(record.expiresAt.secondsSince1970))
                """, logger: Self.logger)
            for (format, bytes) in material.documents {
                try await connection.query(
                    """
                    INSERT INTO material_document (material_id, format, content)
                    VALUES (\(record.id), \(format), \(ByteBuffer(bytes: bytes)))
                    """, logger: Self.logger)
            }
        }
    }

    public func material(id: String) async throws(ELicenseError) -> StoredMaterial? {
        try await material("reading material '\(id)'", "SELECT * FROM material WHERE id = \(id)")
    }

    public func material(code: String) async throws(ELicenseError) -> StoredMaterial? {
        try await material("reading material with code '\(code)'", "SELECT * FROM material WHERE code = \(code)")
    }

    public func revokeMaterial(id: String, reason: String, at: Timestamp) async throws(ELicenseError) -> StoredMaterial?
    {
        // Revoking again (on any instance) keeps the first time and reason.
        _ = try await rows(
            "revoking material '\(id)'",
            """
            UPDATE material SET revoked_at = \(at.secondsSince1970), revocation_reason = \(reason)
            WHERE id = \(id) AND revoked_at IS NULL
            """)
        return try await material(id: id)
    }

    /// The material a query of `material` finds, with its documents, from one snapshot.
    private func material(_ action: String, _ query: PostgresQuery) async throws(ELicenseError) -> StoredMaterial? {
        try await transaction(action) { connection in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: Self.logger)
            guard let row = try await connection.rows(query).first else { return nil }
            let record = try row.json(MaterialRecord.self, "record_json")
            var documents: [String: [UInt8]] = [:]
            for document in try await connection.rows(
                "SELECT format, content FROM material_document WHERE material_id = \(record.id)")
            {
                documents[try document.value(String.self, "format")] = try document.bytes("content")
            }
            return StoredMaterial(
                record: record, documents: documents, revokedAt: try row.optionalTimestamp("revoked_at"),
                revocationReason: try row.value(String?.self, "revocation_reason"))
        }
    }
}
