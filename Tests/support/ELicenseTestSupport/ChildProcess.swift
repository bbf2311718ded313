import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A program a test runs. Its standard streams are files, not pipes: a child that fills one pipe
/// while the test drains the other cannot block either side, a child that never exits cannot
/// hang the test on a read, and every wait has a deadline. The one place test targets start
/// processes (Package.swift's ELicenseTestSupport).
public final class ChildProcess {
    public struct Result: CustomStringConvertible, Sendable {
        /// The exit status, or 128 + the signal number when a signal ended the process.
        public let status: Int32
        public let stdout: String
        public let stderr: String
        public let commandLine: String
        /// Both streams, for messages whose stream does not matter to the person reading them.
        public var output: String { stdout + stderr }
        public var description: String { "\(commandLine): exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }

        /// The standard output of a run that exited 0; otherwise a failure naming the command, so
        /// a missing tool (status 127) is a visible failure, never a silent skip.
        public func succeeded() throws -> String {
            guard status == 0 else {
                throw Failure(description: "\(commandLine) exited \(status)" + (status == 127 ? " (not installed?)" : "")
                    + ": \(stderr)")
            }
            return stdout
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    public let commandLine: String
    private let process = Process()
    private let directory: URL

    /// Starts `executable`: a path, or a program name looked up in PATH.
    public init(_ executable: String, _ arguments: [String], stdin: [UInt8] = []) throws {
        commandLine = ([executable] + arguments).joined(separator: " ")
        directory = try temporaryDirectory("elicense-child")
        try Data(stdin).write(to: directory.appendingPathComponent("stdin"))
        try Data().write(to: directory.appendingPathComponent("stdout"))
        try Data().write(to: directory.appendingPathComponent("stderr"))
        process.executableURL = URL(fileURLWithPath: executable.contains("/") ? executable : "/usr/bin/env")
        process.arguments = executable.contains("/") ? arguments : [executable] + arguments
        process.standardInput = FileHandle(forReadingAtPath: directory.path + "/stdin")
        process.standardOutput = FileHandle(forWritingAtPath: directory.path + "/stdout")
        process.standardError = FileHandle(forWritingAtPath: directory.path + "/stderr")
        do {
            try process.run()
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    public convenience init(_ executable: String, _ arguments: [String], stdin: String) throws {
        try self.init(executable, arguments, stdin: Array(stdin.utf8))
    }

    public var isRunning: Bool { process.isRunning }
    public var stdout: String { (try? String(contentsOfFile: directory.path + "/stdout", encoding: .utf8)) ?? "" }
    public var stderr: String { (try? String(contentsOfFile: directory.path + "/stderr", encoding: .utf8)) ?? "" }

    /// The exit status once the process has exited by itself; nil while it runs or when a
    /// signal killed it.
    public var exitStatus: Int32? { process.isRunning || process.terminationReason != .exit ? nil : process.terminationStatus }

    public func signal(_ number: Int32) {
        if process.isRunning { kill(process.processIdentifier, number) }
    }

    /// Whether the process ended before `timeout`.
    public func wait(timeout: Duration) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else { return false }
            usleep(10_000)
        }
        return true
    }

    /// Kills the process if it still runs and removes its output files; for a `defer`.
    public func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs a program to completion; one still running after `timeout` is killed and reported.
    public static func run(_ executable: String, _ arguments: [String], stdin: [UInt8] = [],
                           timeout: Duration = .seconds(60)) throws -> Result {
        let child = try ChildProcess(executable, arguments, stdin: stdin)
        defer { child.stop() }
        guard child.wait(timeout: timeout) else {
            throw Failure(description: "\(child.commandLine) still running after \(timeout)\n\(child.stdout)\n\(child.stderr)")
        }
        let status = child.process.terminationReason == .exit ? child.process.terminationStatus : 128 + child.process.terminationStatus
        return Result(status: status, stdout: child.stdout, stderr: child.stderr, commandLine: child.commandLine)
    }

    /// The standard output of `command` (a program name or path, then its arguments), which must
    /// exit 0 (see ``Result/succeeded()``).
    public static func output(_ command: [String], stdin: [UInt8] = []) throws -> String {
        guard let executable = command.first else { throw Failure(description: "no command") }
        return try run(executable, Array(command.dropFirst()), stdin: stdin).succeeded()
    }

    public static func run(_ executable: String, _ arguments: [String], stdin: String,
                           timeout: Duration = .seconds(60)) throws -> Result {
        try run(executable, arguments, stdin: Array(stdin.utf8), timeout: timeout)
    }
}

/// A fresh directory under the system's temporary directory; the caller removes it in a `defer`.
public func temporaryDirectory(_ prefix: String = "elicense-test") throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
