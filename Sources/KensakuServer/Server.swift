import Foundation
import Hummingbird
import HummingbirdCore
import Kensaku
import Logging

/// Where and how the HTTP front listens.
public struct ServerConfiguration: Sendable {
    /// The address to bind; loopback unless told otherwise.
    public var host: String
    /// The TCP port (0 picks a free one; the running port is passed to `onRunning`).
    public var port: Int
    /// Caps on what clients may send.
    public var limits: ServerLimits
    /// Where per-request lines go.
    public var requestLog: RequestLog

    /// Loopback on port 8080 by default.
    public init(host: String = "127.0.0.1", port: Int = 8080, limits: ServerLimits = ServerLimits(),
                requestLog: RequestLog = .standardError) {
        self.host = host
        self.port = port
        self.limits = limits
        self.requestLog = requestLog
    }
}

/// The request context of the Kensaku server.
public typealias KensakuRequestContext = BasicRequestContext

/// The router of the HTTP API over `index`: the routes of ``KensakuRoutes/all``, one error mapping
/// (``APIError``) and one log line per request.
///
/// ```swift
/// let app = Application(router: buildRouter(index: index))
/// try await app.test(.router) { client in … }
/// ```
public func buildRouter(index: SearchIndex, configuration: ServerConfiguration = ServerConfiguration()) -> Router<KensakuRequestContext> {
    let router = Router(context: KensakuRequestContext.self, options: [.autoGenerateHeadEndpoints])
    // Middleware applies only to routes added after it: add it first.
    router.add(middleware: RequestLogMiddleware(log: configuration.requestLog))
    router.add(middleware: ErrorMiddleware(limits: configuration.limits, log: configuration.requestLog))
    let endpoints = Endpoints(index: index, limits: configuration.limits, pool: SearchPool())
    for route in KensakuRoutes.all {
        router.on(RouterPath(route.path), method: route.method, use: endpoints.handler(for: route))
    }
    return router
}

/// The HTTP application: ``buildRouter(index:configuration:)`` bound to `configuration.host:port`.
/// Run it with `runService()` (graceful shutdown on SIGINT and SIGTERM).
/// `onRunning` receives the bound port once the server listens.
public func buildApplication(
    index: SearchIndex,
    configuration: ServerConfiguration = ServerConfiguration(),
    onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    var logger = Logger(label: "kensaku.server")
    logger.logLevel = .warning
    let log = configuration.requestLog
    let limits = configuration.limits
    let maxConnections = min(limits.maxConnections, FileLimit.raise() - 64)
    return Application(
        router: buildRouter(index: index, configuration: configuration),
        server: .http1(configuration: .init(additionalChannelHandlers: [
            ParserErrorResponder(log: log),
            RequestTimeoutHandler(headerTimeout: .seconds(limits.headerTimeoutSeconds),
                                  bodyTimeout: .seconds(limits.bodyTimeoutSeconds)),
        ])),
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port),
            backlog: 1024,
            availableConnectionsDelegate: MaximumAvailableConnections(max(16, maxConnections))),
        onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger
    )
}

/// The process's limit on open files.
enum FileLimit {
    /// Raises the soft limit on open files to the hard one and returns the soft limit now in force.
    static func raise() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1024 }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = min(limit.rlim_max, 1 << 20)
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        return Int(clamping: limit.rlim_cur)
    }
}

/// The handlers, one per route.
struct Endpoints: Sendable {
    let index: SearchIndex
    let limits: ServerLimits
    /// Where searches run: off the event loops, a few at a time, in arrival order.
    let pool: SearchPool

    typealias Handler = @Sendable (Request, KensakuRequestContext) async throws -> Response

    func handler(for route: KensakuRoute) -> Handler {
        switch route {
        case KensakuRoutes.search: return { request, _ in try await search(request) }
        case KensakuRoutes.passage: return { _, context in try passage(context.parameters.get("id") ?? "") }
        case KensakuRoutes.documents: return { _, _ in documents() }
        case KensakuRoutes.health: return { _, _ in health() }
        case KensakuRoutes.openAPI: return { _, _ in Self.openAPIResponse }
        case KensakuRoutes.page: return { _, _ in Self.pageResponse }
        default: preconditionFailure("no handler for \(route)")
        }
    }

    /// `GET /v1/search?q=&limit=&offset=&strict=&explain=`: exactly the CLI's `--format json`.
    func search(_ request: Request) async throws -> Response {
        let parameters = try QueryString(request.uri.query)
        guard let text = parameters["q"], !text.isEmpty else {
            throw KensakuError.badParameter("give a query in q, e.g. /v1/search?q=量子")
        }
        let options = SearchOptions(
            limit: try parameters.integer("limit", default: 10, in: 1...SearchOptions.maximumLimit),
            offset: try parameters.integer("offset", default: 0, in: 0...limits.maxOffset),
            strict: try parameters.flag("strict"),
            timeBudgetMilliseconds: limits.searchBudgetMilliseconds,
            explain: try parameters.flag("explain"))
        let index = self.index
        // The budget counts from arrival: time spent waiting for a turn is part of it, and a search
        // whose budget ran out in the queue is answered 503 at once instead of run.
        let arrived = DispatchTime.now().uptimeNanoseconds
        let budget = limits.searchBudgetMilliseconds
        let body = try await pool.run { () throws -> Data in
            let waited = Int((DispatchTime.now().uptimeNanoseconds - arrived) / 1_000_000)
            guard waited < budget else {
                throw KensakuError.tooCostly("the server is busy: the search waited \(waited) ms for a turn; retry in a moment")
            }
            var options = options
            options.timeBudgetMilliseconds = budget - waited
            return KensakuJSON.encode(try index.search(text, options: options))
        }
        return .json(body)
    }

    /// `GET /v1/passages/{id}`: the passage, or 404.
    func passage(_ rawID: String) throws -> Response {
        let id = try QueryString.decode(rawID[...].utf8, what: "the passage id", plusIsSpace: false)
        return .json(KensakuJSON.encode(try index.passage(id: id)))
    }

    /// `GET /v1/documents`.
    func documents() -> Response {
        .json(KensakuJSON.encode(["documents": index.documents]))
    }

    /// `GET /healthz`.
    func health() -> Response {
        struct Health: Encodable {
            let status: String
            let passages: Int
            let generation: Int
        }
        return .json(KensakuJSON.encode(Health(status: "ok", passages: index.passageCount, generation: index.manifest.generation)))
    }

    static let openAPIResponse = Response(
        status: .ok, headers: [.contentType: ContentType.yaml],
        body: .init(byteBuffer: ByteBuffer(bytes: PackageResources.openapi_yaml)))

    static let pageResponse = Response(
        status: .ok, headers: [.contentType: ContentType.html, .cacheControl: "no-cache"],
        body: .init(byteBuffer: ByteBuffer(bytes: PackageResources.index_html)))
}

extension Response {
    /// A 200 with a JSON body.
    static func json(_ data: Data) -> Response {
        Response(status: .ok, headers: [.contentType: ContentType.json], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// The OpenAPI document served at `/openapi.yaml`.
public var kensakuOpenAPIDocument: String { String(decoding: PackageResources.openapi_yaml, as: UTF8.self) }

/// The search page served at `/`.
public var kensakuSearchPage: String { String(decoding: PackageResources.index_html, as: UTF8.self) }
