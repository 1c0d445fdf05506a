import Foundation
import Hummingbird
import HummingbirdTesting
import Kensaku
@testable import KensakuServer
import Testing

/// Every error the HTTP API gives: a JSON `{"error":{"code","message"}}` with the right status,
/// and the server keeps serving after each.
@Suite struct ServerErrorTests {
    struct BadRequest: Sendable, CustomTestStringConvertible {
        let method: HTTPRequest.Method
        let uri: String
        let status: HTTPResponse.Status
        let code: String
        var testDescription: String { "\(method) \(uri.prefix(60)) → \(status.code) \(code)" }

        init(_ uri: String, _ status: HTTPResponse.Status, _ code: String) {
            self.init(.get, uri, status, code)
        }

        init(_ method: HTTPRequest.Method, _ uri: String, _ status: HTTPResponse.Status, _ code: String) {
            self.method = method
            self.uri = uri
            self.status = status
            self.code = code
        }
    }

    static let badRequests: [BadRequest] = [
        BadRequest("/v1/search?q=%22unclosed", .badRequest, "bad_query"),
        BadRequest("/v1/search?q=%E3%80%8C%E9%87%8F%E5%AD%90", .badRequest, "bad_query"),  // 「量子
        BadRequest("/v1/search?q=amount%3E%3Dabc", .badRequest, "bad_query"),
        BadRequest("/v1/search?q=%20", .badRequest, "bad_query"),
        BadRequest("/v1/search", .badRequest, "bad_parameter"),
        BadRequest("/v1/search?q=", .badRequest, "bad_parameter"),
        BadRequest("/v1/search?q=x&limit=-1", .badRequest, "bad_parameter"),
        BadRequest("/v1/search?q=x&limit=0", .badRequest, "bad_parameter"),
        BadRequest("/v1/search?q=x&limit=101", .badRequest, "bad_parameter"),
        BadRequest("/v1/search?q=x&limit=100000", .badRequest, "bad_parameter"),
        BadRequest("/v1/search?q=x&limit=ten", .badRequest, "bad_parameter"),
        BadRequest("/v1/search?q=x&offset=-1", .badRequest, "bad_parameter"),
        BadRequest("/v1/search?q=x&offset=10001", .badRequest, "bad_parameter"),
        BadRequest("/v1/search?q=x&strict=maybe", .badRequest, "bad_parameter"),
        BadRequest("/v1/search?q=%FF%FE", .badRequest, "bad_parameter"),
        BadRequest("/v1/search?q=%E9%87", .badRequest, "bad_parameter"),  // truncated UTF-8
        BadRequest("/v1/search?q=%C0%AF", .badRequest, "bad_parameter"),  // overlong '/'
        BadRequest("/v1/search?q=%G1", .badRequest, "bad_parameter"),
        BadRequest("/v1/search?q=abc%", .badRequest, "bad_parameter"),
        BadRequest("/v1/passages/%FF", .badRequest, "bad_parameter"),
        BadRequest("/nowhere", .notFound, "not_found"),
        BadRequest("/v1", .notFound, "not_found"),
        BadRequest("/v1/search/extra", .notFound, "not_found"),
        BadRequest("/v1/passages/nope", .notFound, "not_found"),
        BadRequest("/v1/passages/000_24b64a88380a38ac:999999", .notFound, "not_found"),
        BadRequest("/v1/passages/000_24b64a88380a38ac:99999999999999999999999", .notFound, "not_found"),
        BadRequest(.post, "/v1/search?q=x", .methodNotAllowed, "method_not_allowed"),
        BadRequest(.delete, "/v1/passages/000_24b64a88380a38ac:136", .methodNotAllowed, "method_not_allowed"),
        BadRequest(.put, "/", .methodNotAllowed, "method_not_allowed"),
        BadRequest(.patch, "/healthz", .methodNotAllowed, "method_not_allowed"),
        BadRequest(.post, "/nowhere", .notFound, "not_found"),
        BadRequest("/v1/search?q=" + String(repeating: "a", count: 9000), .uriTooLong, "uri_too_long"),
        BadRequest("/v1/search?q=" + String(repeating: "%E9%87%8F", count: 34_000), .uriTooLong, "uri_too_long"),
    ]

    @Test("a 4xx JSON error, then the server keeps serving", arguments: badRequests)
    func badRequest(_ request: BadRequest) async throws {
        try await ServerFixture.withRouter { client in
            let response = try await client.execute(uri: request.uri, method: request.method)
            #expect(response.status == request.status, "\(response.text.prefix(200))")
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let error = try response.apiError()
            #expect(error.code == request.code)
            #expect(!error.message.isEmpty)
            if request.status == .methodNotAllowed {
                #expect(response.headers[.allow] == "GET, HEAD")
            }
            try await expectStillServing(client)
        }
    }

