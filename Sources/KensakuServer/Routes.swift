import Hummingbird

/// One endpoint of the HTTP API: a method and a path template in OpenAPI form (`/v1/passages/{id}`).
///
/// ``KensakuRoutes/all`` is the single list the router registers and the OpenAPI test checks.
public struct KensakuRoute: Sendable, Hashable, CustomStringConvertible {
    /// The HTTP method, e.g. `GET`.
    public let method: HTTPRequest.Method
    /// The path template; `{name}` captures one path segment (Hummingbird and OpenAPI share this syntax).
    public let path: String

    /// A route: a method and a path template.
    public init(_ method: HTTPRequest.Method, _ path: String) {
        self.method = method
        self.path = path
    }

    /// `GET /v1/search`.
    public var description: String { "\(method.rawValue) \(path)" }

    /// Whether `requestPath` (raw, without the query) matches this template segment by segment.
    public func matches(path requestPath: Substring) -> Bool {
        let template = path.split(separator: "/", omittingEmptySubsequences: true)
        let given = requestPath.split(separator: "/", omittingEmptySubsequences: true)
        guard template.count == given.count else { return false }
        for (t, g) in zip(template, given) where !(t.first == "{" && t.last == "}") && t != g {
            return false
        }
        return true
    }
}

/// The routes of the Kensaku HTTP API.
public enum KensakuRoutes {
    /// Ranked passages for a query: the CLI's `--format json` object.
    public static let search = KensakuRoute(.get, "/v1/search")
    /// One passage by id.
    public static let passage = KensakuRoute(.get, "/v1/passages/{id}")
    /// The indexed documents.
    public static let documents = KensakuRoute(.get, "/v1/documents")
    /// Liveness, with the passage count and generation.
    public static let health = KensakuRoute(.get, "/healthz")
    /// The OpenAPI 3.1 document.
    public static let openAPI = KensakuRoute(.get, "/openapi.yaml")
    /// The search page.
    public static let page = KensakuRoute(.get, "/")

    /// Every route the router registers (HEAD is answered for each GET as well).
    public static let all: [KensakuRoute] = [search, passage, documents, health, openAPI, page]

    /// The methods allowed on `path` (with HEAD for every GET), or empty when no route matches it.
    static func allowedMethods(for path: Substring) -> [HTTPRequest.Method] {
        var methods: [HTTPRequest.Method] = []
        for route in all where route.matches(path: path) && !methods.contains(route.method) {
            methods.append(route.method)
            if route.method == .get { methods.append(.head) }
        }
        return methods
    }
}
