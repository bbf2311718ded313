import ELicenseCore
import ELicenseProtocol

/// A demo enterprise of the sandbox provincial system.
public struct SandboxEnterprise: Sendable, Hashable {
    public let license: License
    /// People who can confirm a login in the simulated e-license app, with their role (the legal
    /// representative is always one; many enterprises also have a 证照管理员 and an 经办人).
    public let operators: [SandboxOperator]

    public init(license: License, operators: [SandboxOperator]) {
        self.license = license
        self.operators = operators
    }
}

/// A person who holds the enterprise's e-license on their phone.
public struct SandboxOperator: Sendable, Hashable {
    /// Full name; the front masks it before it leaves the sandbox.
    public let name: String
    public let role: OperatorRole

    public init(name: String, role: OperatorRole) {
        self.name = name
        self.role = role
    }
}
