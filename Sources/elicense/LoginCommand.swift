import ArgumentParser
import ELicenseClient
import ELicenseCore
import ELicenseProtocol
import ELicenseQR
import Foundation

struct LoginCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract:
            "电子营业执照扫码登录 — log an enterprise in: show the QR code, wait for the e-license app, print who logged in."
    )

    @OptionGroup var client: ClientOptions
    @Option(help: "办理事项: the matter the login is for, shown to the enterprise.") var purpose: String
    @Option(help: "Seconds to wait for the enterprise.") var timeout = 300
    @Option(help: "Also write the QR content to this file (for scripts that play the e-license app).") var qrContentOut:
        String?
    @Option(help: "Write the grant token to this file (mode 0600) for later `license` / `material` calls.")
    var grantOut: String?
    @Flag(help: "Print the final status as JSON.") var json = false

    /// Longest --timeout, in seconds: more than any login lives.
    static let maxTimeoutSeconds = 86_400

    func validate() throws {
        guard (1...Self.maxTimeoutSeconds).contains(timeout) else {
            throw ValidationError(
                "--timeout 超出范围 1–\(Self.maxTimeoutSeconds) 秒 (--timeout \(timeout) is out of range 1–\(Self.maxTimeoutSeconds) seconds)"
            )
        }
    }

    func run() throws {
        let client = try client.client()
        let login = try client.startLogin(LoginRequest(purpose: purpose, qrFormat: "none"))
        if let qrContentOut { try login.qrContent.write(toFile: qrContentOut, atomically: true, encoding: .utf8) }
        let stderr = FileHandle.standardError
        func say(_ text: String) { stderr.write(Data(text.utf8)) }
        say(try QRMatrix(login.qrContent).terminalText() + "\n")
        say("请使用电子营业执照应用扫码 Scan with the e-license app: \(login.qrContent)\n")
        if let code = login.confirmationCode { say("确认码 Confirmation code (the app shows the same): \(code)\n") }
        let status = try client.waitLogin(login.loginID, timeoutMilliseconds: timeout * 1000) { status, elapsed in
            say("\r\u{1B}[2K状态 state: \(Self.describe(status.state))  \(elapsed / 1000) s")
            return true
        }
        say("\n")
        // Written before any output, JSON or text: a script asking for the file gets it or a failure.
        if status.state == .authorized, let grantOut {
            guard let grant = status.grant else {
                throw ELicenseError(.badResponse, "已授权但无 grant (authorized without a grant)")
            }
            try SecureFile.create(grantOut, contents: grant.token + "\n", replace: true)
        }
        if json {
            try Output.json(status)
        } else {
            try Self.report(status, grantOut: grantOut)
        }
        // Denied and expired are answers, not failures, but a script must see that no one logged in.
        guard status.state == .authorized else { throw ExitCode(2) }
    }

    static func report(_ status: LoginStatus, grantOut: String?) throws {
        switch status.state {
        case .authorized:
            guard let subject = status.subject, let grant = status.grant else {
                throw ELicenseError(.badResponse, "authorized without subject")
            }
            print("登录成功 logged in")
            Output.table([
                ("统一社会信用代码", subject.uscc.value), ("名称", subject.name),
                ("经办人", "\(subject.operator.nameMasked)（\(subject.operator.role.chinese)）"),
                ("授权范围", subject.operator.scope.map(\.rawValue).joined(separator: ", ")),
                ("授权有效期至", subject.operator.authorizationExpiresAt.rfc3339),
                (
                    "企业授权 grant",
                    "\(grant.scope.map(\.rawValue).joined(separator: ", ")) until \(grant.expiresAt.rfc3339)"
                ),
            ])
            if let grantOut { print("授权凭据已保存 grant saved: \(grantOut)") }
        case .denied:
            print("企业拒绝了登录 the enterprise denied the login")
        default:
            print("登录已过期 the login expired")
        }
    }

    static func describe(_ state: LoginState) -> String {
        switch state {
        case .pending: "等待扫码 waiting for the scan"
        case .scanned: "已扫码，等待确认 scanned, waiting for confirmation"
        case .authorized: "已确认 authorized"
        case .denied: "已拒绝 denied"
        case .expired: "已过期 expired"
        }
    }
}
