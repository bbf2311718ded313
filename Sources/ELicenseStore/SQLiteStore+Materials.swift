import ELicenseCore
import ELicenseProtocol
import Foundation
import GRDB

/// Issued materials: the signed record as wire JSON, the rendered documents as BLOBs.
extension SQLiteStore {
    public func insertMaterial(_ material: StoredMaterial) async throws(ELicenseError) {
        let record = material.record
        let json = try jsonText(record)
        try await write("inserting material '\(record.id)'") { db in
            try db.execute(
                sql: """
                    INSERT INTO material (id, code, app_id, record_json, revoked_at, revocation_reason, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    record.id, record.code, record.appID, json, material.revokedAt?.secondsSince1970,
                    material.revocationReason, record.expiresAt.secondsSince1970,
                ])
            for (format, bytes) in material.documents {
                try db.execute(
                    sql: "INSERT INTO material_document (material_id, format, content) VALUES (?, ?, ?)",
                    arguments: [record.id, format, Data(bytes)])
            }
        }
    }

    public func material(id: String) async throws(ELicenseError) -> StoredMaterial? {
        try await read("reading material '\(id)'") { db in try Self.material(db, column: "id", value: id) }
    }

    public func material(code: String) async throws(ELicenseError) -> StoredMaterial? {
        try await read("reading material with code '\(code)'") { db in
            try Self.material(db, column: "code", value: code)
        }
    }

    public func revokeMaterial(id: String, reason: String, at: Timestamp) async throws(ELicenseError) -> StoredMaterial?
    {
        try await write("revoking material '\(id)'") { db in
            try db.execute(
                sql: """
                    UPDATE material SET revoked_at = ?, revocation_reason = ? WHERE id = ? AND revoked_at IS NULL
                    """, arguments: [at.secondsSince1970, reason, id])
            return try Self.material(db, column: "id", value: id)
        }
    }

    /// `column` is `id` or `code`, both unique.
    private static func material(_ db: Database, column: String, value: String) throws -> StoredMaterial? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM material WHERE \(column) = ?", arguments: [value])
        else {
            return nil
        }
        let record = try row.json(MaterialRecord.self, "record_json")
        var documents: [String: [UInt8]] = [:]
        let rows = try Row.fetchCursor(
            db, sql: "SELECT format, content FROM material_document WHERE material_id = ?",
            arguments: [record.id])
        while let document = try rows.next() {
            documents[try document.decode(forColumn: "format")] = Array(
                try document.decode(Data.self, forColumn: "content"))
        }
        return StoredMaterial(
            record: record, documents: documents, revokedAt: try row.optionalTimestamp("revoked_at"),
            revocationReason: try row.decode(forColumn: "revocation_reason"))
    }
}
