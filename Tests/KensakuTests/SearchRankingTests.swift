import Foundation
import Testing
@testable import Kensaku

/// Intent words, fiscal-year preferences, partial matches and whole-word ranking.
@Suite struct SearchRankingTests {
    // MARK: intent words

    @Test func budgetQueryRanksThePassageStatingTheAmountFirst() throws {
        let index = try Support.index()
        let page = try index.search("ダイバーシティ研究環境実現イニシアティブ 令和7年度 予算額", limit: 10)
        let first = try #require(page.hits.first)
        #expect(first.partial == false)
        #expect(first.passage.amounts.contains { $0.text == "1,133百万円" },
                "first hit \(first.passage.id) states \(first.passage.amounts.map(\.text))")
        #expect(first.passage.amounts.contains { $0.text == "1,133百万円" && $0.role == .budget && $0.fiscalYear == "令和7年度" })
        #expect(first.passage.programme?.name == "ダイバーシティ研究環境実現イニシアティブ")
    }

    @Test func intentWordsAreNotRequiredAsText() throws {
        let index = try Support.index()
        let plain = try index.search("ダイバーシティ研究環境実現イニシアティブ", limit: 1000)
        let withIntent = try index.search("ダイバーシティ研究環境実現イニシアティブ 令和7年度 予算額", limit: 1000)
        // The same full matches: neither 予算額 nor 令和7年度 is required…
        #expect(withIntent.total == plain.total)
        #expect(Set(withIntent.hits.filter { !$0.partial }.map(\.passage.id)) == Set(plain.hits.filter { !$0.partial }.map(\.passage.id)))
        // …and the first hit does not contain 予算額 at all.
        let first = try #require(withIntent.hits.first)
        #expect(!Support.norm(first.passage.text).contains("予算額"), "the first hit was chosen for the literal word: \(first.passage.text.prefix(80))")
        #expect(withIntent.hits.allSatisfy { !$0.partial })
    }

    @Test func anIntentWordAloneStillMatchesLiterally() throws {
        let index = try Support.index()
        let page = try index.search("予算額", limit: 5)
        #expect(page.total > 0)
        for hit in page.hits {
            let fields = [hit.passage.text, hit.passage.programme?.name ?? ""] + hit.passage.section
            #expect(Support.norm(fields.joined(separator: "\n")).contains("予算額"))
        }
    }

    @Test func requestIntentPrefersRequestAmounts() throws {
        let index = try Support.index()
        let page = try index.search("ダイバーシティ研究環境実現イニシアティブ 要求額", limit: 5)
        let first = try #require(page.hits.first)
        #expect(first.passage.amounts.contains { $0.role == .request },
                "first hit \(first.passage.id) has roles \(first.passage.amounts.map(\.role))")
        let budget = try index.search("ダイバーシティ研究環境実現イニシアティブ 予算額", limit: 5)
        #expect(try #require(budget.hits.first).passage.amounts.contains { $0.role == .budget })
    }

    @Test func yearWordPrefersPassagesOfThatYear() throws {
        let index = try Support.index()
        // 令和8年度 is the year of 003's request; 令和7年度 of 000's budget.
        let r8 = try #require(try index.search("ダイバーシティ研究環境実現イニシアティブ 令和8年度", limit: 3).hits.first)
        #expect(r8.passage.amounts.contains { $0.fiscalYear == "令和8年度" } || r8.passage.doc.hasPrefix("003_"), "\(r8.passage.id)")
        let r7 = try #require(try index.search("ダイバーシティ研究環境実現イニシアティブ R7", limit: 3).hits.first)
        #expect(r7.passage.amounts.contains { $0.fiscalYear == "令和7年度" && $0.role != .previousYear }, "\(r7.passage.id)")
        let western = try #require(try index.search("ダイバーシティ研究環境実現イニシアティブ 2025年度", limit: 3).hits.first)
        #expect(western.passage.id == r7.passage.id)
    }

    // MARK: partial matches

    @Test func partialHitsComeAfterEveryFullHitAndAreMarked() throws {
        let index = try Support.index()
        let page = try index.search("量子 人材育成", limit: 100_000)
        let full = page.hits.filter { !$0.partial }
        let partial = page.hits.filter(\.partial)
        #expect(!full.isEmpty && !partial.isEmpty)
        #expect(page.total == full.count)
        let firstPartial = try #require(page.hits.firstIndex { $0.partial })
        #expect(page.hits[firstPartial...].allSatisfy { $0.partial }, "a full hit ranks below a partial one")
        for hit in full { #expect(hit.matchedTerms == nil) }
        for hit in partial {
            let terms = try #require(hit.matchedTerms)
            #expect(terms.count == 1)
            #expect(Set(terms).isSubset(of: ["量子", "人材育成"]))
            for term in terms { #expect(QueryOperatorTests.occurs(term, in: hit.passage), "\(hit.passage.id) does not contain \(term)") }
            let missing = ["量子", "人材育成"].filter { !terms.contains($0) }
            for term in missing { #expect(!QueryOperatorTests.occurs(term, in: hit.passage), "\(hit.passage.id) contains \(term) but is partial") }
        }
        // JSON: partial and matched_terms only on partial hits.
        let json = try #require(try JSONSerialization.jsonObject(with: KensakuJSON.encode(page)) as? [String: Any])
        let hits = try #require(json["hits"] as? [[String: Any]])
        for (hit, object) in zip(page.hits, hits) {
            #expect((object["partial"] as? Bool) == (hit.partial ? true : nil))
            #expect((object["matched_terms"] != nil) == hit.partial)
        }
    }

    @Test func strictAndPhraseOnlyQueriesReturnNoPartialHits() throws {
        let index = try Support.index()
        let loose = try index.search("量子 人材育成", limit: 100_000)
        let strict = try index.search("量子 人材育成", limit: 100_000, strict: true)
        #expect(strict.hits.allSatisfy { !$0.partial })
        #expect(strict.total == loose.total)
        #expect(strict.hits.map(\.passage.id) == loose.hits.filter { !$0.partial }.map(\.passage.id))
        let phrases = try index.search("\"量子\" \"人材育成\"", limit: 100_000)
        #expect(phrases.hits.allSatisfy { !$0.partial })
        #expect(phrases.total == phrases.hits.count)
        #expect(phrases.total > 0)
        let kagi = try index.search("「量子」 「存在しない語句ぬぬ」", limit: 100)
        #expect(kagi.hits.isEmpty && kagi.total == 0)
    }

    @Test func aQueryNoneOfWhoseTermsOccursReturnsNothing() throws {
        let index = try Support.index()
        let page = try index.search("ぬぬぬぬ ゑゑゑゑ", limit: 100)
        #expect(page.hits.isEmpty)
        #expect(page.total == 0)
        // One term present, one absent: no full match; the partial hits all name the present term.
        let half = try index.search("ダイバーシティ ぬぬぬぬ", limit: 100)
        #expect(half.total == 0)
        #expect(!half.hits.isEmpty)
        #expect(half.hits.allSatisfy { $0.partial && $0.matchedTerms == ["ダイバーシティ"] })
        #expect(try index.search("ダイバーシティ ぬぬぬぬ", limit: 100, strict: true).hits.isEmpty)
    }

    // MARK: whole words over n-grams

    @Test
    func wholeWordRanksAboveAMatchInsideALongerWord() throws {
        let index = try Support.variantsIndex()
        let kyoto = try Support.passageID(in: index, containing: "京都の大学が")
        let tokyo = try Support.passageID(in: index, containing: "東京都の施設")
        let page = try index.search("京都", limit: 10)
        let ids = page.hits.map(\.passage.id)
        #expect(ids.contains(kyoto) && ids.contains(tokyo))
        #expect(ids.first == kyoto, "京都 ranks 東京都 (\(tokyo)) first: \(ids)")
    }

    @Test func rankingIsDeterministic() throws {
        let index = try Support.index()
        let a = try index.search("量子 人材", limit: 50).hits.map { "\($0.passage.id) \($0.score)" }
        let b = try index.search("量子 人材", limit: 50).hits.map { "\($0.passage.id) \($0.score)" }
        #expect(a == b)
        let scores = try index.search("量子 人材", limit: 50).hits.filter { !$0.partial }.map(\.score)
        #expect(scores == scores.sorted(by: >))
    }

    // MARK: explain: the parts of the score

    @Test(arguments: ["量子 人材育成", "ダイバーシティ研究環境実現イニシアティブ 令和7年度 予算額", "量子 OR 光", "STELLA"])
    func scorePartsAddUpToTheScoreAndFollowBM25(_ query: String) throws {
        let index = try Support.index()
        let hits = try index.search(query, options: SearchOptions(limit: 10, explain: true)).hits
        #expect(!hits.isEmpty)
        let n = Double(index.passageCount)
        for hit in hits {
            let parts = try #require(hit.scoreParts, "\(hit.passage.id) has no score_parts")
            let sum = parts.clauses.reduce(0) { $0 + $1.score }
            #expect(abs((sum + parts.preferences) * parts.factor - hit.score) < 0.01, "\(hit.passage.id): \(parts)")
            #expect(abs(parts.score - hit.score) < 0.001)
            for c in parts.clauses {
                #expect(abs(c.idf - log(1 + (n - Double(c.df) + 0.5) / (Double(c.df) + 0.5))) < 0.001)
                let tf = Double(c.tf)
                let norm = 1.2 * (1 - 0.75 + 0.75 * Double(c.fieldLength) / c.averageFieldLength)
                let bm25 = c.tf == 0 ? 0 : c.idf * tf * 2.2 / (tf + norm)
                #expect(abs(c.bm25 - bm25) < 0.01, "\(c)")
                #expect(c.tf > 0 || c.inProgramme || c.inSection, "a clause with no text match must have matched a label: \(c)")
                #expect(c.fieldLength == Analyzer().analyze(hit.passage.text, words: false).stream.count)
            }
            // Partial hits list fewer clauses than the query has.
            if !hit.partial { #expect(parts.clauses.count == Set(parts.clauses.map(\.query)).count) }
        }
        // Without explain, none.
        #expect(try index.search(query, limit: 3).hits.allSatisfy { $0.scoreParts == nil })
    }

    @Test func theAmountIntentShowsAsTheFactor() throws {
        let index = try Support.index()
        let hits = try index.search("ダイバーシティ研究環境実現イニシアティブ 予算額", options: SearchOptions(limit: 5, explain: true)).hits
        let first = try #require(hits.first?.scoreParts)
        // The first hit states a budget amount: × 1.5 for an amount, × 1.3 for the asked role.
        #expect(abs(first.factor - 1.95) < 0.001, "\(first)")
        #expect(first.clauses.map(\.query) == ["ダイバーシティ研究環境実現イニシアティブ"])
    }

    @Test func scorePartsAreInTheJSONOfBothWriters() throws {
        let index = try Support.index()
        let page = try index.search("量子", options: SearchOptions(limit: 2, explain: true))
        let fast = String(decoding: KensakuJSON.encode(page), as: UTF8.self)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let codable = String(decoding: try encoder.encode(page.hits[0]), as: UTF8.self)
        #expect(fast.contains("\"score_parts\":{\"clauses\":[{\"average_field_length\":"))
        #expect(codable.contains("\"score_parts\""))
        let decoded = try JSONDecoder().decode(SearchPage.self, from: KensakuJSON.encode(page))
        #expect(decoded.hits.map(\.scoreParts) == page.hits.map(\.scoreParts))
    }
}
