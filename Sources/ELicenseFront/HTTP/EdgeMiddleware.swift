import HTTPTypes
import Hummingbird

/// The outermost middleware: it finds the client's address behind trusted proxies before any
/// other check uses it, and names the instance on every answer the application gives (errors
/// included), so an operator behind a load balancer sees which instance served a request.
struct EdgeMiddleware: RouterMiddleware {
    typealias Context = FrontRequestContext

    let forwardedFor: ForwardedFor
    let instance: String

    static let instanceHeader = HTTPField.Name("X-Elicense-Instance")
    static let forwardedForHeader = HTTPField.Name(ForwardedFor.header)

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        if let name = Self.forwardedForHeader {
            context.clientAddress = forwardedFor.clientAddress(
                peer: context.peerAddress, headerValues: request.headers[values: name])
        }
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        } catch {
            context.logger.error("未处理的错误 unhandled error", metadata: ["error": .string("\(error)")])
            response = Response(status: .internalServerError)
        }
        if let name = Self.instanceHeader { response.headers[name] = instance }
        return response
    }
}
