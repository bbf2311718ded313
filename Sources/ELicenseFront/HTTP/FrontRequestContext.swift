import ELicenseCore
import ELicenseProtocol
import HTTPTypes
import Hummingbird

/// Per-request state shared between the protocol middleware and the endpoint: the request
/// context is passed down by value, so what the endpoint learns (its reply, audit facts)
/// travels back up through this reference.
final class Exchange: Sendable {
    struct State {
        var body: [UInt8] = []
        var caller: AuthenticatedCaller?
        var facts = AuditFacts()
        var reply: [UInt8]?
    }

    private let state = Locked(State())

    func read<T>(_ body: (State) -> T) -> T { state.withLock { body($0) } }
    func update(_ body: (inout State) -> Void) { state.withLock { body(&$0) } }

    /// A reply whose exact bytes the middleware signs.
    func reply(_ bytes: [UInt8], contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        update { $0.reply = bytes }
        return Response(
            status: status, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// The context of every request as the server accepted it.
struct FrontRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The TCP peer: the client itself, or a reverse proxy.
    let peerAddress: String?
    /// The client's address: the peer's, or behind a trusted proxy the one X-Forwarded-For
    /// names (``EdgeMiddleware``). Rate limits, address filing, /metrics and audit use this one.
    var clientAddress: String?
    let exchange = Exchange()

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress
        clientAddress = peerAddress
    }

    var maxUploadSize: Int { ProtocolV1.maxRequestBodyBytes }
}

/// The context of a /v1 endpoint: it exists only for a request the protocol middleware
/// authenticated, so an endpoint cannot run for a caller that skipped the checks of §3.5,
/// whatever path led the router to it.
struct AuthenticatedContext: ChildRequestContext {
    var coreContext: CoreRequestContextStorage
    let caller: AuthenticatedCaller
    private let exchange: Exchange

    init(context: FrontRequestContext) throws {
        guard let caller = context.exchange.read(\.caller) else { throw ELicenseError(.unauthenticated) }
        coreContext = context.coreContext  // with the route's parameters
        self.caller = caller
        exchange = context.exchange
    }

    var maxUploadSize: Int { ProtocolV1.maxRequestBodyBytes }

    func decode<T: Decodable>(_ type: T.Type) throws(ELicenseError) -> T {
        try WireJSON.decode(type, from: exchange.read(\.body))
    }

    func record(_ facts: AuditFacts) { exchange.update { $0.facts = facts } }

    /// A JSON reply whose exact bytes the middleware signs.
    func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws(ELicenseError) -> Response {
        try bytes(WireJSON.encode(value), contentType: "application/json; charset=utf-8", status: status)
    }

    func bytes(_ bytes: [UInt8], contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        exchange.reply(bytes, contentType: contentType, status: status)
    }
}
