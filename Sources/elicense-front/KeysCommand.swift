import ArgumentParser
import ELicenseCore
import ELicenseFront

struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract:
            "前置系统公钥 — print the front's published public keys (for pinning in SDK configurations), and what the running server publishes."
    )

    @OptionGroup var options: FrontOptions

    func run() async throws {
        let config = try options.load()
        let keyring = try Keyring.load(directory: config.dataDirectory + "/keys", profile: config.profile)
        for key in keyring.published {
            print("# key id \(key.keyID)\(key.keyID == keyring.signing.keyID ? " (signing)" : "")")
            print(key.publicKeyPEM)
        }
        print(await Self.running(config, files: keyring))
    }

    /// What the server running with this configuration publishes, next to the files: it reads
    /// the files at start and on reload, so the two differ until it reloads. `GET /v1/keys`
    /// needs an application's signature, so the ids come from its /metrics
    /// (`elicense_front_key_info`, 1 for the signing key), which this host may read.
    static func running(_ config: FrontConfig, files: Keyring) async -> String {
        let answer: ServerProbe.Answer
        do { answer = try await ServerProbe.get(config, path: "/metrics") } catch {
            return "# 运行中的服务器：无法连接 running server: not reachable (\(error.detail))"
        }
        guard answer.status == 200 else {
            return
                "# 运行中的服务器：/metrics 拒绝本机 running server: /metrics answered \(answer.status) (metrics_allowed_addresses must allow this host)"
        }
        var published: [(id: String, signing: Bool)] = []
        for line in answer.body.split(separator: "\n") {
            if let match = line.wholeMatch(of: /elicense_front_key_info\{key_id="([0-9a-f]+)"\} ([0-9.]+)/) {
                published.append((String(match.1), Double(match.2) == 1))
            }
        }
        // The exposition's order is the registry's, not the files': signing key first, then by id.
        published.sort { ($0.signing ? 0 : 1, $0.id) < ($1.signing ? 0 : 1, $1.id) }
        let listed = published.map { "#   \($0.id)\($0.signing ? " (signing)" : "")" }.joined(separator: "\n")
        let same =
            Set(published.map(\.id)) == Set(files.published.map(\.keyID))
            && published.first(where: \.signing)?.id == files.signing.keyID
        return "# 运行中的服务器发布 running server publishes:\n" + listed + "\n"
            + (same
                ? "# 与密钥文件一致 same as the key files"
                : "# 与密钥文件不一致 DIFFERS from the key files: run `elicense-front reload` once the files are right")
    }
}
