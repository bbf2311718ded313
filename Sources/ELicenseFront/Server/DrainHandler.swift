import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Closes keep-alive connections politely when the server shuts down (docs/front.md "Reload and
/// shutdown"). Once shutdown starts, the response to the last request a connection has sent
/// carries `Connection: close` and the connection closes after it; requests sent after that
/// response are not read (RFC 9112 §9.6). A connection idle when shutdown starts stays open for
/// ``idleGrace``, so a request already on its way is answered (with `Connection: close`) rather
/// than cut off by a close racing it.
///
/// It takes the place of Hummingbird's own reaction to the shutdown event, which closes an idle
/// connection at once and a busy one after its response without saying so.
final class DrainHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    static let idleGrace = TimeAmount.seconds(1)

    /// Requests read whose response is not complete.
    private var open = 0
    private var draining = false
    /// A response said `Connection: close`: nothing more is read, and the connection closes
    /// once the responses owed are written.
    private var closing = false
    private var idleClose: Scheduled<Void>?

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        if case .head = unwrapInboundIn(data) {
            open += 1
            idleClose?.cancel()
            idleClose = nil
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head) where draining && open <= 1 && head.status.kind != .informational:
            head.headerFields[.connection] = "close"
            closing = true
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .end where draining:
            open = max(0, open - 1)
            context.writeAndFlush(data, promise: promise)
            if closing, open == 0 {
                context.close(promise: nil)
            } else if open == 0 {
                closeWhenIdle(context)
            }
        case .end:
            open = max(0, open - 1)
            context.write(data, promise: promise)
        default:
            context.write(data, promise: promise)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is ChannelShouldQuiesceEvent else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        draining = true
        if open == 0 { closeWhenIdle(context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        idleClose?.cancel()
    }

    private func closeWhenIdle(_ context: ChannelHandlerContext) {
        guard idleClose == nil else { return }
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        idleClose = context.eventLoop.scheduleTask(in: Self.idleGrace) { loopBound.value.close(promise: nil) }
    }
}
