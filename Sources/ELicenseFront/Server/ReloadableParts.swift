import ELicenseCore
import ELicenseProtocol
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOSSL

/// The parts of a running front that outlive a reload: its metrics and the per-address buckets of
/// unauthenticated rejections (an app's rate budget is in the store).
final class FrontRuntime: Sendable {
    let metrics: FrontMetrics
    let rejections = RateLimiter()

    init(profile: Profile) {
        metrics = FrontMetrics(profile: profile)
    }
}

/// The router of the current configuration. A reload replaces it between requests; a request
/// already being served finishes with the router it started on.
final class ReloadableResponder: HTTPResponder, HTTPResponderBuilder, Sendable {
    typealias Context = FrontRequestContext
    private let current: Locked<RouterResponder<FrontRequestContext>>

    init(_ responder: RouterResponder<FrontRequestContext>) {
        current = Locked(responder)
    }

    func replace(with responder: RouterResponder<FrontRequestContext>) {
        current.withLock { $0 = responder }
    }

    func respond(to request: Request, context: FrontRequestContext) async throws -> Response {
        try await current.withLock { $0 }.respond(to: request, context: context)
    }

    func buildResponder() -> ReloadableResponder { self }
}

/// HTTPS whose certificate a reload can replace: each new connection takes the TLS context
/// current when it is accepted; connections already open keep theirs. (Hummingbird's
/// `TLSChannel` fixes one context for the server's life.)
struct ReloadableTLSChannel<Base: ServerChildChannel>: ServerChildChannel {
    typealias Value = Base.Value
    let base: Base
    let contexts: Locked<NIOSSLContext>

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let context = contexts.withLock { $0 }
        return channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
        }.flatMap {
            base.setup(channel: channel, logger: logger)
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

extension ReloadableTLSChannel: HTTPChannelHandler where Base: HTTPChannelHandler {
    var responder: HTTPChannelHandler.Responder { base.responder }
}
