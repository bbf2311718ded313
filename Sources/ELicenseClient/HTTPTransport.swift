import CCurlShim
import ELicenseCore
#if canImport(Glibc)
import Glibc
#endif

/// One HTTP exchange as the client sees it.
struct HTTPReply: Sendable {
    let status: Int
    let headers: [String: String]
    let body: [UInt8]

    func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// HTTP over libcurl easy handles, pooled so that a connection (and its TLS session) is reused
/// by the next call; each handle serves one thread at a time, so the transport is thread-safe.
final class HTTPTransport: Sendable {
    struct Settings: Sendable {
        var connectTimeoutMilliseconds: Int
        var caBundle: String?
        var proxy: String?
    }

    /// Bodies beyond this are refused: a material document is a few hundred KiB.
    static let maxResponseBytes = 64 << 20

    private let settings: Settings
    private let idle = Locked<[Handle]>([])

    /// An easy handle; CURL pointers are not Sendable, but the pool hands each to one thread.
    final class Handle: @unchecked Sendable {
        let curl: OpaquePointer
        init(_ curl: OpaquePointer) { self.curl = curl }
        deinit { curl_easy_cleanup(UnsafeMutableRawPointer(curl)) }
    }

    init(settings: Settings) throws(ELicenseError) {
        guard ecurl_global_init_once() == CURLE_OK else { throw ELicenseError(.internal, "curl_global_init failed") }
        self.settings = settings
    }

    /// One exchange that ends within `timeoutMilliseconds` (the rest of the call's time).
    func perform(method: String, url: String, headers: [(String, String)], body: [UInt8]?,
                 timeoutMilliseconds: Int) throws(ELicenseError) -> HTTPReply {
        let handle = try take()
        defer { idle.withLock { $0.append(handle) } }
        let curl = UnsafeMutableRawPointer(handle.curl)
        curl_easy_reset(curl)
        let sink = Sink()
        let unmanaged = Unmanaged.passRetained(sink)
        defer { unmanaged.release() }
        var list: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(list) }
        for (name, value) in headers { list = curl_slist_append(list, "\(name): \(value)") }
        list = curl_slist_append(list, "Expect:") // no 100-continue round trip

        var ok = true
        func set(_ code: CURLcode) { ok = ok && code == CURLE_OK }
        set(ecurl_setopt_string(curl, CURLOPT_URL, url))
        set(ecurl_setopt_long(curl, CURLOPT_NOSIGNAL, 1)) // threads: no SIGALRM-based timeouts
        set(ecurl_setopt_long(curl, CURLOPT_CONNECTTIMEOUT_MS, min(settings.connectTimeoutMilliseconds, timeoutMilliseconds)))
        set(ecurl_setopt_long(curl, CURLOPT_TIMEOUT_MS, timeoutMilliseconds))
        set(ecurl_setopt_long(curl, CURLOPT_FOLLOWLOCATION, 0))
        set(ecurl_setopt_string(curl, CURLOPT_PROTOCOLS_STR, "http,https"))
        set(ecurl_setopt_string(curl, CURLOPT_CUSTOMREQUEST, method))
        if method == "GET" { set(ecurl_setopt_long(curl, CURLOPT_HTTPGET, 1)) }
        if let body { set(ecurl_setopt_postfields(curl, body, body.count)) }
        if let ca = settings.caBundle { set(ecurl_setopt_string(curl, CURLOPT_CAINFO, ca)) }
        if let proxy = settings.proxy { set(ecurl_setopt_string(curl, CURLOPT_PROXY, proxy)) }
        set(ecurl_setopt_slist(curl, CURLOPT_HTTPHEADER, list))
        set(ecurl_setopt_write(curl, CURLOPT_WRITEFUNCTION, Sink.write))
        set(ecurl_setopt_pointer(curl, CURLOPT_WRITEDATA, unmanaged.toOpaque()))
        set(ecurl_setopt_write(curl, CURLOPT_HEADERFUNCTION, Sink.header))
        set(ecurl_setopt_pointer(curl, CURLOPT_HEADERDATA, unmanaged.toOpaque()))
        guard ok else { throw ELicenseError(.invalidConfig, "libcurl refused an option (URL, proxy or CA bundle)") }

        let code = curl_easy_perform(curl)
        guard code == CURLE_OK else {
            if sink.overflow { throw ELicenseError(.badResponse, "response larger than \(Self.maxResponseBytes) bytes") }
            throw Self.failure(code)
        }
        var status = 0
        _ = ecurl_getinfo_long(curl, CURLINFO_RESPONSE_CODE, &status)
        return HTTPReply(status: status, headers: sink.headers, body: sink.body)
    }

    private func take() throws(ELicenseError) -> Handle {
        if let handle = idle.withLock({ $0.popLast() }) { return handle }
        guard let curl = curl_easy_init() else { throw ELicenseError(.internal, "curl_easy_init failed") }
        return Handle(OpaquePointer(curl))
    }

    /// libcurl's result as a catalogue error a caller can act on.
    static func failure(_ code: CURLcode) -> ELicenseError {
        let text = String(cString: curl_easy_strerror(code))
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return ELicenseError(.timeout, text)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
             CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS:
            return ELicenseError(.tls, text)
        case CURLE_URL_MALFORMAT:
            return ELicenseError(.invalidConfig, text)
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_WEIRD_SERVER_REPLY, CURLE_BAD_CONTENT_ENCODING:
            // front_url is checked at creation: here the answer was not HTTP (e.g. "Received HTTP/0.9").
            return ELicenseError(.badResponse, text)
        default:
            return ELicenseError(.network, text)
        }
    }

    /// Collects one response; reached from C through an unmanaged pointer.
    private final class Sink {
        var body: [UInt8] = []
        var headers: [String: String] = [:]
        var overflow = false

        static let write: ecurl_write_fn = { data, size, count, user in
            guard let data, let user else { return 0 }
            let sink = Unmanaged<Sink>.fromOpaque(user).takeUnretainedValue()
            let n = size * count // curl passes size 1 and at most CURL_MAX_WRITE_SIZE bytes
            guard n <= HTTPTransport.maxResponseBytes - sink.body.count else {
                sink.overflow = true
                return 0 // aborts the transfer
            }
            data.withMemoryRebound(to: UInt8.self, capacity: n) { sink.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: n)) }
            return n
        }

        static let header: ecurl_write_fn = { data, size, count, user in
            guard let data, let user else { return 0 }
            let sink = Unmanaged<Sink>.fromOpaque(user).takeUnretainedValue()
            let n = size * count
            let line = data.withMemoryRebound(to: UInt8.self, capacity: n) { String(decoding: UnsafeBufferPointer(start: $0, count: n), as: UTF8.self) }
            if line.hasPrefix("HTTP/") { sink.headers = [:] } // a new response (after 1xx or a proxy CONNECT)
            if let colon = line.firstIndex(of: ":") {
                let name = line[..<colon].lowercased()
                let value = line[line.index(after: colon)...].trimmingCharacters(in: " \t\r\n")
                sink.headers[name] = value
                // An announced size beyond the limit is refused before any of the body arrives.
                if name == "content-length", let size = Int(value), size > HTTPTransport.maxResponseBytes {
                    sink.overflow = true
                    return 0
                }
            }
            return n
        }
    }
}

private extension Substring {
    func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        guard let start = firstIndex(where: { !chars.contains($0) }), let end = lastIndex(where: { !chars.contains($0) }) else { return "" }
        return String(self[start...end])
    }
}
