#if canImport(Glibc)
    import Glibc
#endif

/// Names and limits of protocol v1, shared by the SDK and the front system.
public enum ProtocolV1 {
    /// Path prefix of every authenticated endpoint.
    public static let pathPrefix = "/v1"
    /// First line of a canonical request string; names the algorithm suite.
    public static let requestAlgorithm = "ELIC-SM2-SM3-V1"
    /// First line of a canonical response string.
    public static let responseAlgorithm = "ELIC-SM2-SM3-V1-RESPONSE"
    /// Default accepted clock skew between caller and front, in seconds (both directions).
    public static let defaultSkewSeconds: Int64 = 300
    /// Largest request body the front accepts, in bytes.
    public static let maxRequestBodyBytes = 1 << 20

    public enum Header {
        public static let appID = "X-Elic-App-Id"
        /// Which of the signer's keys signed (during a key changeover two may be valid).
        public static let keyID = "X-Elic-Key-Id"
        public static let timestamp = "X-Elic-Timestamp"
        public static let nonce = "X-Elic-Nonce"
        public static let signature = "X-Elic-Signature"
        /// Set by the front on every response, also recorded in the audit log.
        public static let requestID = "X-Elic-Request-Id"
        /// The caller's time left for the whole call, in milliseconds (docs/protocol.md §3.1):
        /// sent by the SDK and by a front to its provincial endpoint; not signed.
        public static let timeoutMilliseconds = "X-Elicense-Timeout-Ms"
    }

    /// One deadline from the caller through the front to the provincial system (docs/protocol.md §10).
    public enum Deadline {
        /// Kept back by a front from the caller's time for its own answer (audit, signature, the
        /// way back), so that `upstream_timeout` reaches the caller before its own deadline.
        public static let replyMarginMilliseconds = 250
        /// No retry (of the SDK, or of a front calling its provincial endpoint) nor the last
        /// poll of a login wait starts with less time left: the front it calls keeps its
        /// margin and needs 500 ms for a provincial call. A first attempt always starts.
        public static let minimumAttemptMilliseconds = replyMarginMilliseconds + 500
        /// Largest value taken from the header; longer budgets are the front's own limit anyway.
        public static let maxHeaderMilliseconds = 3_600_000

        /// The header's value when it is 1–9 ASCII digits naming 1 ms or more; nil otherwise
        /// (garbage is ignored, not refused: the header is advice from an unsigned field).
        public static func milliseconds(header value: String?) -> Int? {
            guard let value, (1...9).contains(value.utf8.count), value.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
                let milliseconds = Int(value), milliseconds > 0
            else { return nil }
            return min(milliseconds, maxHeaderMilliseconds)
        }
    }

    /// A host or peer address that is this machine — where plain HTTP is acceptable without TLS,
    /// and who may read the metrics: an address in 127.0.0.0/8 (dotted quad, or IPv4-mapped
    /// `::ffff:127.x.x.x` as a dual-stack listener reports IPv4 peers), `::1` (without brackets),
    /// or the name `localhost` exactly. The address is parsed, not matched by prefix:
    /// `127.0.0.1.example.invalid` is a remote name. The one loopback rule of SDK and front.
    public static func isLoopbackHost(_ host: String) -> Bool {
        if host == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 { return UInt32(bigEndian: v4.s_addr) >> 24 == 127 }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, host, &v6) == 1 else { return false }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        let mapped = bytes[0..<12].elementsEqual([UInt8](repeating: 0, count: 10) + [0xff, 0xff]) && bytes[12] == 127
        return mapped || bytes.elementsEqual([UInt8](repeating: 0, count: 15) + [1])
    }

    /// `[A-Za-z0-9_-]{16,64}`: at least 64 bits of entropy when random hex.
    public static func isValidNonce(_ nonce: String) -> Bool {
        (16...64).contains(nonce.utf8.count) && nonce.utf8.allSatisfy(isTokenByte)
    }

    /// `[A-Za-z0-9._-]{1,64}`.
    public static func isValidAppID(_ appID: String) -> Bool {
        (1...64).contains(appID.utf8.count) && appID.utf8.allSatisfy { isTokenByte($0) || $0 == UInt8(ascii: ".") }
    }

    public static func isTokenByte(_ b: UInt8) -> Bool {
        (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b)
            || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
    }
}
