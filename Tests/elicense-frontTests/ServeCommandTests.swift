import ELicenseClient
import ELicenseCore
import ELicenseProtocol
import Testing

/// A department calls the running front with the configuration the operator issued it.
@Suite struct ServeCommandTests {
    @Test func issuedConfigurationWorksAndDisablingTakesEffectOnTheNextCall() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let unit = try ws.addUnit(AccessForms.english, file: "form.json")
        let file = ws.root + "/department.json"
        let issued = try ws.front([
            "app", "add", "--unit", unit, "--name", "不动产登记系统", "--endpoint", "10.1.2.4:443",
            "--description", "自然资源；不动产登记", "--allow", "127.0.0.1", "--out", file,
        ])
        try #require(issued.status == 0, "\(issued)")
        let server = try ws.serve()
        defer { server.stop() }

        let client = try ELicenseClient(config: try ws.clientConfig(file))
        let me = try client.whoami()
        #expect(me.appID == client.config.appID)
        #expect(me.appName == "不动产登记系统")
        #expect(me.unitName == "青岛市市场监督管理局")
        #expect(me.profile == .sandbox)
        #expect(me.keyID == client.keyID)

        // The server reads the registry on every request: no restart, no cache to wait out.
        try #require(try ws.front(["unit", "disable", unit]).status == 0)
        let unitDisabled = #expect(throws: ELicenseError.self) { try client.whoami() }
        #expect(unitDisabled?.code == .appDisabled)
        #expect(unitDisabled?.detail.contains("access unit disabled") == true)

        try #require(try ws.front(["unit", "enable", unit]).status == 0)
        #expect(try client.whoami().appID == client.config.appID)

        try #require(try ws.front(["app", "disable", client.config.appID]).status == 0)
        let appDisabled = #expect(throws: ELicenseError.self) { try client.whoami() }
        #expect(appDisabled?.code == .appDisabled)
        #expect(appDisabled?.detail.contains("application disabled") == true)
        #expect(server.isRunning)
    }
}
