import ArgumentParser
import ELicenseCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

struct ReloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reload",
        abstract:
            "重新加载 — make the running server reload its keys, TLS certificate and settings (sends it SIGHUP; its log says whether the reload was taken)."
    )

    @OptionGroup var options: FrontOptions

    func run() async throws {
        let config = try options.load()
        let pid = try PidFile(dataDirectory: config.dataDirectory).runningServer()
        guard kill(pid, SIGHUP) == 0 else {
            throw ELicenseError(.ioError, "无法向进程 \(pid) 发送 SIGHUP (cannot signal pid \(pid): errno \(errno))")
        }
        print("已请求重新加载 reload requested: SIGHUP sent to elicense-front serve (pid \(pid))")
    }
}

/// `<data directory>/elicense-front.pid`: the process id of the server running on that data
/// directory, written at start and removed at exit, for `elicense-front reload` (systemd uses
/// its own `$MAINPID`).
struct PidFile {
    let path: String

    init(dataDirectory: String) {
        path = dataDirectory + "/elicense-front.pid"
    }

    func write() throws {
        do { try "\(getpid())\n".write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw ELicenseError(.ioError, "无法写入进程号文件 (cannot write \(path): \(error.localizedDescription))")
        }
    }

    /// Removes the file when it is still this process's.
    func remove() {
        if (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            == String(getpid())
        {
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// The pid of a live `elicense-front` process named by the file; a stale file (the process
    /// gone, or the number reused by another program) is refused.
    func runningServer() throws -> pid_t {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ELicenseError(.ioError, "没有运行中的前置系统 (no running server: \(path) does not exist)")
        }
        guard let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0,
            let command = try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8),
            command.split(separator: "\0").first?.hasSuffix("elicense-front") == true
        else {
            throw ELicenseError(
                .ioError, "没有运行中的前置系统 (no running server: \(path) names no elicense-front process)")
        }
        return pid
    }
}
