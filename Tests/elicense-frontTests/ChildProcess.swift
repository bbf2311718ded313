import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A program a test runs. Output goes to files rather than pipes, so a child that never exits
/// cannot hang the test on a read, and every wait has a deadline.
final class ChildProcess {
    struct Result: CustomStringConvertible {
        /// The exit status, or 128 + the signal number when a signal ended the process.
        let status: Int32
        let stdout: String
        let stderr: String
        /// Both streams, for messages whose stream does not matter to the person reading them.
        var output: String { stdout + stderr }
        var description: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let commandLine: String
    private let process = Process()
    private let directory: URL

    /// Starts `executable`: a path, or a program name looked up in PATH.
    init(_ executable: String, _ arguments: [String], stdin: String? = nil) throws {
        commandLine = ([executable] + arguments).joined(separator: " ")
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("elicense-child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data((stdin ?? "").utf8).write(to: directory.appendingPathComponent("stdin"))
        try Data().write(to: directory.appendingPathComponent("stdout"))
        try Data().write(to: directory.appendingPathComponent("stderr"))
        process.executableURL = URL(fileURLWithPath: executable.contains("/") ? executable : "/usr/bin/env")
        process.arguments = executable.contains("/") ? arguments : [executable] + arguments
        process.standardInput = FileHandle(forReadingAtPath: directory.path + "/stdin")
        process.standardOutput = FileHandle(forWritingAtPath: directory.path + "/stdout")
        process.standardError = FileHandle(forWritingAtPath: directory.path + "/stderr")
        try process.run()
    }

    var isRunning: Bool { process.isRunning }
    var stdout: String { (try? String(contentsOfFile: directory.path + "/stdout", encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: directory.path + "/stderr", encoding: .utf8)) ?? "" }

    /// The exit status once the process has exited by itself; nil while it runs or when a
    /// signal killed it.
    var exitStatus: Int32? { process.isRunning || process.terminationReason != .exit ? nil : process.terminationStatus }

    func signal(_ number: Int32) {
        if process.isRunning { kill(process.processIdentifier, number) }
    }

    /// Whether the process ended before `timeout`.
    func wait(timeout: Duration) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else { return false }
            usleep(10_000)
        }
        return true
    }

    /// Kills the process if it still runs and removes its output files; for a `defer`.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs a program to completion; one still running after `timeout` is killed and reported.
    static func run(_ executable: String, _ arguments: [String], stdin: String? = nil,
                    timeout: Duration = .seconds(60)) throws -> Result {
        let child = try ChildProcess(executable, arguments, stdin: stdin)
        defer { child.stop() }
        guard child.wait(timeout: timeout) else {
            throw Failure(description: "\(child.commandLine) still running after \(timeout)\n\(child.stdout)\n\(child.stderr)")
        }
        let status = child.process.terminationReason == .exit ? child.process.terminationStatus : 128 + child.process.terminationStatus
        return Result(status: status, stdout: child.stdout, stderr: child.stderr)
    }
}
