import ELicenseTestSupport
import Foundation

/// Runs the `elicense` executable that SwiftPM built beside this test bundle.
enum CLI {
    static var executable: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("elicense").path
    }

    static func run(_ arguments: [String], stdin: String = "") throws -> ChildProcess.Result {
        try ChildProcess.run(executable, arguments, stdin: stdin)
    }

    /// The package root, to read committed documents.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
}
