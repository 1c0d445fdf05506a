import Foundation
import Testing
@testable import Kensaku

/// Golden queries as data: Tests/Golden/queries.json (see its "about").
@Suite struct SearchGoldenTests {
    struct GoldenCase: Codable, Sendable, CustomTestStringConvertible {
        var query: String
        var first: [String]?
        var top: [String]?
        var topN: Int?
        var firstProgramme: String?
        var firstAmounts: [String]?
        var firstRole: String?
        var firstHighlightsNorm: [String]?
        var minTotal: Int?
        var maxTotal: Int?
        var noHits: Bool?
        var sameAs: String?
        var allFull: Bool?
        var testDescription: String { query }

        enum CodingKeys: String, CodingKey {
            case query, first, top, topN = "top_n", firstProgramme = "first_programme", firstAmounts = "first_amounts"
            case firstRole = "first_role", firstHighlightsNorm = "first_highlights_norm", minTotal = "min_total"
            case maxTotal = "max_total", noHits = "no_hits", sameAs = "same_as", allFull = "all_full"
        }
    }

    struct GoldenFile: Codable { var cases: [GoldenCase] }

    static let file = Support.repoRoot.appendingPathComponent("Tests/Golden/queries.json")
    static let cases: [GoldenCase] = (try? JSONDecoder().decode(GoldenFile.self, from: Data(contentsOf: file)).cases) ?? []

    @Test func goldenFileLoads() throws {
        let data = try Data(contentsOf: Self.file)
        let decoded = try JSONDecoder().decode(GoldenFile.self, from: data)
        #expect(decoded.cases.count >= 20)
        #expect(Self.cases.count == decoded.cases.count)
    }

    @Test(arguments: cases)
    func golden(_ c: GoldenCase) throws {
        let index = try Support.index()
        let page = try index.search(c.query, limit: 100_000)
        if c.noHits == true {
            #expect(page.hits.isEmpty && page.total == 0, "\(page.hits.prefix(3).map(\.passage.id))")
            return
        }
        let first = try #require(page.hits.first, "no hits")
        if let ids = c.first { #expect(ids.contains(first.passage.id), "first hit is \(first.passage.id)") }
        if let top = c.top {
            let n = c.topN ?? top.count
            let got = page.hits.prefix(n).map(\.passage.id)
            for id in top { #expect(got.contains(id), "\(id) not in the first \(n): \(got)") }
        }
        if let name = c.firstProgramme { #expect(first.passage.programme?.name == name) }
        if let amounts = c.firstAmounts {
            for text in amounts { #expect(first.passage.amounts.contains { $0.text == text }, "first hit states \(first.passage.amounts.map(\.text))") }
        }
        if let role = c.firstRole { #expect(first.passage.amounts.contains { $0.role.rawValue == role }) }
        if let norms = c.firstHighlightsNorm {
            let covered = Set(first.highlights.map { Support.norm(Support.scalars(first.passage.text, $0)) })
            #expect(!covered.isEmpty)
            #expect(covered.isSubset(of: Set(norms)), "highlights cover \(covered)")
        }
        if let min = c.minTotal { #expect(page.total >= min, "total \(page.total)") }
        if let max = c.maxTotal { #expect(page.total <= max, "total \(page.total)") }
        if c.allFull == true { #expect(page.hits.allSatisfy { !$0.partial }) }
        if let other = c.sameAs {
            #expect(Set(page.hits.filter { !$0.partial }.map(\.passage.id)) == (try index.fullSet(other)))
        }
    }
}
