import CCurlShim
import ELicenseCore
import ELicenseProtocol

/// Why TLS with the front failed, told apart for a person (`elicense doctor`): a call's `tls`
/// error says only that the peer was not verified, and the fix differs by cause.
public enum TLSDiagnosis: Sendable, Equatable {
    /// The handshake succeeded.
    case verified
    /// The certificate names another host than front_url's.
    case hostNameMismatch(String)
    case expired
    case notYetValid
    /// No certificate in ca_bundle (or the system's store without one) issued the front's.
    case untrustedIssuer(String)
    /// Another failure, in libcurl's or OpenSSL's words.
    case other(String)

    /// Connects to the front once more (`HEAD /healthz`, nothing signed) only to read libcurl's
    /// error buffer and OpenSSL's verification result (CURLINFO_SSL_VERIFYRESULT).
    public static func probe(_ config: ClientConfig) -> TLSDiagnosis {
        guard ecurl_global_init_once() == CURLE_OK, let curl = curl_easy_init() else {
            return .other("curl_easy_init failed")
        }
        defer { curl_easy_cleanup(curl) }
        var buffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let code = buffer.withUnsafeMutableBufferPointer { errors -> CURLcode in
            var ok = true
            func set(_ code: CURLcode) { ok = ok && code == CURLE_OK }
            let base = config.frontURL.hasSuffix("/") ? String(config.frontURL.dropLast()) : config.frontURL
            set(ecurl_setopt_string(curl, CURLOPT_URL, base + "/healthz"))
            set(ecurl_setopt_long(curl, CURLOPT_NOBODY, 1))
            set(ecurl_setopt_long(curl, CURLOPT_NOSIGNAL, 1))
            set(ecurl_setopt_long(curl, CURLOPT_TIMEOUT_MS, min(config.timeoutMilliseconds, 10_000)))
            set(ecurl_setopt_string(curl, CURLOPT_PROTOCOLS_STR, "https"))
            set(ecurl_setopt_pointer(curl, CURLOPT_ERRORBUFFER, errors.baseAddress))
            if let ca = config.caBundle { set(ecurl_setopt_string(curl, CURLOPT_CAINFO, ca)) }
            if let proxy = config.proxy { set(ecurl_setopt_string(curl, CURLOPT_PROXY, proxy)) }
            guard ok else { return CURLE_FAILED_INIT }
            return curl_easy_perform(curl)
        }
        var verifyResult = 0
        _ = ecurl_getinfo_long(curl, CURLINFO_SSL_VERIFYRESULT, &verifyResult)
        let message = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if code == CURLE_OK { return .verified }
        return classify(
            verifyResult: verifyResult, message: message.isEmpty ? String(cString: curl_easy_strerror(code)) : message)
    }

    /// OpenSSL's X509_V_ERR_* result first (chain, dates); libcurl checks the host name itself
    /// after OpenSSL accepted the chain, so a mismatch shows only in its message.
    static func classify(verifyResult: Int, message: String) -> TLSDiagnosis {
        switch verifyResult {
        case 9: return .notYetValid  // X509_V_ERR_CERT_NOT_YET_VALID
        case 10: return .expired  // X509_V_ERR_CERT_HAS_EXPIRED
        case 2, 18, 19, 20, 21:  // unable to get issuer, self-signed leaf or chain, unable to verify leaf
            return .untrustedIssuer(message)
        case 62, 64: return .hostNameMismatch(message)  // X509_V_ERR_HOSTNAME_MISMATCH, IP_ADDRESS_MISMATCH
        default:
            let lower = message.lowercased()
            if lower.contains("subject name") || lower.contains("target host name") {
                return .hostNameMismatch(message)
            }
            return .other(message)
        }
    }
}
