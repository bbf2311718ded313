import ELicenseTestSupport
import Foundation

/// TLS certificates made with the `openssl` command for one workspace: a private CA and leaf
/// certificates for 127.0.0.1 it signs, told apart by their organisation.
struct TestCertificates {
    let ws: Workspace
    var caCertificate: String { ws.root + "/ca.crt" }

    init(_ ws: Workspace) throws {
        self.ws = ws
        try Self.openssl([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "30",
            "-subj", "/CN=elicense test CA", "-keyout", ws.root + "/ca.key", "-out", caCertificate,
        ])
        try ws.write("leaf.ext", "subjectAltName=IP:127.0.0.1\n")
    }

    /// A key and a certificate `O=<organisation>, CN=127.0.0.1` valid for `days`, signed by the CA.
    func leaf(_ organisation: String, days: Int = 20) throws -> (certificate: String, key: String) {
        let base = ws.root + "/" + organisation
        try Self.openssl([
            "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-subj", "/O=\(organisation)/CN=127.0.0.1", "-keyout", base + ".key", "-out", base + ".csr",
        ])
        try Self.openssl([
            "x509", "-req", "-in", base + ".csr", "-CA", caCertificate, "-CAkey", ws.root + "/ca.key",
            "-CAcreateserial", "-days", String(days), "-extfile", ws.root + "/leaf.ext", "-out", base + ".crt",
        ])
        return (base + ".crt", base + ".key")
    }

    /// A self-signed certificate valid from `start` to `end` (openssl `ca` dates, YYYYMMDDHHMMSSZ),
    /// which `req -x509` cannot put in the past or the future.
    func dated(_ organisation: String, start: String, end: String) throws -> (certificate: String, key: String) {
        let base = ws.root + "/" + organisation
        try FileManager.default.createDirectory(atPath: base + ".ca", withIntermediateDirectories: true)
        try "".write(toFile: base + ".ca/index.txt", atomically: true, encoding: .utf8)
        try "01\n".write(toFile: base + ".ca/serial", atomically: true, encoding: .utf8)
        let config = try ws.write(
            organisation + ".cnf",
            """
            [ca]
            default_ca = d
            [d]
            database = \(base).ca/index.txt
            new_certs_dir = \(base).ca
            serial = \(base).ca/serial
            default_md = sha256
            policy = p
            copy_extensions = copy
            [p]
            organizationName = supplied
            commonName = supplied

            """)
        try Self.openssl([
            "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-subj", "/O=\(organisation)/CN=127.0.0.1", "-keyout", base + ".key", "-out", base + ".csr",
        ])
        try Self.openssl([
            "ca", "-batch", "-config", config, "-selfsign", "-keyfile", base + ".key", "-in", base + ".csr",
            "-startdate", start, "-enddate", end, "-out", base + ".crt",
        ])
        return (base + ".crt", base + ".key")
    }

    /// The organisation of the certificate a new TLS connection to the front is shown, checked
    /// against the CA; nil when no verified handshake happens.
    func served() -> String? {
        guard
            let answer = try? ChildProcess.run(
                "openssl",
                ["s_client", "-connect", "127.0.0.1:\(ws.port)", "-CAfile", caCertificate, "-verify_return_error"],
                stdin: "", timeout: .seconds(20)),
            answer.status == 0, let match = answer.output.firstMatch(of: /subject=O ?= ?([A-Za-z0-9-]+)/)
        else { return nil }
        return String(match.1)
    }

    /// The raw answer to `GET path` over TLS (checked against the CA).
    func get(_ path: String) -> String {
        (try? ChildProcess.run(
            "openssl",
            [
                "s_client", "-connect", "127.0.0.1:\(ws.port)", "-CAfile", caCertificate, "-verify_return_error",
                "-quiet",
            ],
            stdin: "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", timeout: .seconds(20)
        ).stdout) ?? ""
    }

    private static func openssl(_ arguments: [String]) throws {
        let result = try ChildProcess.run("openssl", arguments)
        guard result.status == 0 else { throw ChildProcess.Failure(description: "\(result)") }
    }
}
