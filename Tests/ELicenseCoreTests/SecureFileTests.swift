import Foundation
import Testing

@testable import ELicenseCore

@Suite struct SecureFileTests {
    func directory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("securefile-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func aCrashMidWriteLeavesNoFileAtThePath() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/front-sandbox.key.pem"
        #expect(throws: ELicenseError.self) {
            try SecureFile.create(
                path, bytes: Array(repeating: 0x41, count: 4096), replace: false, mode: 0o600, failAfter: 100)
        }
        // Never a truncated key under the real name, and no temporary file left over.
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    @Test func aFailedReplacementKeepsTheOldFileWhole() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/grant.txt"
        try SecureFile.create(path, contents: "old contents\n")
        #expect(throws: ELicenseError.self) {
            try SecureFile.create(
                path, bytes: Array("new contents, longer\n".utf8), replace: true, mode: 0o600, failAfter: 3)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old contents\n")
    }

    @Test func aLeftoverTemporaryFileDoesNotBlockTheNextWrite() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/store.key"
        try "partial".write(toFile: SecureFile.temporaryPath(for: path), atomically: false, encoding: .utf8)
        try SecureFile.create(path, contents: "whole\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "whole\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["store.key"])
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func anExistingFileIsNotReplacedUnlessAsked() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/key.pem"
        try SecureFile.create(path, contents: "first\n")
        #expect(throws: ELicenseError.self) { try SecureFile.create(path, contents: "second\n") }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "first\n")
        try SecureFile.create(path, contents: "second\n", replace: true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second\n")
    }
}
