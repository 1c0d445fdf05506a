import Foundation
import Testing
@testable import Kensaku

/// Highlights are `[start, end)` Unicode-scalar offsets into `text` that cover the original
/// characters that matched (full-width, half-width, outside the BMP).
@Suite struct SearchHighlightTests {
    /// Every highlight of every hit, as the original text it covers.
    static func covered(_ page: SearchPage) -> [(id: String, range: [Int], text: String)] {
        page.hits.flatMap { hit in hit.highlights.map { (hit.passage.id, $0, Support.scalars(hit.passage.text, $0)) } }
    }

    static func checkWellFormed(_ page: SearchPage, sourceLocation: SourceLocation = #_sourceLocation) {
        for hit in page.hits {
            let count = hit.passage.text.unicodeScalars.count
            var previousEnd = -1
            for h in hit.highlights {
                #expect(h.count == 2 && h[0] < h[1] && h[1] <= count, "bad highlight \(h) in \(hit.passage.id) (\(count) scalars)", sourceLocation: sourceLocation)
                if h.count == 2 {
                    #expect(h[0] >= previousEnd, "highlights overlap or are unsorted in \(hit.passage.id): \(hit.highlights)", sourceLocation: sourceLocation)
                    previousEnd = h[1]
                }
            }
        }
    }

    @Test func fullWidthQueryHighlightsTheASCIIText() throws {
        let index = try Support.index()
        let page = try index.search("ＡＩ", limit: 20)
        #expect(page.hits.count == 20)
        Self.checkWellFormed(page)
        for hit in page.hits { #expect(!hit.highlights.isEmpty, "\(hit.passage.id) has no highlight") }
        for (id, range, text) in Self.covered(page) {
            #expect(Support.norm(text) == "ai", "\(id) \(range) covers \(text.debugDescription)")
        }
    }

    @Test func phraseHighlightsCoverThePhraseAcrossLineBreaks() throws {
        let index = try Support.index()
        // ◆ダイバーシティ研究環境実現 イニシアティブ: the name is broken by a space in 000:158.
        let page = try index.search("\"ダイバーシティ研究環境実現イニシアティブ\"", limit: 50)
        Self.checkWellFormed(page)
        #expect(page.total >= 3)
        for hit in page.hits {
            #expect(!hit.highlights.isEmpty)
            for h in hit.highlights {
                #expect(Support.norm(Support.scalars(hit.passage.text, h)) == "ダイバーシティ研究環境実現イニシアティブ",
                        "\(hit.passage.id) \(h): \(Support.scalars(hit.passage.text, h).debugDescription)")
            }
        }
    }

    @Test func offsetsAreUnicodeScalarsNotUTF16() throws {
        let index = try Support.variantsIndex()
        let page = try index.search("𠮷", limit: 5)
        let hit = try #require(page.hits.first)
        let scalars = Array(hit.passage.text.unicodeScalars)
        let expected = scalars.indices.filter { scalars[$0] == "𠮷" }.map { [$0, $0 + 1] }
        #expect(expected.count == 2)
        #expect(hit.highlights == expected)
        // The second 𠮷 sits after one astral character: its UTF-16 offset differs by one.
        var prefix = String.UnicodeScalarView()
        prefix.append(contentsOf: scalars[..<expected[1][0]])
        let utf16Offset = String(prefix).utf16.count
        #expect(utf16Offset != expected[1][0])
    }

    @Test func halfWidthKatakanaHighlightsCoverTheOriginalCharacters() throws {
        let index = try Support.variantsIndex()
        let page = try index.search("カタカナ", limit: 5)
        Self.checkWellFormed(page)
        let half = try #require(page.hits.first { $0.passage.text.contains("ｶﾀｶﾅ") })
        // ｶﾀｶﾅ comes after two 𠮷: scalar offsets, not UTF-16.
        #expect(half.highlights.map { Support.scalars(half.passage.text, $0) } == ["ｶﾀｶﾅ"])
        // ﾃﾞｰﾀ: 5 original scalars (ﾃ ﾞ ｰ ﾀ) make 3 normalised ones (デ ー タ).
        let data = try #require(try index.search("データ", limit: 5).hits.first)
        #expect(data.highlights.map { Support.scalars(data.passage.text, $0) } == ["ﾃﾞｰﾀ"])
        let start = Array(data.passage.text.unicodeScalars).firstIndex(of: "ﾃ")!
        #expect(data.highlights == [[start, start + 4]])
    }

    @Test func kanaFoldedTermHighlightsTheOtherScript() throws {
        let index = try Support.variantsIndex()
        let page = try index.search("いのち", limit: 5)
        Self.checkWellFormed(page)
        let texts = Set(Self.covered(page).map(\.text))
        #expect(texts == ["いのち", "イノチ"])
    }

    @Test
    func okuriganaMatchIsHighlighted() throws {
        let index = try Support.variantsIndex()
        let page = try index.search("取組", limit: 5)
        let hit = try #require(page.hits.first { $0.passage.text.contains("地域の取り組み") })
        // The passage matched through the word stream; its highlight must show where.
        #expect(hit.highlights.map { Support.scalars(hit.passage.text, $0) }.contains("取り組み"),
                "取組 matched \(hit.passage.id) but highlights \(hit.highlights)")
    }

    @Test func highlightsInJSONAreTheSameOffsets() throws {
        let index = try Support.variantsIndex()
        let page = try index.search("𠮷", limit: 5)
        let json = try #require(try JSONSerialization.jsonObject(with: KensakuJSON.encode(page)) as? [String: Any])
        let hit = try #require((json["hits"] as? [[String: Any]])?.first)
        #expect((hit["highlights"] as? [[Int]]) == page.hits[0].highlights)
    }
}
