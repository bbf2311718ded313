import ELicenseProtocol
import ELicenseTestSupport
import Foundation

/// One test's front system: a temporary directory holding its configuration file and data
/// directory, a free port, and `elicense-front` commands run against them. Remove it in a `defer`.
struct Workspace {
    let root: String
    let port: Int

    /// The `elicense-front` SwiftPM built beside this test bundle.
    static let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("elicense-front").path

    init() throws {
        root = try temporaryDirectory("elicense-front").path
        port = try Loopback.freePort()
        try configure("")
    }

    var configFile: String { root + "/front.yaml" }
    var dataDirectory: String { root + "/data" }
    var database: String { dataDirectory + "/front.sqlite" }

    /// Writes the configuration file. The port is in the file, not only on the command line,
    /// because `unit add` and `app add` write the front's URL into the client configurations.
    func configure(_ yaml: String) throws {
        try write("front.yaml", "port: \(port)\n" + yaml)
    }

    /// Writes a file in the workspace and returns its path.
    @discardableResult
    func write(_ name: String, _ contents: String) throws -> String {
        let path = root + "/" + name
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// `elicense-front <arguments> --config … --data-dir …`, run to completion.
    func front(_ arguments: [String]) throws -> ChildProcess.Result {
        try ChildProcess.run(Self.executable, arguments + ["--config", configFile, "--data-dir", dataDirectory])
    }

    /// Registers a unit from a filled form with `unit add` and returns its id.
    @discardableResult
    func addUnit(_ form: String, file: String = "form.yaml") throws -> String {
        try Self.unitID(try front(["unit", "add", try write(file, form)]))
    }

    /// The id of the unit `unit add` reported registering.
    static func unitID(_ result: ChildProcess.Result) throws -> String {
        guard result.status == 0, let match = result.stdout.firstMatch(of: /unit registered: (unit-[0-9a-f]+)/) else {
            throw ChildProcess.Failure(description: "unit add failed: \(result)")
        }
        return String(match.1)
    }

    /// Starts `elicense-front serve --sandbox` on the workspace's port and returns once
    /// `healthy` holds (by default: GET /healthz answers ok). Stop it in a `defer`.
    func serve(_ arguments: [String] = [], timeout: Duration = .seconds(30),
               healthy: (Workspace) -> Bool = { $0.healthz() }) throws -> ChildProcess {
        let server = try ChildProcess(Self.executable, ["serve", "--sandbox", "--port", String(port)] + arguments
                                                        + ["--config", configFile, "--data-dir", dataDirectory])
        let deadline = ContinuousClock.now + timeout
        while !healthy(self) {
            guard server.isRunning, ContinuousClock.now < deadline else {
                server.stop()
                throw ChildProcess.Failure(description: "serve did not become healthy:\n\(server.stdout)\n\(server.stderr)")
            }
            usleep(50_000)
        }
        return server
    }

    func healthz() -> Bool {
        guard let answer = Loopback.get(port: port, path: "/healthz") else { return false }
        return answer.hasPrefix("HTTP/1.1 200") && answer.contains(#""status":"ok""#)
    }

    /// The client configurations `unit add` wrote to their default place.
    func clientFiles() throws -> [String] {
        let directory = dataDirectory + "/clients"
        return try FileManager.default.contentsOfDirectory(atPath: directory).sorted().map { directory + "/" + $0 }
    }

    func clientConfig(_ path: String) throws -> ClientConfig {
        try WireJSON.decode(ClientConfig.self, from: Array(FileManager.default.contents(atPath: path) ?? Data()))
    }

    /// The configuration issued for the one application system a form listed.
    func issuedClientConfig() throws -> ClientConfig {
        let files = try clientFiles()
        guard files.count == 1 else { throw ChildProcess.Failure(description: "expected one client configuration, found \(files)") }
        return try clientConfig(files[0])
    }

    /// Runs SQL on the front's database with the sqlite3 command-line tool, as someone with
    /// access to the file could.
    func sqlite(_ sql: String) throws -> ChildProcess.Result {
        try ChildProcess.run("sqlite3", [database, sql])
    }

    static func mode(of path: String) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    }
}
