import ELicenseCore
import ELicenseProtocol
import ELicenseSandbox
import ELicenseUpstream
import Hummingbird

/// The simulated e-license app (a sandbox front's under `/sandbox/`, a rehearsal gateway's under
/// `/rehearsal/`): a page a person uses in a browser, and the JSON endpoints it and the tests
/// call to scan, confirm or deny a login.
struct SandboxRoutes {
    let province: SandboxProvince
    /// The front the sandbox stands behind, named on its page.
    let front: FrontConfig

    struct ScanRequest: Codable {
        var qrContent: String
        var uscc: String?
        var role: OperatorRole?
        var operatorName: String?
        var decision: SandboxProvince.Decision

        enum CodingKeys: String, CodingKey {
            case role, decision, qrContent = "qr_content", uscc = "uniscid", operatorName = "operator_name"
        }
    }

    struct EnterpriseSummary: Codable {
        var uscc: String
        var name: String
        var state: String
        var operators: [[String: String]]

        enum CodingKeys: String, CodingKey { case operators, uscc = "uniscid", name = "entname", state = "regstate" }
    }

    func register(on router: Router<FrontRequestContext>) {
        let path = province.appPath
        router.get(RouterPath(path + "/")) { request, _ in
            let ticket = request.uri.queryParameters["t"].map(String.init)
            var login: UpstreamLoginRequest?
            if let ticket { login = await province.request(qrContent: ticket) }
            return Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: .init(
                    byteBuffer: ByteBuffer(
                        string: SandboxPage.html(
                            login, ticketGiven: ticket != nil, path: path, rehearsal: province.isRehearsal, front: front
                        ))))
        }
        router.get(RouterPath(path + "/enterprises")) { _, _ in
            let list = SandboxDataset.enterprises.map {
                EnterpriseSummary(
                    uscc: $0.license.uscc.value, name: $0.license.name, state: $0.license.state.rawValue,
                    operators: $0.operators.map { ["role": $0.role.rawValue, "name": $0.name] })
            }
            return Self.json(list, status: .ok)
        }
        router.post(RouterPath(path + "/scan")) { request, _ in
            do {
                let body = Array(buffer: try await request.body.collect(upTo: 64 * 1024))
                let scan = try WireJSON.decode(ScanRequest.self, from: body)
                var uscc: USCC?
                if let text = scan.uscc {
                    do throws(USCCValidation) { uscc = try USCC(text) } catch {
                        throw ELicenseError(.invalidUSCC, error.problems.first?.english ?? "")
                    }
                }
                let state = try await province.scan(
                    qrContent: scan.qrContent, uscc: uscc, role: scan.role ?? .legalRepresentative,
                    operatorName: scan.operatorName, decision: scan.decision)
                return Self.json(["state": state.rawValue], status: .ok)
            } catch {
                let failure = ProtocolMiddleware.failure(error)
                return Self.json(
                    ErrorBody(failure, requestID: Identifiers.request()),
                    status: .init(code: failure.code.httpStatus ?? 400))
            }
        }
    }

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status) -> Response {
        let bytes = (try? WireJSON.encode(value)) ?? []
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
