import Foundation

/// Runs the command-line tools that check rendered output (zbarimg, pdftotext, pdffonts) and
/// fails the test when one is missing or fails: a missing tool is never a silent skip.
struct ExternalTool {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The tool's standard output; throws on a non-zero exit (127 when it is not installed).
    static func run(_ arguments: [String]) throws -> String {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Files rather than pipes: a tool that fills one pipe while we drain the other cannot block.
        let outURL = directory.appendingPathComponent("stdout"), errURL = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        guard process.terminationStatus == 0 else {
            let errors = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
            throw Failure(description: "\(arguments.joined(separator: " ")) exited \(process.terminationStatus)"
                + (process.terminationStatus == 127 ? " (not installed?)" : "") + ": \(errors)")
        }
        return try String(contentsOf: outURL, encoding: .utf8)
    }

    /// Runs `arguments`, then the path of a temporary file holding `bytes`, then `trailing`.
    static func run(_ arguments: [String], on bytes: [UInt8], suffix: String, trailing: [String] = []) throws -> String {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("input.\(suffix)")
        try Data(bytes).write(to: file)
        return try run(arguments + [file.path] + trailing)
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

    private static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("elicense-render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
