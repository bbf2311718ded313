#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Files holding secrets (private keys, client configurations, the store key): created with mode
/// 0600 from the first byte, so they are never readable by others, not even for a moment, and
/// written atomically — a temporary file in the same directory, fsync, rename (or link, when an
/// existing file must not be replaced), fsync of the directory — so a crash leaves either no file
/// or the whole file, never a truncated key.
public enum SecureFile {
    /// Fails when the file exists unless `replace` is set.
    public static func create(_ path: String, contents: String, replace: Bool = false) throws(ELicenseError) {
        try create(path, bytes: Array(contents.utf8), replace: replace)
    }

    public static func create(_ path: String, bytes: [UInt8], replace: Bool = false, mode: UInt32 = 0o600)
        throws(ELicenseError)
    {
        try create(path, bytes: bytes, replace: replace, mode: mode, failAfter: nil)
    }

    /// The prefix of the temporary files; a crash may leave one behind, which nothing reads and
    /// the next write of the same file removes.
    static func temporaryPath(for path: String) -> String {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        return String(path[..<slash]) + "." + String(path[slash...]) + ".tmp"
    }

    /// `failAfter` simulates a crash after that many bytes (tests only).
    static func create(_ path: String, bytes: [UInt8], replace: Bool, mode: UInt32, failAfter: Int?)
        throws(ELicenseError)
    {
        if !replace, access(path, F_OK) == 0 {
            throw ELicenseError(.ioError, "文件已存在 (cannot create \(path): it exists)")
        }
        let temporary = temporaryPath(for: path)
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(mode))
        guard fd >= 0 else { throw failure("cannot create", temporary) }
        var committed = false
        defer { if !committed { unlink(temporary) } }
        do {
            defer { close(fd) }
            var written = 0
            while written < bytes.count {
                let limit = failAfter.map { min(bytes.count, $0) } ?? bytes.count
                guard written < limit else {
                    throw ELicenseError(.ioError, "模拟崩溃 (cannot write \(path): simulated crash)")
                }
                let n = bytes[written..<limit].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                guard n > 0 else { throw failure("cannot write", temporary) }
                written += n
            }
            guard fsync(fd) == 0 else { throw failure("cannot sync", temporary) }
        }
        if replace {
            guard rename(temporary, path) == 0 else { throw failure("cannot rename to", path) }
        } else {
            // link(2) refuses an existing target, so a file created meanwhile is never replaced.
            guard link(temporary, path) == 0 else { throw failure("cannot create", path) }
            unlink(temporary)
        }
        committed = true
        try syncDirectory(of: path)
    }

    /// Appends `line` and a newline in one write, creating the file with mode 0600, and syncs it:
    /// a line once appended survives a crash.
    public static func append(_ path: String, line: String) throws(ELicenseError) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure("cannot open", path) }
        defer { close(fd) }
        let bytes = Array((line + "\n").utf8)
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard n == bytes.count else { throw failure("cannot append to", path) }
        guard fsync(fd) == 0 else { throw failure("cannot sync", path) }
    }

    /// Makes a rename or link in the file's directory durable.
    private static func syncDirectory(of path: String) throws(ELicenseError) {
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let fd = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw failure("cannot open directory", directory) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw failure("cannot sync directory", directory) }
    }

    private static func failure(_ what: String, _ path: String) -> ELicenseError {
        ELicenseError(.ioError, "\(what) \(path): \(String(cString: strerror(errno)))")
    }
}
