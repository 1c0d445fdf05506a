import Foundation
import Hummingbird
import HummingbirdTesting
import Kensaku
import KensakuServer
import Testing

/// The repository root, found from this file (Tests/KensakuServerTests/…).
let serverTestsRepositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// One index for every server test, built once from the repository's Corpus/ into a temporary
/// folder (never into the repository's Index/) and removed when the test process exits.
enum ServerFixture {
    static let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("kensaku-server-tests-\(getpid())-\(UUID().uuidString)")

    static let index: SearchIndex = {
        do {
            _ = try IndexWriter(directory: directory).build(corpus: serverTestsRepositoryRoot.appendingPathComponent("Corpus"))
            atexit { try? FileManager.default.removeItem(at: ServerFixture.directory) }
            return try SearchIndex.open(at: directory)
        } catch {
            fatalError("cannot build the test index in \(directory.path): \(error)")
        }
    }()

    /// The application over the shared index, without the request log (unless given one).
    static func application(log: RequestLog = .disabled, limits: ServerLimits = ServerLimits()) -> some ApplicationProtocol {
        buildApplication(index: index, configuration: ServerConfiguration(port: 0, limits: limits, requestLog: log))
    }

    /// Runs `body` against the router in process.
    static func withRouter(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await application().test(.router, body)
    }

    /// Runs `body` against a live server on a free loopback port (the real NIO pipeline).
    static func withLiveServer(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await application().test(.live, body)
    }
}

extension TestResponse {
    /// The body as a string.
    var text: String { String(buffer: body) }

    /// The body decoded as a JSON object.
    func jsonObject() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any], "not a JSON object: \(text.prefix(300))")
    }

    /// The `{"error":{"code","message"}}` of an error response.
    func apiError() throws -> (code: String, message: String) {
        let error = try #require(try jsonObject()["error"] as? [String: Any], "no error object in \(text.prefix(300))")
        return (try #require(error["code"] as? String), try #require(error["message"] as? String))
    }
}

/// Percent-encodes a query value the way `encodeURIComponent` does.
func percentEncoded(_ text: String) -> String {
    let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()")
    return text.addingPercentEncoding(withAllowedCharacters: allowed)!
}

/// A follow-up request proving the server still serves.
func expectStillServing(_ client: any TestClientProtocol, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    let response = try await client.execute(uri: "/healthz", method: .get)
    #expect(response.status == .ok, sourceLocation: sourceLocation)
    #expect(try response.jsonObject()["status"] as? String == "ok", sourceLocation: sourceLocation)
}
