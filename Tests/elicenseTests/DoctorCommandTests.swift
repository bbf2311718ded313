import ELicenseCore
import ELicenseCrypto
import ELicenseProtocol
import ELicenseTestSupport
import Foundation
import Testing

/// `elicense doctor` as a department runs it: each TLS failure with the fix for its cause, and
/// warnings that do not fail the run.
@Suite struct DoctorCommandTests {
    /// What is wrong with the certificate `openssl s_server` presents, and the words of the fix.
    enum BadCertificate: String, CaseIterable, Sendable {
        case expired, notYetValid, otherHost, unknownIssuer

        var hint: String {
            switch self {
            case .expired: "the front's certificate has expired"
            case .notYetValid: "the front's certificate is not valid yet"
            case .otherHost: "the certificate names another host"
            case .unknownIssuer: "ca_bundle must hold the CA of the front's certificate"
            }
        }

        /// `openssl ca -startdate/-enddate`: OpenSSL 3.0's `req -x509` cannot date a certificate.
        var dates: (String, String) {
            switch self {
            case .expired: ("20200101000000Z", "20200102000000Z")
            case .notYetValid: ("20400101000000Z", "20410101000000Z")
            case .otherHost, .unknownIssuer: ("20200101000000Z", "20991231000000Z")
            }
        }
    }

