import ELicenseTestSupport
import Foundation

/// The command-line tools that check rendered output (zbarimg, pdftotext, pdffonts), run with
/// ``ChildProcess/output(_:stdin:)``: one missing or failing fails the test, never a silent skip.
enum ExternalTool {
    /// Runs `arguments`, then the path of a temporary file holding `bytes`, then `trailing`.
    static func run(_ arguments: [String], on bytes: [UInt8], suffix: String, trailing: [String] = []) throws -> String {
        let directory = try temporaryDirectory("elicense-render")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("input.\(suffix)")
        try Data(bytes).write(to: file)
        return try ChildProcess.output(arguments + [file.path] + trailing)
    }

    /// The text `pdftotext -raw` extracts (in drawing order, so wrapped lines follow each other).
    static func pdfText(_ pdf: [UInt8]) throws -> String {
        try run(["pdftotext", "-raw", "-enc", "UTF-8"], on: pdf, suffix: "pdf", trailing: ["-"])
    }

    /// A word `pdftotext -bbox` found, with its box in points from the page's top left.
    struct Word {
        let text: String
        let xMin: Double, yMin: Double, xMax: Double, yMax: Double

        func overlaps(_ other: Word, tolerance: Double) -> Bool {
            xMin + tolerance < other.xMax && other.xMin + tolerance < xMax
                && yMin + tolerance < other.yMax && other.yMin + tolerance < yMax
        }
    }

    static func pdfWords(_ pdf: [UInt8]) throws -> [Word] {
        let html = try run(["pdftotext", "-bbox"], on: pdf, suffix: "pdf", trailing: ["-"])
        let pattern = /<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)<\/word>/
        return html.matches(of: pattern).compactMap { match in
            guard let xMin = Double(match.1), let yMin = Double(match.2),
                  let xMax = Double(match.3), let yMax = Double(match.4) else { return nil }
            return Word(text: String(match.5), xMin: xMin, yMin: yMin, xMax: xMax, yMax: yMax)
        }
    }

    /// What `zbarimg` reads from the image: the one symbol's text, without the newline it appends.
    static func decodeQR(png bytes: [UInt8]) throws -> String {
        let output = try run(["zbarimg", "-q", "--raw"], on: bytes, suffix: "png")
        return output.hasSuffix("\n") ? String(output.dropLast()) : output
    }
}
