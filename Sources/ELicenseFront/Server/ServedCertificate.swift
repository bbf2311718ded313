import ELicenseCore
import Foundation
import NIOSSL

/// The TLS certificate and key the front serves, read and checked: a key that is not the
/// certificate's is refused by name, and a certificate outside its validity, or close to its
/// end, is reported for the operator to act on.
struct ServedCertificate: Sendable {
    let context: NIOSSLContext
    let subject: String
    /// The leaf certificate's validity, in seconds since 1970.
    let notBefore: Int64
    let notAfter: Int64

    /// How long before its expiry a certificate is reported.
    static let renewalWarningSeconds: Int64 = 30 * 86_400

    static func load(_ files: FrontConfig.TLSFiles) throws(ELicenseError) -> ServedCertificate {
        let chain: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
        do { chain = try NIOSSLCertificate.fromPEMFile(files.certificateFile) } catch {
            throw ELicenseError(
                .invalidConfig,
                "TLS 证书无法读取 (cannot read the TLS certificate \(files.certificateFile): \(error))")
        }
        guard let leaf = chain.first else {
            throw ELicenseError(
                .invalidConfig, "TLS 证书文件中没有证书 (no certificate in \(files.certificateFile))")
        }
        do { key = try NIOSSLPrivateKey(file: files.privateKeyFile, format: .pem) } catch {
            throw ELicenseError(
                .invalidConfig,
                "TLS 私钥无法读取 (cannot read the TLS private key \(files.privateKeyFile): \(error))")
        }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(
                configuration: FrontApplication.tlsConfiguration(
                    certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key)))
        } catch NIOSSLError.failedToLoadPrivateKey {
            // Both files were read above; BoringSSL refuses the pair when the key is not the
            // certificate's.
            throw ELicenseError(
                .invalidConfig,
                "TLS 私钥与证书不匹配 (the TLS private key \(files.privateKeyFile) does not belong to the certificate \(files.certificateFile); install the key issued with this certificate)"
            )
        } catch {
            throw ELicenseError(.invalidConfig, "TLS 配置无效 (invalid TLS configuration: \(error))")
        }
        return ServedCertificate(
            context: context, subject: leaf.description, notBefore: Int64(leaf.notValidBefore),
            notAfter: Int64(leaf.notValidAfter))
    }

    /// What the operator must hear about the certificate's validity at `now`, or nil.
    func validityWarning(now: Int64) -> String? {
        let until = Self.date(notAfter)
        if now < notBefore {
            return
                "TLS 证书尚未生效 (the TLS certificate is not valid before \(Self.date(notBefore)); clients refuse it until then)"
        }
        if now >= notAfter {
            return "TLS 证书已过期 (the TLS certificate expired at \(until); clients refuse it: renew it and reload)"
        }
        if notAfter - now < Self.renewalWarningSeconds {
            let days = (notAfter - now) / 86_400
            return "TLS 证书即将过期 (the TLS certificate expires at \(until), in \(days) days: renew it and reload)"
        }
        return nil
    }

    static func date(_ seconds: Int64) -> String {
        Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(.iso8601)
    }
}
