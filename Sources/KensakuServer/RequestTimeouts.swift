import Hummingbird
import NIOCore
import NIOHTTPTypes

/// Closes a connection that is too slow to send its request: the head of a request must arrive
/// within ``headerTimeout`` of the connection opening or of the previous response ending (this is
/// also the keep-alive idle timeout), and its body within ``bodyTimeout`` of its head. A slowloris
/// client that trickles headers or a body byte by byte is closed, instead of holding a connection
/// forever. Sits after the HTTP decoder, so it sees request parts.
final class RequestTimeoutHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let headerTimeout: TimeAmount
    private let bodyTimeout: TimeAmount
    private var timer: Scheduled<Void>?
    private var responding = 0

    init(headerTimeout: TimeAmount, bodyTimeout: TimeAmount) {
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context, headerTimeout) }
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(context, headerTimeout)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            responding += 1
            arm(context, bodyTimeout)
        case .body:
            break
        case .end:
            // The request is in. While its answer is pending, the search budget bounds it; when the
            // answer was already sent (a body read after it), the connection is idle again.
            if responding > 0 { cancel() } else { arm(context, headerTimeout) }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            responding -= 1
            if responding == 0 { arm(context, headerTimeout) }
        }
        context.write(data, promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancel()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancel()
    }

    private func arm(_ context: ChannelHandlerContext, _ timeout: TimeAmount) {
        cancel()
        let channel = context.channel
        timer = context.eventLoop.scheduleTask(in: timeout) {
            channel.close(promise: nil)
        }
    }

    private func cancel() {
        timer?.cancel()
        timer = nil
    }
}