    @Test(arguments: BadCertificate.allCases)
    func tlsFailureNamesItsCause(_ bad: BadCertificate) throws {
        let dir = try temporaryDirectory("elicense-doctor").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let host = bad == .otherHost ? "DNS:other.example" : "IP:127.0.0.1"
        let (certificate, key) = try Self.certificate(in: dir, name: "front", subjectAltName: host, dates: bad.dates)
        let trusted =
            bad == .unknownIssuer
            ? try Self.certificate(in: dir, name: "other", subjectAltName: host, dates: bad.dates).certificate
            : certificate
        let server = try ChildProcess(
            "openssl", ["s_server", "-accept", "127.0.0.1:0", "-cert", certificate, "-key", key, "-www"])
        defer { server.stop() }
        let port = try Self.acceptedPort(server)
        let config = try Self.clientConfig(in: dir, frontURL: "https://127.0.0.1:\(port)", caBundle: trusted)

        let result = try CLI.run(["doctor", "--config", config])
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.contains("✗ 连接前置系统 reaching the front"), "\(result)")
        #expect(result.stdout.contains(bad.hint), "\(result)")
        for other in BadCertificate.allCases where other != bad {
            #expect(!result.stdout.contains(other.hint), "\(result)")
        }
    }

    /// An unpinned front key and a pinned key the front dropped are warnings: exit 0.
    @Test func frontKeyChangesAreWarningsNotFailures() throws {
        let dir = try temporaryDirectory("elicense-doctor").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let front = URL(fileURLWithPath: CLI.executable).deletingLastPathComponent().appendingPathComponent(
            "elicense-front"
        ).path
        let port = try Self.freePort()
        let yaml = dir + "/front.yaml"
        try "port: \(port)\n".write(toFile: yaml, atomically: true, encoding: .utf8)
        let options = ["--config", yaml, "--data-dir", dir + "/data", "--sandbox"]
        let added = try ChildProcess.run(
            front,
            [
                "unit", "add", CLI.packageRoot.appendingPathComponent("Examples/front/access-form.yaml").path,
                "--out-dir", dir + "/clients",
            ] + options)
        try #require(added.status == 0, "\(added)")
        // Announced for a changeover (protocol §7): published, not pinned by the issued configuration.
        let next = try SM2PrivateKey()
        try SecureFile.create(dir + "/data/keys/front-sandbox-next.key.pem", contents: try next.pemRepresentation())
        let server = try ChildProcess(front, ["serve"] + options)
        defer { server.stop() }
        let deadline = ContinuousClock.now + .seconds(30)
        while (try? ChildProcess.run("curl", ["-fsS", "http://127.0.0.1:\(port)/healthz"]).status) != 0 {
            try #require(server.isRunning && ContinuousClock.now < deadline, "\(server.stdout)\(server.stderr)")
            usleep(100_000)
        }

        let issued = try #require(
            try FileManager.default.contentsOfDirectory(atPath: dir + "/clients").first { $0.hasSuffix(".json") })
        var client = try WireJSON.decode(
            ClientConfig.self, from: Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/clients/" + issued))))
        let stale = try SM2PrivateKey().publicKey
        client.frontPublicKeysPEM.append(try stale.pemRepresentation())
        let config = try Self.write(client, in: dir)

        let result = try CLI.run(["doctor", "--config", config])
        #expect(result.status == 0, "\(result)")
        #expect(
            result.stdout.contains(
                "⚠ 前置系统公布了未固定的密钥 the front publishes keys not pinned here: \(try next.publicKey.keyID())"),
            "\(result)")
        #expect(
            result.stdout.contains("⚠ 已固定的密钥前置系统已不再公布 pinned keys the front no longer publishes: \(try stale.keyID())"),
            "\(result)")
        #expect(result.stdout.contains("passed with 2 warning(s)"), "\(result)")
        #expect(!result.stdout.contains("✗"), "\(result)")
    }

    /// A self-signed certificate for `subjectAltName`, valid between `dates`; returns its paths.
    static func certificate(
        in dir: String, name: String, subjectAltName: String, dates: (String, String)
    ) throws -> (certificate: String, key: String) {
        let ca = dir + "/\(name)-ca"
        try FileManager.default.createDirectory(atPath: ca, withIntermediateDirectories: true)
        try "".write(toFile: ca + "/index.txt", atomically: true, encoding: .utf8)
        try """
        [ca]
        default_ca = d
        [d]
        database = \(ca)/index.txt
        new_certs_dir = \(ca)
        default_md = sha256
        policy = p
        copy_extensions = copy
        rand_serial = yes
        [p]
        commonName = supplied
        """.write(toFile: ca + "/ca.cnf", atomically: true, encoding: .utf8)
        let key = dir + "/\(name).key", request = dir + "/\(name).csr", certificate = dir + "/\(name).crt"
        _ = try ChildProcess.output([
            "openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-subj", "/CN=\(name)", "-addext", "subjectAltName=\(subjectAltName)", "-keyout", key, "-out", request,
        ])
        _ = try ChildProcess.output([
            "openssl", "ca", "-config", ca + "/ca.cnf", "-batch", "-selfsign", "-keyfile", key, "-in", request,
            "-out", certificate, "-notext", "-startdate", dates.0, "-enddate", dates.1,
        ])
        return (certificate, key)
    }

    /// The port `openssl s_server -accept 127.0.0.1:0` reports.
    static func acceptedPort(_ server: ChildProcess) throws -> Int {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if let match = server.stdout.firstMatch(of: /ACCEPT 127\.0\.0\.1:([0-9]+)/), let port = Int(match.1) {
                return port
            }
            usleep(20_000)
        }
        throw ChildProcess.Failure(description: "openssl s_server did not listen: \(server.stdout)\(server.stderr)")
    }

    /// A client configuration for `frontURL` with fresh keys (the TLS failure comes first).
    static func clientConfig(in dir: String, frontURL: String, caBundle: String) throws -> String {
        var client = ClientConfig(
            profile: .sandbox, frontURL: frontURL, appID: "app-doctor",
            privateKeyPEM: try SM2PrivateKey().pemRepresentation(),
            frontPublicKeysPEM: [try SM2PrivateKey().publicKey.pemRepresentation()])
        client.caBundle = caBundle
        return try write(client, in: dir)
    }

    static func write(_ client: ClientConfig, in dir: String) throws -> String {
        let path = dir + "/client.json"
        try SecureFile.create(path, bytes: Array(try JSONEncoder().encode(client)))
        return path
    }

    /// A loopback port free now (bound to 0 by Python's socket module, released).
    static func freePort() throws -> Int {
        let text = try ChildProcess.output([
            "python3", "-c", "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])",
        ])
        guard let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw ChildProcess.Failure(description: "no port: \(text)")
        }
        return port
    }
}
