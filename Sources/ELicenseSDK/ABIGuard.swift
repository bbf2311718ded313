import CElicenseABI
import ELicenseClient
import ELicenseCore
#if canImport(Glibc)
import Glibc
#endif

/// Runs one exported call: clears the thread's last error, bounds the call by the thread's
/// elic_set_call_timeout_ms, maps every failure to its status and message. Nothing reachable
/// from here may trap: a trap would kill the host process.
func guarded(_ body: () throws(ELicenseError) -> Void) -> elic_status {
    eabi_clear_last_error()
    do {
        let limit = eabi_call_timeout_ms()
        if limit > 0 {
            try CallDeadline.within(milliseconds: Int(limit), body)
        } else {
            try body()
        }
        return 0
    } catch {
        setLastError(error)
        return error.code.status
    }
}

/// Records `error` as the thread's last failure: its message and, apart, what a caller acts on.
func setLastError(_ error: ELicenseError) {
    let retryAfterMilliseconds: Int64 = error.retryAfter.map { seconds in
        let (milliseconds, overflow) = Int64(clamping: max(seconds, 0)).multipliedReportingOverflow(by: 1000)
        return overflow ? .max : milliseconds
    } ?? -1
    eabi_set_last_error(error.description, error.requestID ?? "", retryAfterMilliseconds)
}

/// A UTF-8 string argument; NULL and invalid UTF-8 are the caller's errors, named.
func text(_ pointer: UnsafePointer<CChar>?, _ name: String) throws(ELicenseError) -> String {
    guard let pointer else { throw ELicenseError(.invalidArgument, "\(name) must not be NULL") }
    guard let value = String(validatingCString: pointer) else {
        throw ELicenseError(.invalidUTF8, "\(name) is not valid UTF-8")
    }
    return value
}

/// The out-parameter, checked and reset so a failed call always leaves `*out == NULL`.
func output<T>(_ out: UnsafeMutablePointer<UnsafeMutablePointer<T>?>?) throws(ELicenseError) -> UnsafeMutablePointer<UnsafeMutablePointer<T>?> {
    guard let out else { throw ELicenseError(.invalidArgument, "out must not be NULL") }
    out.pointee = nil
    return out
}

/// A string the caller owns and frees with elic_free.
func ownedCString(_ value: String) throws(ELicenseError) -> UnsafeMutablePointer<CChar> {
    guard let copy = strdup(value) else { throw ELicenseError(.internal, "out of memory") }
    return copy
}

/// Swift objects behind the opaque handles, retained while the caller holds the handle. Every
/// live handle is registered with its kind, so a handle of another kind, one already freed or a
/// stray pointer is recognised without touching its memory: getters answer NULL, and a free of
/// the wrong kind is a no-op (not a double free later).
enum Handle {
    private static let live = Locked<[UInt: ObjectIdentifier]>([:])

    static func make<T>(_ object: AnyObject, as _: T.Type) -> UnsafeMutablePointer<T> {
        let pointer = Unmanaged.passRetained(object).toOpaque()
        live.withLock { $0[UInt(bitPattern: pointer)] = ObjectIdentifier(type(of: object)) }
        return pointer.assumingMemoryBound(to: T.self)
    }

    /// The object behind a handle, or nil for NULL, a handle of another kind or a freed one.
    static func object<O: AnyObject, T>(_ handle: UnsafePointer<T>?, as _: O.Type) -> O? {
        guard let handle, live.withLock({ $0[UInt(bitPattern: handle)] }) == ObjectIdentifier(O.self) else { return nil }
        return Unmanaged<O>.fromOpaque(UnsafeRawPointer(handle)).takeUnretainedValue()
    }

    /// Frees a handle of kind `O` for the exported `function`: NULL is a no-op; anything but a
    /// live handle of kind `O` is a no-op that sets the thread's last error. A free does not
    /// clear it otherwise: C code frees in its cleanup before it prints the error.
    static func release<O: AnyObject, T>(_ handle: UnsafeMutablePointer<T>?, as _: O.Type, by function: String) {
        guard let handle else { return }
        let key = UInt(bitPattern: handle)
        let owned = live.withLock { live -> Bool in
            guard live[key] == ObjectIdentifier(O.self) else { return false }
            live[key] = nil
            return true
        }
        guard owned else {
            let error = ELicenseError(.invalidArgument, "\(function): 不是该类型的有效句柄，未释放任何内容 "
                                          + "(not a live handle of this kind, e.g. another kind's or one already freed; nothing freed)")
            setLastError(error)
            return
        }
        Unmanaged<O>.fromOpaque(UnsafeRawPointer(handle)).release()
    }
}

/// C strings a handle lends to its caller: valid until the handle is freed.
final class CStrings {
    private var kept: [UnsafeMutablePointer<CChar>] = []

    func lend(_ value: String?) -> UnsafePointer<CChar>? {
        guard let value, let copy = strdup(value) else { return nil }
        kept.append(copy)
        return UnsafePointer(copy)
    }

    /// A copy of `bytes` in memory the handle owns (NULL when empty).
    func lend(bytes: [UInt8]) -> UnsafePointer<UInt8>? {
        guard !bytes.isEmpty, let copy = malloc(bytes.count) else { return nil }
        bytes.withUnsafeBytes { source in
            if let base = source.baseAddress { copy.copyMemory(from: base, byteCount: bytes.count) }
        }
        buffers.append(copy)
        return UnsafePointer(copy.assumingMemoryBound(to: UInt8.self))
    }

    private var buffers: [UnsafeMutableRawPointer] = []

    deinit {
        kept.forEach { free($0) }
        buffers.forEach { free($0) }
    }
}
