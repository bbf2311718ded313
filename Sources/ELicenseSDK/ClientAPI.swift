import CElicenseABI
import ELicenseClient
import ELicenseCore
import ELicenseProtocol

#if canImport(Glibc)
    import Glibc
#endif

/// Creates a client from the configuration file at `path`, as issued by the front system
/// (JSON: front_url, app_id, private key, pinned front public keys, ca_bundle, proxy,
/// connect_timeout_ms, timeout_ms, retries).
///
/// - out: receives the client, the caller's to free with elic_client_free; NULL on failure.
/// - path: NUL-terminated UTF-8, borrowed for the call.
///
/// Returns: ELIC_OK; ELIC_E_INVALID_ARGUMENT (NULL); ELIC_E_INVALID_UTF8; ELIC_E_IO_ERROR
/// (unreadable file); ELIC_E_INVALID_CONFIG (malformed JSON, missing or bad setting, plain
/// HTTP to another machine, a file over 1 MiB); ELIC_E_KEY_INVALID (private or pinned key
/// unreadable). Makes no network call. The client is thread-safe: share one across threads;
/// connections are reused. Since: 0.1.0
@c(elic_client_new_from_file)
public func elicClientNewFromFile(
    _ out: UnsafeMutablePointer<UnsafeMutablePointer<elic_client>?>?,
    _ path: UnsafePointer<CChar>?
) -> elic_status {
    guarded { () throws(ELicenseError) in
        let out = try output(out)
        let client = try ELicenseClient(json: try FileBytes.read(try text(path, "path")))
        out.pointee = Handle.make(client, as: elic_client.self)
    }
}

/// Creates a client from configuration JSON text, the content of the file
/// elic_client_new_from_file reads.
///
/// - out: receives the client, the caller's to free with elic_client_free; NULL on failure.
/// - json: NUL-terminated UTF-8, borrowed for the call.
///
/// Returns: ELIC_OK; ELIC_E_INVALID_ARGUMENT (NULL); ELIC_E_INVALID_UTF8;
/// ELIC_E_INVALID_CONFIG (malformed JSON, missing or bad setting, plain HTTP to another
/// machine); ELIC_E_KEY_INVALID (private or pinned key unreadable). Makes no network call.
/// The client is thread-safe, as from elic_client_new_from_file. Since: 0.1.0
@c(elic_client_new_from_json)
public func elicClientNewFromJSON(
    _ out: UnsafeMutablePointer<UnsafeMutablePointer<elic_client>?>?,
    _ json: UnsafePointer<CChar>?
) -> elic_status {
    guarded { () throws(ELicenseError) in
        let out = try output(out)
        let client = try ELicenseClient(json: Array(try text(json, "json").utf8))
        out.pointee = Handle.make(client, as: elic_client.self)
    }
}

/// Asks the front who this application is: checks credentials, keys and clock in one call.
///
/// - out: receives JSON `{"app_id", "app_name", "unit_name", "profile", "key_id",
///   "server_time", "front_name", "level", "region_code", "region_name", "instance"}` (the last
///   five absent from older fronts; every member is text), the caller's to free with elic_free.
///
/// Returns: ELIC_OK, or the front's or the network's error status. Thread-safe. Since: 0.1.0
@c(elic_client_whoami)
public func elicClientWhoami(
    _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ client: UnsafeMutablePointer<elic_client>?
) -> elic_status {
    guarded { () throws(ELicenseError) in
        let out = try output(out)
        out.pointee = try ownedCString(
            String(decoding: try WireJSON.encode(try clientHandle(client).whoami()), as: UTF8.self))
    }
}

/// Frees a client. NULL is a no-op. No call may be using the client concurrently. Anything
/// but a live client (a handle of another kind, a client already freed) is left alone: a no-op
/// that sets elic_last_error() (a successful free leaves it as it was). Since: 0.1.0
@c(elic_client_free)
public func elicClientFree(_ client: UnsafeMutablePointer<elic_client>?) {
    Handle.release(client, as: ELicenseClient.self, by: "elic_client_free")
}

func clientHandle(_ client: UnsafeMutablePointer<elic_client>?) throws(ELicenseError) -> ELicenseClient {
    guard let handle = Handle.object(client, as: ELicenseClient.self) else {
        throw ELicenseError(
            .invalidArgument, "client must be a client from elic_client_new_from_file or elic_client_new_from_json")
    }
    return handle
}

/// Whole files for configuration, without Foundation.
enum FileBytes {
    static func read(_ path: String) throws(ELicenseError) -> [UInt8] {
        guard let file = fopen(path, "rb") else {
            throw ELicenseError(.ioError, "cannot read \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = fread(&chunk, 1, chunk.count, file)
            bytes.append(contentsOf: chunk[0..<n])
            if n < chunk.count { break }
            guard bytes.count <= 1 << 20 else { throw ELicenseError(.invalidConfig, "\(path) is larger than 1 MiB") }
        }
        guard ferror(file) == 0 else { throw ELicenseError(.ioError, "cannot read \(path)") }
        return bytes
    }
}
