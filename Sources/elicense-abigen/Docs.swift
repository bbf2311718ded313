// The generated parts of docs/protocol.md and docs/openapi.yaml.
import ELicenseCore

func protocolErrorTable() -> String {
    ErrorCatalog.markdownTable() + "\n"
}

/// The ErrorCode schema's enum and its x-elic-catalogue (SDK and HTTP status of each code).
func openAPIErrorCodes() -> String {
    var lines = ["      enum:"] + ErrorCode.allCases.map { "        - \($0.rawValue)" }
    lines.append("      x-elic-catalogue:")
    lines += ErrorCode.allCases.map {
        "        \($0.rawValue): { status: \($0.status), http: \($0.httpStatus.map(String.init) ?? "null") }"
    }
    return lines.joined(separator: "\n") + "\n"
}
