#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files holding secrets (private keys, client configurations): created with mode 0600 from the
/// first byte, so they are never readable by others, not even for a moment.
public enum SecureFile {
    /// Fails when the file exists unless `replace` is set.
    public static func create(_ path: String, contents: String, replace: Bool = false) throws(ELicenseError) {
        try create(path, bytes: Array(contents.utf8), replace: replace)
    }

    public static func create(_ path: String, bytes: [UInt8], replace: Bool = false, mode: UInt32 = 0o600) throws(ELicenseError) {
        if replace { unlink(path) }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode_t(mode))
        guard fd >= 0 else { throw failure("cannot create", path) }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw failure("cannot write", path) }
            written += n
        }
    }

    private static func failure(_ what: String, _ path: String) -> ELicenseError {
        ELicenseError(.ioError, "\(what) \(path): \(String(cString: strerror(errno)))")
    }
}
