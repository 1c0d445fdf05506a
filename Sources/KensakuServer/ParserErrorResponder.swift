import Hummingbird
import Kensaku
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers requests that NIO's HTTP/1 decoder rejects before they reach the router (a request
/// line or header block over the decoder's 80 KB limit, malformed HTTP) with a JSON error, then
/// closes the connection. Without it Hummingbird answers an empty 400.
///
/// It sits after the decoder in each connection's pipeline and only speaks when no response is
/// being written on the connection (otherwise the default handling closes it).
final class ParserErrorResponder: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let log: RequestLog
    private var responsesInProgress = 0
    private var answered = false

    init(log: RequestLog) {
        self.log = log
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) { responsesInProgress += 1 }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { responsesInProgress -= 1 }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        guard responsesInProgress == 0, !answered else {
            context.fireErrorCaught(error)
            return
        }
        answered = true
        let apiError: APIError
        switch parserError {
        case .headerOverflow:
            apiError = APIError(status: .uriTooLong, code: "uri_too_long",
                                message: "request line or headers over the server's 80 KB limit")
        default:
            apiError = APIError(status: .badRequest, code: "bad_request", message: "malformed HTTP request")
        }
        log.write("- - \(apiError.status.code) 0us (rejected by the HTTP decoder: \(parserError))")
        let body = KensakuJSON.encode(["error": ["code": apiError.code, "message": apiError.message]])
        let head = HTTPResponse(status: apiError.status, headerFields: [
            .contentType: ContentType.json, .contentLength: String(body.count), .connection: "close",
        ])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(ByteBuffer(bytes: body))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            channel.close(promise: nil)
        }
    }
}
