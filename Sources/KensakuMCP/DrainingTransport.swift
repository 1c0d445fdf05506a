import Foundation
import Logging
import MCP

/// A transport that, when its input ends, lets the requests already read be answered before it
/// reports the end.
///
/// The SDK's server handles each request in a task of its own and stops reading when standard
/// input closes; a script that pipes requests in and closes its end (`printf … | kensaku mcp`)
/// would otherwise get no answers at all. This wrapper counts the request ids read and the
/// response ids written, and finishes its stream of messages only when every request read has
/// been answered (or after `drainTimeout` seconds).
public actor DrainingTransport: Transport {
    private let inner: any Transport
    /// The inner transport's logger (the protocol requires one).
    public nonisolated let logger: Logger
    private let drainTimeout: Double
    private var outstanding: Set<String> = []

    /// Wraps `inner`; waits at most `drainTimeout` seconds for answers after input ends.
    public init(_ inner: any Transport, logger: Logger, drainTimeout: Double = 60) {
        self.inner = inner
        self.logger = logger
        self.drainTimeout = drainTimeout
    }

    /// Wraps a stdio transport on standard input and output.
    public static func stdio(drainTimeout: Double = 60) -> DrainingTransport {
        let stdio = StdioTransport()
        return DrainingTransport(stdio, logger: stdio.logger, drainTimeout: drainTimeout)
    }

    /// Connects the inner transport.
    public func connect() async throws { try await inner.connect() }

    /// Disconnects the inner transport.
    public func disconnect() async { await inner.disconnect() }

    /// Sends a message and marks the requests it answers as answered.
    public func send(_ data: Data) async throws {
        try await inner.send(data)
        for id in Self.ids(in: data, requests: false) { outstanding.remove(id) }
    }

    /// The messages read, ending only once every request read has been answered.
    public func receive() -> AsyncThrowingStream<Data, Swift.Error> {
        let inner = self.inner
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await data in await inner.receive() {
                        self.received(data)
                        continuation.yield(data)
                    }
                    await self.drain()
                    continuation.finish()
                } catch {
                    await self.drain()
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    private func received(_ data: Data) {
        outstanding.formUnion(Self.ids(in: data, requests: true))
    }

    /// Waits until every request read has been answered, or the timeout.
    private func drain() async {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(drainTimeout * 1e9)
        while !outstanding.isEmpty && DispatchTime.now().uptimeNanoseconds < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    /// The ids of the requests (`requests`) or of the responses in a message or batch.
    static func ids(in data: Data, requests: Bool) -> [String] {
        guard let json = try? JSONSerialization.jsonObject(with: data) else { return [] }
        let messages = (json as? [Any]) ?? [json]
        return messages.compactMap { message -> String? in
            guard let object = message as? [String: Any], let id = object["id"], !(id is NSNull) else { return nil }
            guard (object["method"] != nil) == requests else { return nil }
            if let string = id as? String { return "s:" + string }
            if let number = id as? NSNumber { return "n:" + number.stringValue }
            return nil
        }
    }
}
