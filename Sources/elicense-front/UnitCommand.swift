import ArgumentParser
import ELicenseCore
import ELicenseFront
import ELicenseProtocol
import ELicenseStore
import Foundation

struct UnitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unit",
        abstract: "接入单位 — access units registered from their 电子营业执照应用接入信息表.",
        subcommands: [Add.self, List.self, Show.self, Disable.self, Enable.self, Form.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "从接入信息表登记单位 — register a unit (and the application systems it lists) from a YAML/JSON form.")
        @OptionGroup var options: FrontOptions
        @Argument(help: "The filled form (YAML or JSON).") var form: String
        @Option(help: "Where to write each application's client configuration (default <data>/clients).") var outDir:
            String?

        func run() async throws {
            let config = try options.load()
            let text: String
            do { text = try String(contentsOfFile: form, encoding: .utf8) } catch {
                throw ELicenseError(.ioError, "cannot read \(form): \(error.localizedDescription)")
            }
            let (unit, apps) = try await options.open(config).registry.addUnit(form: text)
            print("已登记单位 unit registered: \(unit.id)  \(unit.name)")
            for issued in apps {
                print("  " + (try ClientFile.write(issued, directory: outDir ?? config.dataDirectory + "/clients")))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出单位 — list units.")
        @OptionGroup var options: FrontOptions

        func run() async throws {
            let registry = try options.open(try options.load()).registry
            for unit in try await registry.units() {
                let apps = try await registry.unit(id: unit.id).1
                // Normally one profile, the store's; more than one shows a store mixed up earlier.
                let profiles = Set(apps.map(\.profile.rawValue)).sorted().joined(separator: ",")
                print(
                    "\(unit.id)\t\(unit.enabled ? "启用 enabled" : "停用 disabled")\t\(unit.uscc)\t\(unit.nature.rawValue)\t\(unit.name)"
                        + "\t应用 apps \(apps.count)\(profiles.isEmpty ? "" : " " + profiles)")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "查看单位及其应用 — show a unit and its applications.")
        @OptionGroup var options: FrontOptions
        @Argument var id: String

        func run() async throws {
            let registry = try options.open(try options.load()).registry
            let (unit, apps) = try await registry.unit(id: id)
            print(
                """
                \(unit.id)  \(unit.name)  [\(unit.enabled ? "启用 enabled" : "停用 disabled")]
                  机构性质 \(unit.nature.rawValue)  统一社会信用代码 \(unit.uscc)
                  通信地址 \(unit.address)
                  联系人 \(unit.contactName)（\(unit.contactPosition)） \(unit.phone)  \(unit.email)
                """)
            for app in apps {
                print(
                    "  应用 app \(app.appID)  \(app.name)  \(app.endpoint)  [\(app.enabled ? "enabled" : "disabled")]"
                        + "  环境 profile \(app.profile.rawValue)"
                        + (app.allowedAddresses.isEmpty ? "" : "  来源 \(app.allowedAddresses.joined(separator: ","))"))
                // Retired keys are not listed: the store answers with the active ones only.
                for key in try await registry.activeKeys(appID: app.appID) {
                    print("    密钥 key \(key.keyID)  有效 active since \(key.createdAt.rfc3339)")
                }
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "停用单位（其全部应用随之拒绝） — disable a unit and so all its applications.")
        @OptionGroup var options: FrontOptions
        @Argument var id: String

        func run() async throws {
            try await options.open(try options.load()).registry.setUnit(id: id, enabled: false)
            print("已停用 disabled: \(id)")
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "重新启用单位 — enable a unit again.")
        @OptionGroup var options: FrontOptions
        @Argument var id: String

        func run() async throws {
            try await options.open(try options.load()).registry.setUnit(id: id, enabled: true)
            print("已启用 enabled: \(id)")
        }
    }

    struct Form: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "打印接入信息表用于备案 — print the filled access form for filing (Markdown).")
        @OptionGroup var options: FrontOptions
        @Argument var id: String

        func run() async throws {
            print(try await options.open(try options.load()).registry.filingDocument(unitID: id))
        }
    }
}

/// Writes a department's client configuration (holding its private key) with mode 0600.
enum ClientFile {
    static func write(_ issued: IssuedApp, directory: String, path: String? = nil) throws -> String {
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let file = path ?? "\(directory)/\(issued.app.appID).json"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try SecureFile.create(file, bytes: Array(try encoder.encode(issued.client)))
        return "应用 app \(issued.app.appID)（\(issued.app.name)）客户端配置 client configuration: \(file)"
    }
}
