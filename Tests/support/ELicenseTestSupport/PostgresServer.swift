import Foundation

/// The PostgreSQL 15 the tests use: `ELICENSE_TEST_POSTGRES_URL` (with
/// `ELICENSE_TEST_POSTGRES_PASSWORD_FILE` when it needs a password), or else one started once per
/// test process with Tests/support/postgres.sh, which stops it and removes its directory once the
/// process has exited.
public enum PostgresServer {
    public struct Connection: Sendable {
        /// `postgres://USER@127.0.0.1:PORT/DATABASE`, without a password.
        public let url: String
        public let passwordFile: String?

        public var password: String? {
            passwordFile.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) }?
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// Started on first use; a failure to start fails every test that needs it, naming why.
    public static let shared: Result<Connection, ChildProcess.Failure> = {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["ELICENSE_TEST_POSTGRES_URL"], !url.isEmpty {
            return .success(Connection(url: url, passwordFile: environment["ELICENSE_TEST_POSTGRES_PASSWORD_FILE"]))
        }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../postgres.sh").standardized.path
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("elicense-pg-\(getpid())-\(UUID().uuidString.prefix(8))").path
        do {
            let result = try ChildProcess.run(
                "/usr/bin/env", ["ELICENSE_POSTGRES_OWNER_PID=\(getpid())", script, "start", directory],
                timeout: .seconds(120))
            let url = try result.succeeded().trimmingCharacters(in: .whitespacesAndNewlines)
            return .success(Connection(url: url, passwordFile: directory + "/password"))
        } catch let failure as ChildProcess.Failure {
            return .failure(failure)
        } catch {
            return .failure(ChildProcess.Failure(description: "\(error)"))
        }
    }()
}
