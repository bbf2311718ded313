import ELicenseCore
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// One `GET` to the front running on this host with a configuration, for operator commands.
/// Over HTTPS the server must show the very certificate of the configured file: the command
/// checks that it reached this front, not that some CA vouches for a name.
public enum ServerProbe {
    public struct Answer: Sendable {
        public let status: Int
        public let body: String
    }

    public static func get(_ config: FrontConfig, path: String) async throws(ELicenseError) -> Answer {
        // A wildcard listener is reached on loopback.
        let host = config.host == "0.0.0.0" ? "127.0.0.1" : config.host == "::" ? "::1" : config.host
        do {
            let tls = try config.tls.map(clientContext)
            let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(5))
            let channel = try await bootstrap.connect(host: host, port: config.port).get()
            let answer = channel.eventLoop.makePromise(of: Answer.self)
            let timeout = channel.eventLoop.scheduleTask(in: .seconds(10)) { channel.close(promise: nil) }
            defer { timeout.cancel() }
            try await channel.eventLoop.submit {
                let pipeline = channel.pipeline.syncOperations
                if let tls {
                    try pipeline.addHandler(
                        NIOSSLClientHandler(
                            context: tls.context, serverHostname: nil, customVerificationCallback: tls.verify))
                }
                try pipeline.addHTTPClientHandlers()
                try pipeline.addHandler(Collector(answer))
            }.get()
            let head = HTTPRequestHead(
                version: .http1_1, method: .GET, uri: path, headers: ["Host": host, "Connection": "close"])
            channel.write(HTTPClientRequestPart.head(head), promise: nil)
            try await channel.writeAndFlush(HTTPClientRequestPart.end(nil)).get()
            return try await answer.futureResult.get()
        } catch let error as ELicenseError {
            throw error
        } catch {
            throw ELicenseError(.network, "\(host):\(config.port): \(error)")
        }
    }

    private static func clientContext(_ files: FrontConfig.TLSFiles) throws -> (
        context: NIOSSLContext, verify: NIOSSLCustomVerificationCallback
    ) {
        let expected = try NIOSSLCertificate.fromPEMFile(files.certificateFile).first
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .noHostnameVerification
        let context = try NIOSSLContext(configuration: configuration)
        return (
            context,
            { chain, promise in
                promise.succeed(chain.first != nil && chain.first == expected ? .certificateVerified : .failed)
            }
        )
    }

    private final class Collector: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = HTTPClientResponsePart
        private let answer: EventLoopPromise<Answer>
        private var status = 0
        private var body = ByteBuffer()
        private var done = false

        init(_ answer: EventLoopPromise<Answer>) {
            self.answer = answer
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head): status = Int(head.status.code)
            case .body(var part): body.writeBuffer(&part)
            case .end:
                finish(.success(Answer(status: status, body: String(buffer: body))))
                context.close(promise: nil)
            }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            finish(.failure(error))
            context.close(promise: nil)
        }

        func channelInactive(context: ChannelHandlerContext) {
            finish(.failure(ELicenseError(.network, "the server closed the connection without an answer")))
        }

        private func finish(_ result: Result<Answer, any Error>) {
            guard !done else { return }
            done = true
            answer.completeWith(result)
        }
    }
}
