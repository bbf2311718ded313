import ELicenseCore
import Foundation
import Testing

/// The committed documentation must not drift from the code.
@Suite struct DocsTests {
    @Test func protocolErrorTableMatchesTheCatalogue() throws {
        let doc = try String(contentsOf: CLI.packageRoot.appendingPathComponent("docs/protocol.md"), encoding: .utf8)
        let begin = try #require(doc.range(of: "<!-- BEGIN ERROR TABLE"))
        let afterBegin = try #require(doc[begin.upperBound...].range(of: "-->"))
        let end = try #require(doc.range(of: "<!-- END ERROR TABLE -->"))
        let table = doc[afterBegin.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(table == ErrorCatalog.markdownTable(), "regenerate with: make docs")
    }

    @Test func cliPrintsTheSameTable() throws {
        let result = try CLI.run(["errors", "--markdown"])
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .newlines) == ErrorCatalog.markdownTable())
    }
}
