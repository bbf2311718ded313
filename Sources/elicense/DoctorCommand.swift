import ArgumentParser
import ELicenseClient
import ELicenseCore
import ELicenseCrypto
import ELicenseProtocol
import Foundation

struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract:
            "接入自检 — check the configuration, keys, TLS, connectivity and clock against the front; each failure with a fix.",
        discussion: """
            Exit status: 0 when every check passed, warnings (⚠) included — they need attention soon but calls \
            work today; 1 when a check failed (✗): calls fail until it is fixed.
            """
    )

    @OptionGroup var client: ClientOptions

    func run() throws {
        var failures = 0
        var warnings = 0
        func report(_ ok: Bool, _ what: String, hint: String? = nil) {
            print("\(ok ? "✓" : "✗") \(what)")
            if !ok, let hint { print("    → \(hint)") }
            if !ok { failures += 1 }
        }
        func warn(_ what: String, hint: String) {
            print("⚠ \(what)")
            print("    → \(hint)")
            warnings += 1
        }

        let client: ELicenseClient
        do {
            client = try self.client.client()
            report(
                true, "配置可读且有效 configuration readable and valid (app \(client.config.appID), \(client.config.frontURL))"
            )
        } catch let error as ELicenseError {
            report(false, "配置 configuration: \(error)", hint: Self.hint(error.code))
            throw ExitCode(1)
        }

        let started = Date()
        let who: WhoAmI
        do {
            who = try client.whoami()
        } catch {
            let hint = error.code == .tls ? Self.hint(TLSDiagnosis.probe(client.config)) : Self.hint(error.code)
            report(false, "连接前置系统 reaching the front: \(error)", hint: hint)
            throw ExitCode(1)
        }
        let tls = client.config.frontURL.hasPrefix("https://")
        report(
            true,
            "连接与\(tls ? " TLS " : "")应答签名正常 connected\(tls ? ", TLS verified" : " (plain HTTP on this machine)"), response signature verified (\(Int(Date().timeIntervalSince(started) * 1000)) ms)"
        )
        report(
            who.keyID == client.keyID, "私钥与登记的公钥匹配 private key matches the registered key \(who.keyID)",
            hint: "前置系统按另一把密钥验证了请求，请向运维核对 the front verified another key: ask the operator which key is registered")
        // whoami() has refused a front of another profile (profile_mismatch, reported above).
        report(true, "环境一致 profile \(who.profile.rawValue)")
        let skew = Int(Date().timeIntervalSince1970) - Int(who.serverTime.secondsSince1970)
        let skewHint =
            "请用 NTP 同步本机时钟（超过 ±300 秒请求将被拒绝）synchronise this machine's clock with NTP; beyond ±300 s requests are refused"
        if abs(skew) <= 60 {
            report(true, "时钟偏差 clock skew \(skew) s")
        } else if abs(skew) <= 300 {
            warn("时钟偏差 clock skew \(skew) s", hint: skewHint)
        } else {
            report(false, "时钟偏差 clock skew \(skew) s", hint: skewHint)
        }
        print("  应用 app: \(who.appName)（\(who.unitName)）")

        do {
            let pinned = try client.config.frontPublicKeysPEM.map { try SM2PublicKey(pem: $0).keyID() }
            let published = try client.keys().front.map(\.keyID)
            let unpinned = published.filter { !pinned.contains($0) }
            let withdrawn = pinned.filter { !published.contains($0) }
            if unpinned.isEmpty {
                report(true, "已固定前置系统全部公钥 all published front keys pinned")
            } else {
                warn(
                    "前置系统公布了未固定的密钥 the front publishes keys not pinned here: \(unpinned.joined(separator: ", "))",
                    hint:
                        "请在前置系统换用新密钥前加入 front_public_keys_pem（可用 elicense-front keys 核对）add them to front_public_keys_pem before the front switches to them"
                )
            }
            if !withdrawn.isEmpty {
                warn(
                    "已固定的密钥前置系统已不再公布 pinned keys the front no longer publishes: \(withdrawn.joined(separator: ", "))",
                    hint:
                        "密钥轮换已完成时请从 front_public_keys_pem 删除；若非轮换所致，请向运维核实前置系统地址 remove them from front_public_keys_pem once the changeover is over; otherwise ask the operator whether front_url is the right front"
                )
            }
        } catch {
            report(false, "前置系统公钥 front keys: \(error)")
        }
        if failures > 0 { throw ExitCode(1) }
        print(warnings == 0 ? "一切正常 all checks passed" : "通过，有 \(warnings) 条警告 passed with \(warnings) warning(s)")
    }

    /// A TLS failure told apart by its cause: each has a different fix.
    static func hint(_ diagnosis: TLSDiagnosis) -> String {
        switch diagnosis {
        case .hostNameMismatch(let detail):
            "证书上的主机名与 front_url 不符：front_url 应使用证书所列的域名或 IP（\(detail)）the certificate names another host: use in front_url the name or IP address the certificate lists"
        case .expired:
            "前置系统证书已过期，请运维更换证书（或检查本机时钟）the front's certificate has expired: the operator must renew it (or this machine's clock is wrong)"
        case .notYetValid:
            "前置系统证书尚未生效：检查本机时钟，或请运维核对证书有效期 the front's certificate is not valid yet: check this machine's clock, or ask the operator about the certificate's dates"
        case .untrustedIssuer(let detail):
            "证书的签发机构不受信任：ca_bundle 应包含签发前置系统证书的 CA（\(detail)）the certificate's issuer is not trusted: ca_bundle must hold the CA of the front's certificate"
        case .other(let detail):
            "TLS 失败（\(detail)）：检查 ca_bundle、front_url 与代理 TLS failed: check ca_bundle, front_url and the proxy"
        case .verified:
            "TLS 时好时坏：检查网络与代理 TLS failed once, then passed: check the network and the proxy"
        }
    }

    static func hint(_ code: ErrorCode) -> String {
        switch code {
        case .ioError: "检查 --config 路径及文件权限 check the --config path and the file's permissions"
        case .invalidConfig, .invalidUTF8:
            "配置文件应为前置系统签发的 JSON；勿手工修改密钥 the file must be the JSON the front issued; do not edit keys by hand"
        case .keyInvalid: "私钥或前置系统公钥 PEM 损坏，请向运维重新索取配置 a key PEM is damaged: ask the operator for a new configuration"
        case .network:
            "检查 front_url、政务外网连通性与防火墙 check front_url, the extranet route and firewalls (curl \(".../healthz"))"
        case .timeout:
            "前置系统无应答：检查网络、代理设置或调大 timeout_ms the front did not answer: check the network, proxy, or raise timeout_ms"
        case .responseSignatureInvalid:
            "应答签名不符：front_public_keys_pem 与前置系统密钥不一致，或中间有代理篡改 response signature mismatch: pinned front keys differ, or something in between altered the answer"
        case .appUnknown: "app_id 未在该前置系统登记 app_id is not registered at this front: check front_url and app_id"
        case .signatureInvalid: "私钥与前置系统登记的公钥不匹配 the private key does not match the registered public key"
        case .timestampSkew: "本机时钟偏差过大，请同步 NTP this machine's clock is off: synchronise it with NTP"
        case .addressForbidden:
            "本机地址不在接入信息表登记的来源地址内 this machine's address is not among the filed source addresses: ask the operator"
        case .appDisabled: "应用或单位已被停用，请联系运维 the application or unit is disabled: contact the operator"
        case .profileMismatch: "沙箱与生产凭据不能混用 sandbox and production credentials cannot be mixed"
        case .rateLimited: "调用过于频繁，稍后重试 too many calls: retry later"
        default: "请联系前置系统运维并提供 request_id contact the front's operator with the request_id"
        }
    }
}
