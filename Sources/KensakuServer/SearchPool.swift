import Dispatch
import Foundation
import Kensaku

/// Runs search work off the event loops, at most ``width`` at a time, in arrival order.
///
/// Every request's search goes through one FIFO queue: a connection that sends many requests
/// waits its turn like every other, the event loops stay free to accept and answer `/healthz`,
/// and a burst of costly queries cannot take every core. When more than ``maxWaiting`` searches
/// wait, a new one is refused at once with ``KensakuError/tooCostly(_:)`` (503 with Retry-After).
public actor SearchPool {
    /// How many searches run at once (the machine's cores).
    public let width: Int
    /// How many may wait for a turn before new ones are refused.
    public let maxWaiting: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// A pool `width` wide (default: the active processors) with a queue of `maxWaiting`.
    public init(width: Int = ProcessInfo.processInfo.activeProcessorCount, maxWaiting: Int = 256) {
        self.width = max(1, width)
        self.maxWaiting = maxWaiting
    }

    /// Runs `work` on a global queue when its turn comes; throws what `work` throws.
    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        if running >= width {
            guard waiting.count < maxWaiting else {
                throw KensakuError.tooCostly("the server is busy (\(waiting.count) searches waiting): retry in a moment")
            }
            await withCheckedContinuation { waiting.append($0) }
        } else {
            running += 1
        }
        defer { release() }
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(with: Result { try work() })
            }
        }
    }

    /// Hands the slot to the next waiting search (its `running` count carries over), or frees it.
    private func release() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