    @Test("a request body over 64 KB gets 413, with or without a route")
    func bodyTooLarge() async throws {
        let body = ByteBuffer(repeating: UInt8(ascii: "a"), count: 100 * 1024)
        try await ServerFixture.withRouter { client in
            for uri in ["/v1/search?q=x", "/nowhere"] {
                let response = try await client.execute(uri: uri, method: .post, body: body)
                #expect(response.status == .contentTooLarge)
                #expect(try response.apiError().code == "body_too_large")
            }
            let small = try await client.execute(uri: "/v1/search?q=x", method: .post, body: ByteBuffer(string: "{}"))
            #expect(small.status == .methodNotAllowed)
            try await expectStillServing(client)
        }
    }

    @Test("a 100 KB query string gets a JSON 414 from a live server, past NIO's decoder limit too")
    func liveURITooLong() async throws {
        try await ServerFixture.withLiveServer { client in
            let port = try #require(client.port)
            for count in [9_000, 100_000, 1_000_000] {
                let response = try await TestClient.withClient(host: "localhost", port: port) { fresh in
                    try await fresh.get("/v1/search?q=" + String(repeating: "a", count: count))
                }
                #expect(response.status == .uriTooLong, "\(count) bytes")
                let body = String(buffer: response.body ?? ByteBuffer())
                let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: [String: String]]
                #expect(object?["error"]?["code"] == "uri_too_long", "\(body)")
            }
            try await expectStillServing(client)
        }
    }

    @Test("a live server answers 413 to a large body and keeps serving")
    func liveBodyTooLarge() async throws {
        try await ServerFixture.withLiveServer { client in
            let port = try #require(client.port)
            let response = try await TestClient.withClient(host: "localhost", port: port) { fresh in
                try await fresh.post("/v1/search", body: ByteBuffer(repeating: UInt8(ascii: "a"), count: 200 * 1024))
            }
            #expect(response.status == .contentTooLarge)
            #expect(String(buffer: response.body ?? ByteBuffer()).contains("body_too_large"))
            try await expectStillServing(client)
        }
    }

    @Test("path traversal never reaches a file", arguments: [
        "/v1/passages/../../etc/passwd",
        "/v1/passages/..%2F..%2Fetc%2Fpasswd",
        "/v1/passages/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/../../etc/passwd",
        "/openapi.yaml/../../../etc/passwd",
        "/v1/passages/..%2F..%2FPackage.swift",
    ])
    func pathTraversal(_ uri: String) async throws {
        try await ServerFixture.withRouter { client in
            let response = try await client.execute(uri: uri, method: .get)
            #expect([.notFound, .badRequest].contains(response.status), "\(response.status)")
            #expect(try response.apiError().code == "not_found" || response.status == .badRequest)
            #expect(!response.text.contains("root:"))
            #expect(!response.text.contains("PackageDescription"))
            try await expectStillServing(client)
        }
    }

    @Test("server-side failures are a 500 with a generic message, no internals")
    func internalErrors() throws {
        struct Boom: Error {}
        let generic = APIError.from(Boom(), method: .get, path: "/x", limits: ServerLimits())
        #expect(generic.status == .internalServerError)
        #expect(generic.code == "internal")
        #expect(generic.message == "internal server error")
        let corrupt = APIError(KensakuError.indexCorrupt(file: "/srv/secret/Index/gen-1/postings", reason: "bad CRC"))
        #expect(corrupt.status == .internalServerError)
        #expect(corrupt.code == "index_corrupt")
        #expect(!corrupt.message.contains("/srv/secret"))
        #expect(APIError(KensakuError.badQuery(message: "m", position: 0)).status == .badRequest)
        #expect(APIError(KensakuError.notFound("x:1")).status == .notFound)
    }

    @Test("the query string is decoded strictly")
    func queryStringDecoding() throws {
        let parameters = try QueryString("q=%E9%87%8F%E5%AD%90+%E4%BA%BA%E6%9D%90&limit=5&q=second&flag")
        #expect(parameters["q"] == "量子 人材")
        #expect(try parameters.integer("limit", default: 10, in: 1...100) == 5)
        #expect(try parameters.integer("offset", default: 0, in: 0...10) == 0)
        #expect(try parameters.flag("flag"))
        #expect(try !parameters.flag("strict"))
        #expect(throws: KensakuError.self) { try QueryString("q=%FF") }
        #expect(throws: KensakuError.self) { try QueryString("q=%2") }
    }
}
