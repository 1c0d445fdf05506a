import Foundation
import Testing
@testable import Kensaku

/// The fast JSON writer must write exactly what JSONEncoder (sorted keys, no escaped slashes) writes.
struct JSONWriterTests {
    static func reference<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static let tricky = Passage(
        id: "x:1", doc: "x.txt", title: "題 \"quoted\" \\ back/slash", lines: [1, 3],
        section: ["a\tb", "改行\nあり", "\u{1}\u{1F}"],
        text: "ｶﾀｶﾅ 𠮷 \"q\" \\ / \r\n\u{8}\u{C} end", programme: nil,
        amounts: [Amount(text: "1,133百万円", yen: 1_133_000_000, role: .previousYear, fiscalYear: nil),
                  Amount(text: "1兆784億円", yen: 1_078_400_000_000, role: .budget, fiscalYear: "令和7年度")])

    @Test func passageMatchesJSONEncoder() throws {
        #expect(String(decoding: KensakuJSON.encode(Self.tricky), as: UTF8.self) == (try Self.reference(Self.tricky)))
        var withProgramme = Self.tricky
        withProgramme.programme = Programme(name: "名\"前", line: 2)
        #expect(String(decoding: KensakuJSON.encode(withProgramme), as: UTF8.self) == (try Self.reference(withProgramme)))
    }

    @Test(arguments: [0.0, 1.0, 11.82, 0.1, 3.14159, 1234.5678, 1e-7, 12345678.9])
    func hitsAndPagesMatchJSONEncoder(score: Double) throws {
        let full = SearchHit(passage: Self.tricky, score: score, highlights: [[0, 2], [5, 6]])
        let partial = SearchHit(passage: Self.tricky, score: score, highlights: [], partial: true, matchedTerms: ["量子", "a OR b"])
        for hit in [full, partial] {
            #expect(String(decoding: KensakuJSON.encode(hit), as: UTF8.self) == (try Self.reference(hit)))
        }
        let page = SearchPage(query: "\"量子\" 人材", total: 2, tookUs: 123, hits: [full, partial])
        #expect(KensakuJSON.string(page) == (try Self.reference(page)))
    }

    @Test func realPageMatchesJSONEncoder() throws {
        let index = try Support.index()
        for query in ["アルテミス計画", "量子 人材育成 タイムマシン", "\"の\"", "ダイバーシティ 予算額"] {
            let page = try index.search(query, limit: 20)
            #expect(KensakuJSON.string(page) == (try Self.reference(page)), "\(query)")
        }
    }
}
