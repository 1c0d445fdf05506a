import Foundation
import Hummingbird
import Kensaku

/// An error as the HTTP API answers it: a status and `{"error":{"code","message"}}`.
///
/// Every failure reaches the client through this type (see ``ErrorMiddleware``): a ``KensakuError``
/// keeps its code and message, Hummingbird's errors get a code named after their status, and
/// anything else becomes a generic 500 with no detail.
public struct APIError: HTTPResponseError, Sendable, Equatable {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// A stable machine-readable code (``KensakuError/code`` or one of the HTTP codes below).
    public var code: String
    /// A one-line message for a person.
    public var message: String
    /// Extra headers (`Allow` on 405).
    public var headers: HTTPFields

    /// An error answered with `status` and `{"error":{"code","message"}}`.
    public init(status: HTTPResponse.Status, code: String, message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    /// The API error for a library error: 400 for what the client can fix, 404 for an unknown id,
    /// 500 (with a message that names no server path) for the index or the disk.
    public init(_ error: KensakuError) {
        switch error {
        case .badQuery, .badParameter:
            self.init(status: .badRequest, code: error.code, message: error.message)
        case .notFound:
            self.init(status: .notFound, code: error.code, message: error.message)
        case .tooCostly:
            self.init(status: .serviceUnavailable, code: error.code, message: error.message,
                      headers: [.retryAfter: "1"])
        case .indexMissing, .indexCorrupt, .corpusUnreadable, .io:
            self.init(status: .internalServerError, code: error.code,
                      message: "the server cannot read its index; see the server's log")
        }
    }

    /// The generic 500: no stack trace, no internals.
    public static let internalError = APIError(status: .internalServerError, code: "internal",
                                               message: "internal server error")

    /// 404 for a path no route matches.
    static func unknownRoute(_ method: HTTPRequest.Method, _ path: String) -> APIError {
        APIError(status: .notFound, code: "not_found",
                 message: "no endpoint \(method.rawValue) \(RequestLogLine.clip(path, 200)); see /openapi.yaml")
    }

    /// 405 with the `Allow` header.
    static func methodNotAllowed(_ method: HTTPRequest.Method, allowed: [HTTPRequest.Method]) -> APIError {
        let allow = allowed.map(\.rawValue).joined(separator: ", ")
        return APIError(status: .methodNotAllowed, code: "method_not_allowed",
                        message: "method \(method.rawValue) is not allowed here; use \(allow)",
                        headers: [.allow: allow])
    }

    /// 413 for a request body over the cap.
    static func bodyTooLarge(limit: Int) -> APIError {
        APIError(status: .contentTooLarge, code: "body_too_large",
                 message: "request body over \(limit) bytes; no endpoint takes a body",
                 headers: [.connection: "close"])
    }

    /// 414 for a request target over the cap.
    static func uriTooLong(limit: Int) -> APIError {
        APIError(status: .uriTooLong, code: "uri_too_long", message: "request URI over \(limit) bytes")
    }

    /// The API error for any error thrown while answering.
    static func from(_ error: any Error, method: HTTPRequest.Method, path: String, limits: ServerLimits) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as KensakuError:
            return APIError(error)
        case let error as any HTTPResponseError:
            switch error.status {
            case .notFound: return unknownRoute(method, path)
            case .contentTooLarge: return bodyTooLarge(limit: limits.maxBodyBytes)
            case .uriTooLong: return uriTooLong(limit: limits.maxURIBytes)
            case let status where status.kind == .clientError:
                return APIError(status: status, code: "bad_request", message: status.reasonPhrase)
            default:
                return internalError
            }
        default:
            return internalError
        }
    }

    /// The JSON response for this error.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = headers
        headers[.contentType] = ContentType.json
        let body = KensakuJSON.encode(["error": ["code": code, "message": message]])
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// Content types the server sends.
enum ContentType {
    static let json = "application/json; charset=utf-8"
    static let yaml = "application/yaml; charset=utf-8"
    static let html = "text/html; charset=utf-8"
}
