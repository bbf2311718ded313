import NIOCore
import NIOTLS
import Synchronization

/// The cap on open connections (`limits.max_connections`): a connection accepted beyond it is
/// closed at once, before it is read, so a flood of idle connections cannot exhaust the
/// front's file descriptors or memory.
final class ConnectionCap: Sendable {
    let limit: Int
    private let open = Atomic<Int>(0)

    init(limit: Int) {
        self.limit = limit
    }

    /// The handlers of one new connection's pipeline: this cap's counter and, over TLS, the
    /// handshake deadline.
    func handlers(tlsHandshakeSeconds: Int64?) -> [any RemovableChannelHandler] {
        var handlers: [any RemovableChannelHandler] = [Counter(cap: self)]
        if let tlsHandshakeSeconds { handlers.append(HandshakeDeadline(seconds: tlsHandshakeSeconds)) }
        return handlers
    }

    private final class Counter: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = NIOAny
        let cap: ConnectionCap
        private var counted = false

        init(cap: ConnectionCap) {
            self.cap = cap
        }

        func handlerAdded(context: ChannelHandlerContext) {
            if context.channel.isActive { admit(context) }
        }

        func channelActive(context: ChannelHandlerContext) {
            if !counted { admit(context) }
            context.fireChannelActive()
        }

        func channelInactive(context: ChannelHandlerContext) {
            release()
            context.fireChannelInactive()
        }

        func handlerRemoved(context: ChannelHandlerContext) {
            release()
        }

        private func admit(_ context: ChannelHandlerContext) {
            counted = true
            if cap.open.wrappingAdd(1, ordering: .relaxed).newValue > cap.limit {
                context.close(promise: nil)
            }
        }

        private func release() {
            guard counted else { return }
            counted = false
            cap.open.wrappingSubtract(1, ordering: .relaxed)
        }
    }
}

/// Closes a TLS connection whose handshake has not completed `seconds` after it opened
/// (`limits.tls_handshake_timeout_seconds`).
final class HandshakeDeadline: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny
    private let seconds: Int64
    private var deadline: Scheduled<Void>?

    init(seconds: Int64) {
        self.seconds = seconds
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(context)
        context.fireChannelActive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted = event as? TLSUserEvent {
            deadline?.cancel()
        }
        context.fireUserInboundEventTriggered(event)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
    }

    private func arm(_ context: ChannelHandlerContext) {
        guard deadline == nil else { return }
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        deadline = context.eventLoop.scheduleTask(in: .seconds(seconds)) { loopBound.value.close(promise: nil) }
    }
}

/// What the HTTP/1.1 decoder accepts before a request reaches any route (docs/protocol.md §1.1).
/// Beyond them the connection is answered `400` and closed by the HTTP layer, unsigned.
enum HeaderLimits {
    /// The request-target, and each header name and each header value, in bytes.
    static let fieldBytes = 8 * 1024
    /// The request-target and all header names and values together, in bytes.
    static let totalBytes = 32 * 1024
    /// Header fields in one request.
    static let fields = 100
}
