import Foundation
import Hummingbird
import HummingbirdTesting
import Kensaku
import KensakuServer
import Testing

/// The OpenAPI document describes exactly the routes the router registers, and the schemas the
/// JSON uses. A line scan is enough: the document keeps `paths:` keys at two spaces, methods at four.
@Suite struct OpenAPITests {
    private let lines = kensakuOpenAPIDocument.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)

    private static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// The (METHOD, path) pairs under `paths:`.
    private func documentedRoutes() -> Set<String> {
        var routes = Set<String>()
        var inPaths = false
        var path: String?
        for line in lines {
            if !line.hasPrefix(" ") && !line.isEmpty {
                inPaths = line == "paths:"
                continue
            }
            guard inPaths else { continue }
            if line.hasPrefix("  ") && !line.hasPrefix("   ") && line.hasSuffix(":") {
                path = String(line.dropFirst(2).dropLast()).trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
            } else if line.hasPrefix("    ") && !line.hasPrefix("     ") && line.hasSuffix(":"), let path {
                let key = String(line.dropFirst(4).dropLast())
                if Self.methods.contains(key) { routes.insert("\(key.uppercased()) \(path)") }
            }
        }
        return routes
    }

    /// The lines of `components.schemas.<name>`.
    private func schemaBlock(_ name: String) -> [String] {
        guard let start = lines.firstIndex(of: "    \(name):") else { return [] }
        var block: [String] = []
        for line in lines[(start + 1)...] {
            if !line.hasPrefix("     ") && !line.trimmingCharacters(in: .whitespaces).isEmpty { break }
            block.append(line)
        }
        return block
    }

    private func declares(_ property: String, in schemas: [String]) -> Bool {
        schemas.flatMap(schemaBlock).contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("\(property):") }
    }

    @Test("the document is OpenAPI 3.1")
    func version() {
        #expect(lines.first == "openapi: 3.1.0")
    }

    @Test("the paths and methods documented are exactly the routes registered")
    func routesMatch() {
        let registered = Set(KensakuRoutes.all.map(\.description))
        #expect(documentedRoutes() == registered)
        #expect(registered.count == KensakuRoutes.all.count, "no route listed twice")
    }

    @Test("every listed route is registered on the router (answers neither an unknown-route 404 nor 405)")
    func routesRegistered() async throws {
        try await ServerFixture.withRouter { client in
            for route in KensakuRoutes.all {
                let uri = route.path
                    .replacingOccurrences(of: "{id}", with: "000_24b64a88380a38ac:136")
                    + (route == KensakuRoutes.search ? "?q=x" : "")
                let response = try await client.execute(uri: uri, method: route.method)
                #expect(response.status == .ok, "\(route) → \(response.status)")
            }
        }
    }

    @Test("the schemas are all there", arguments: ["Passage", "Amount", "Programme", "SearchHit", "SearchPage", "DocumentInfo", "Error", "Health"])
    func schemaPresent(_ name: String) {
        #expect(!schemaBlock(name).isEmpty, "components.schemas.\(name)")
    }

    @Test("every $ref points to a component that exists")
    func refsResolve() throws {
        let refs = try Regex(#"#/components/(schemas|responses)/([A-Za-z]+)"#)
        for line in lines {
            for match in line.matches(of: refs) {
                let kind = String(line[match.output[1].range!])
                let name = String(line[match.output[2].range!])
                let section = lines.firstIndex(of: "  \(kind):")
                let entry = lines.firstIndex(of: "    \(name):")
                #expect(section != nil && entry != nil && entry! > section!, "\(kind)/\(name)")
            }
        }
    }

    @Test("every key of a real search hit, page, document and health answer is declared")
    func keysDeclared() async throws {
        try await ServerFixture.withRouter { client in
            let page = try await client.execute(uri: "/v1/search?q=\(percentEncoded("量子 人材"))&limit=100", method: .get).jsonObject()
            for key in page.keys { #expect(declares(key, in: ["SearchPage"]), "SearchPage.\(key)") }
            let hits = try #require(page["hits"] as? [[String: Any]])
            #expect(hits.contains { $0["partial"] as? Bool == true }, "the query has partial hits to check")
            for hit in hits {
                for key in hit.keys { #expect(declares(key, in: ["Passage", "SearchHit"]), "SearchHit.\(key)") }
                for amount in hit["amounts"] as? [[String: Any]] ?? [] {
                    for key in amount.keys { #expect(declares(key, in: ["Amount"]), "Amount.\(key)") }
                }
                if let programme = hit["programme"] as? [String: Any] {
                    for key in programme.keys { #expect(declares(key, in: ["Programme"]), "Programme.\(key)") }
                }
            }
            let documents = try await client.execute(uri: "/v1/documents", method: .get).jsonObject()
            for document in documents["documents"] as? [[String: Any]] ?? [] {
                for key in document.keys { #expect(declares(key, in: ["DocumentInfo"]), "DocumentInfo.\(key)") }
            }
            let health = try await client.execute(uri: "/healthz", method: .get).jsonObject()
            for key in health.keys { #expect(declares(key, in: ["Health"]), "Health.\(key)") }
        }
    }

    @Test("every error code the server sends is in the Error schema's enum")
    func errorCodesDeclared() {
        let codes = ["bad_query", "bad_parameter", "not_found", "method_not_allowed", "body_too_large", "uri_too_long",
                     "bad_request", "index_missing", "index_corrupt", "corpus_unreadable", "io", "internal"]
        let block = schemaBlock("Error").joined(separator: "\n")
        for code in codes { #expect(block.contains(code), "\(code)") }
    }
}
