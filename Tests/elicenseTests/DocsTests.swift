import ELicenseCore
import Foundation
import Testing

/// The CLI prints the catalogue's table (the table in docs/protocol.md is generated: make
/// check-generated).
@Suite struct DocsTests {
    @Test func cliPrintsTheSameTable() throws {
        let result = try CLI.run(["errors", "--markdown"])
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .newlines) == ErrorCatalog.markdownTable())
    }
}
