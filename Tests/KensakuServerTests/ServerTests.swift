import Foundation
import Hummingbird
import HummingbirdTesting
import Kensaku
import KensakuServer
import Testing

/// The endpoints of the HTTP API, driven in process through the router.
@Suite struct ServerEndpointTests {
    /// The search's JSON without `took_us` (which differs per run).
    private func withoutTiming(_ data: Data) throws -> NSDictionary {
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["took_us"] is Int)
        object["took_us"] = nil
        return object as NSDictionary
    }

    @Test("GET /v1/search answers the same JSON as KensakuJSON.encode(index.search(…))",
          arguments: [
              ("アルテミス計画", 10, 0, false),
              ("量子 人材", 5, 3, false),
              ("量子 人材", 5, 0, true),
              ("\"科学技術・イノベーション\"", 100, 0, false),
              ("doc:000_24b64a88380a38ac 研究", 10, 0, false),
              ("amount>=100億円 宇宙", 10, 0, false),
          ])
    func searchMatchesLibrary(query: String, limit: Int, offset: Int, strict: Bool) async throws {
        let expected = KensakuJSON.encode(try ServerFixture.index.search(query, options: SearchOptions(limit: limit, offset: offset, strict: strict)))
        try await ServerFixture.withRouter { client in
            let uri = "/v1/search?q=\(percentEncoded(query))&limit=\(limit)&offset=\(offset)&strict=\(strict)"
            let response = try await client.execute(uri: uri, method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            #expect(try withoutTiming(Data(response.text.utf8)) == withoutTiming(expected))
        }
    }

    @Test("the first hit for アルテミス計画 is the programme with 76億円; the default limit is 10")
    func searchFirstHit() async throws {
        try await ServerFixture.withRouter { client in
            let response = try await client.execute(uri: "/v1/search?q=\(percentEncoded("アルテミス計画"))", method: .get)
            let page = try JSONDecoder().decode(SearchPage.self, from: Data(response.text.utf8))
            #expect(page.query == "アルテミス計画")
            #expect(page.hits.count <= 10)
            let first = try #require(page.hits.first)
            #expect(first.passage.programme?.name == "アルテミス計画に向けた研究開発等")
            #expect(first.passage.amounts.first?.text == "76億円")
        }
    }

    @Test("+ and %20 are spaces in q, as browsers send them")
    func searchSpaces() async throws {
        try await ServerFixture.withRouter { client in
            let plus = try await client.execute(uri: "/v1/search?q=\(percentEncoded("量子"))+\(percentEncoded("人材"))", method: .get)
            let space = try await client.execute(uri: "/v1/search?q=\(percentEncoded("量子 人材"))", method: .get)
            #expect(try plus.jsonObject()["query"] as? String == "量子 人材")
            #expect(try plus.jsonObject()["total"] as? Int == space.jsonObject()["total"] as? Int)
        }
    }

    @Test("GET /v1/passages/{id} answers the passage's JSON; the colon may be percent-encoded")
    func passage() async throws {
        let id = "000_24b64a88380a38ac:136"
        let expected = String(decoding: KensakuJSON.encode(try ServerFixture.index.passage(id: id)), as: UTF8.self)
        try await ServerFixture.withRouter { client in
            for uri in ["/v1/passages/\(id)", "/v1/passages/000_24b64a88380a38ac%3A136"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(response.text == expected)
            }
        }
    }

    @Test("GET /v1/documents lists the indexed documents")
    func documents() async throws {
        try await ServerFixture.withRouter { client in
            let response = try await client.execute(uri: "/v1/documents", method: .get)
            #expect(response.status == .ok)
            struct Documents: Decodable { let documents: [DocumentInfo] }
            let decoded = try JSONDecoder().decode(Documents.self, from: Data(response.text.utf8))
            #expect(decoded.documents == ServerFixture.index.documents)
            let first = try #require((try response.jsonObject()["documents"] as? [[String: Any]])?.first)
            #expect(Set(first.keys) == ["doc", "title", "fiscal_year", "passages", "fiscal_years", "kind"])
        }
    }

    @Test("GET /healthz reports the passages and the generation")
    func health() async throws {
        try await ServerFixture.withRouter { client in
            let response = try await client.execute(uri: "/healthz", method: .get)
            #expect(response.status == .ok)
            let object = try response.jsonObject()
            #expect(object["status"] as? String == "ok")
            #expect(object["passages"] as? Int == ServerFixture.index.passageCount)
            #expect(object["generation"] as? Int == ServerFixture.index.manifest.generation)
        }
    }

    @Test("HEAD is answered for every GET, without a body")
    func head() async throws {
        try await ServerFixture.withRouter { client in
            let response = try await client.execute(uri: "/healthz", method: .head)
            #expect(response.status == .ok)
            #expect(response.body.readableBytes == 0)
        }
    }

    @Test("GET /openapi.yaml serves the OpenAPI document")
    func openAPI() async throws {
        try await ServerFixture.withRouter { client in
            let response = try await client.execute(uri: "/openapi.yaml", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("application/yaml") == true)
            #expect(response.text.hasPrefix("openapi: 3.1"))
            #expect(response.text == kensakuOpenAPIDocument)
        }
    }

    @Test("GET / serves the Japanese search page, self-contained and phone-ready")
    func page() async throws {
        try await ServerFixture.withRouter { client in
            let response = try await client.execute(uri: "/?q=\(percentEncoded("量子"))", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            let html = response.text
            #expect(html.contains("<html lang=\"ja\">"))
            #expect(html.contains("name=\"viewport\""))
            #expect(html.contains("該当する箇所はありません"))
            #expect(html.contains("前へ") && html.contains("次へ"))
            #expect(html.contains("Array.from(text)"), "highlights are code-point offsets")
            #expect(!html.contains("innerHTML"), "document text is set with textContent only")
            for external in ["src=\"http", "href=\"http", "src=\"//", "href=\"//", "@import"] {
                #expect(!html.contains(external), "external asset: \(external)")
            }
        }
    }

    @Test("one log line per request: method, path, status, microseconds")
    func requestLog() async throws {
        final class Lines: @unchecked Sendable {
            let lock = NSLock()
            var all: [String] = []
            func append(_ line: String) { lock.withLock { all.append(line) } }
        }
        let lines = Lines()
        let app = ServerFixture.application(log: RequestLog { lines.append($0) })
        try await app.test(.router) { client in
            _ = try await client.execute(uri: "/v1/search?q=\(percentEncoded("量子"))", method: .get)
            _ = try await client.execute(uri: "/nowhere", method: .get)
        }
        let logged = lines.lock.withLock { lines.all }
        #expect(logged.count == 2)
        #expect(logged.first?.wholeMatch(of: /GET \/v1\/search 200 \d+us/) != nil, "\(logged)")
        #expect(logged.last?.wholeMatch(of: /GET \/nowhere 404 \d+us/) != nil, "\(logged)")
    }

    @Test("a live server answers through the real HTTP pipeline")
    func liveSmoke() async throws {
        try await ServerFixture.withLiveServer { client in
            let response = try await client.execute(uri: "/v1/search?q=\(percentEncoded("アルテミス計画"))&limit=1", method: .get)
            #expect(response.status == .ok)
            #expect(try response.jsonObject()["hits"] as? [Any] != nil)
            try await expectStillServing(client)
        }
    }
}
