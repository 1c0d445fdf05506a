import Dispatch
import Hummingbird
import Kensaku

/// Limits on what a client may send.
public struct ServerLimits: Sendable, Equatable {
    /// The largest request body accepted (no endpoint takes one); beyond it, 413.
    public var maxBodyBytes: Int
    /// The longest request target (path and query) accepted; beyond it, 414.
    public var maxURIBytes: Int
    /// The largest `offset` of `/v1/search`.
    public var maxOffset: Int
    /// Seconds a connection may take to send a request's head, and stay idle between requests.
    public var headerTimeoutSeconds: Int64
    /// Seconds a request's body may take after its head.
    public var bodyTimeoutSeconds: Int64
    /// The most connections open at once; past it new ones wait in the listen backlog. Also
    /// capped below the process's file limit (raised to its hard maximum at start).
    public var maxConnections: Int
    /// The time budget of one search, ms (``SearchOptions/timeBudgetMilliseconds``).
    public var searchBudgetMilliseconds: Int

    /// Limits: 64 KB of body, 8 KB of request target, offsets up to 10,000, 10 s for a request's
    /// head (and idle keep-alive), 10 s for its body, 4,096 connections, 2 s per search.
    public init(maxBodyBytes: Int = 64 * 1024, maxURIBytes: Int = 8 * 1024, maxOffset: Int = 10_000,
                headerTimeoutSeconds: Int64 = 10, bodyTimeoutSeconds: Int64 = 10, maxConnections: Int = 4096,
                searchBudgetMilliseconds: Int = SearchOptions.defaultTimeBudgetMilliseconds) {
        self.maxBodyBytes = maxBodyBytes
        self.maxURIBytes = maxURIBytes
        self.maxOffset = maxOffset
        self.headerTimeoutSeconds = headerTimeoutSeconds
        self.bodyTimeoutSeconds = bodyTimeoutSeconds
        self.maxConnections = maxConnections
        self.searchBudgetMilliseconds = searchBudgetMilliseconds
    }
}

/// Maps every failure to a JSON error once, for all routes: the URI and body caps (414, 413),
/// a wrong method on a known path (405 with `Allow`), unknown routes (404), ``KensakuError``s
/// (400/404/500) and anything unexpected (a generic 500, logged on the server only).
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let limits: ServerLimits
    let log: RequestLog

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        do {
            if request.uri.string.utf8.count > limits.maxURIBytes {
                throw APIError.uriTooLong(limit: limits.maxURIBytes)
            }
            var request = request
            if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limits.maxBodyBytes {
                throw APIError.bodyTooLarge(limit: limits.maxBodyBytes)
            }
            if request.method != .get && request.method != .head {
                // Read (and bound) any body, chunked or not, before answering.
                _ = try await request.collectBody(upTo: limits.maxBodyBytes)
            }
            let allowed = KensakuRoutes.allowedMethods(for: path[...])
            if !allowed.isEmpty && !allowed.contains(request.method) {
                throw APIError.methodNotAllowed(request.method, allowed: allowed)
            }
            return try await next(request, context)
        } catch {
            let apiError = APIError.from(error, method: request.method, path: path, limits: limits)
            if apiError.status == .internalServerError {
                log.write("kensaku: error answering \(request.method.rawValue) \(RequestLogLine.clip(path, 200)): \(error)")
            }
            return try apiError.response(from: request, context: context)
        }
    }
}

/// Writes one line per request: method, path, status and microseconds.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let log: RequestLog

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard log.isEnabled else { return try await next(request, context) }
        let started = DispatchTime.now().uptimeNanoseconds
        var status = 500
        defer {
            let micros = (DispatchTime.now().uptimeNanoseconds - started) / 1000
            log.write(RequestLogLine.format(method: request.method.rawValue, path: request.uri.path, status: status, micros: micros))
        }
        let response = try await next(request, context)
        status = response.status.code
        return response
    }
}
