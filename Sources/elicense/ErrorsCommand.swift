import ArgumentParser
import ELicenseCore

struct ErrorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "errors",
        abstract: "错误码表 — the error codes shared by the front system and the SDK."
    )

    @Flag(help: "Markdown table, as in docs/protocol.md.")
    var markdown = false

    func run() {
        if markdown {
            print(ErrorCatalog.markdownTable())
            return
        }
        for code in ErrorCode.allCases {
            let http = code.httpStatus.map(String.init) ?? "-"
            print("\(code.status)\t\(http)\t\(code.rawValue)\t\(code.chinese)\t\(code.english)")
        }
    }
}
