import ArgumentParser
import ELicenseCore
import ELicenseFront

struct AppCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "app",
        abstract: "应用系统 — application systems of a unit, with their credentials.",
        subcommands: [Add.self, Disable.self, Enable.self, SetRateLimit.self, AddKey.self, RetireKey.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "登记应用系统并签发凭据 — register an application: issues its app id and SM2 key pair, writes its client configuration."
        )
        @OptionGroup var options: FrontOptions
        @Option(help: "Unit id.") var unit: String
        @Option(help: "应用系统名称.") var name: String
        @Option(help: "域名（IP）及端口, host:port.") var endpoint: String
        @Option(help: "所属领域、行业、业务种类简介.") var description: String
        @Option(name: .customLong("allow"), help: "Filed source address or CIDR (repeatable); none = any.") var allowed:
            [String] = []
        @Option(help: "Calls per minute (default from the configuration).") var rateLimit: Int?
        @Option(help: "Client configuration file to write (default <data>/clients/<app id>.json).") var out: String?

        func run() async throws {
            let config = try options.load()
            let issued = try await options.open(config).registry.addApp(
                unitID: unit, name: name, endpoint: endpoint, description: description,
                allowedAddresses: allowed, rateLimitPerMinute: rateLimit)
            print(try ClientFile.write(issued, directory: config.dataDirectory + "/clients", path: out))
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "停用应用 — disable an application.")
        @OptionGroup var options: FrontOptions
        @Argument var id: String

        func run() async throws {
            try await options.open(try options.load()).registry.setApp(id: id, enabled: false)
            print("已停用 disabled: \(id)")
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "重新启用应用 — enable an application again.")
        @OptionGroup var options: FrontOptions
        @Argument var id: String

        func run() async throws {
            try await options.open(try options.load()).registry.setApp(id: id, enabled: true)
            print("已启用 enabled: \(id)")
        }
    }

    struct SetRateLimit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-rate-limit",
            abstract: "修改应用调用频率上限 — set an application's calls per minute (from its next call on).")
        @OptionGroup var options: FrontOptions
        @Argument(help: "Application id.") var id: String
        @Argument(help: "Calls per minute, 1…1000000.") var perMinute: Int

        func run() async throws {
            try await options.open(try options.load()).registry.setRateLimit(appID: id, perMinute: perMinute)
            print("已设置 rate limit set: \(id) \(perMinute)/min")
        }
    }

    struct AddKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-key",
            abstract: "密钥轮换：登记第二把公钥 — key changeover: add the application's new public key (both keys then work).")
        @OptionGroup var options: FrontOptions
        @Option(help: "Application id.") var app: String
        @Option(help: "The new SM2 public key PEM filed by the department.") var publicKey: String

        func run() async throws {
            guard let pem = try? String(contentsOfFile: publicKey, encoding: .utf8) else {
                throw ELicenseError(.ioError, "cannot read \(publicKey)")
            }
            let keyID = try await options.open(try options.load()).registry.addKey(appID: app, publicKeyPEM: pem)
            print("已登记新公钥 key added: \(keyID)（旧密钥仍有效，全部实例切换后请 retire-key the old key stays valid until retire-key）")
        }
    }

    struct RetireKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retire-key",
            abstract: "密钥轮换：停用旧公钥 — key changeover: retire the old key once every instance uses the new one.")
        @OptionGroup var options: FrontOptions
        @Option(help: "Application id.") var app: String
        @Option(help: "Key id to retire (see `elicense doctor` on each host).") var keyID: String

        func run() async throws {
            try await options.open(try options.load()).registry.retireKey(appID: app, keyID: keyID)
            print("已停用 retired: \(keyID)")
        }
    }
}
