import Foundation
import Testing
@testable import Kensaku

/// Every operator and filter of the query language, on the real corpus, checked against
/// sets computed independently from the passages (CorpusReader + PassageSplitter).
@Suite struct QueryOperatorTests {
    /// Whether an unquoted term occurs in a passage's text, programme name or section path
    /// (norm + kana fold, as the terms of docs/QUERY.md do).
    static func occurs(_ term: String, in p: Passage) -> Bool {
        let needle = Support.kanaFold(Support.norm(term))
        let fields = [p.text, p.programme?.name ?? ""] + p.section
        return fields.contains { Support.kanaFold(Support.norm($0)).contains(needle) }
    }

    /// Whether norm(phrase) occurs in norm(text) (exact phrases: text only).
    static func phraseOccurs(_ phrase: String, in p: Passage) -> Bool {
        Support.bytesContain(Array(Support.norm(p.text).utf8), Array(Support.norm(phrase).utf8))
    }

    static func passage(_ id: String) throws -> Passage {
        try #require(Support.passagesByID[id], "passage \(id) is not in the corpus")
    }

    @Test func termsSeparatedByASCIIOrIdeographicSpaceAreTheSameQuery() throws {
        let index = try Support.index()
        let ascii = try index.ids("量子 人材育成")
        let ideographic = try index.ids("量子\u{3000}人材育成")
        #expect(!ascii.full.isEmpty)
        #expect(ascii.full == ideographic.full)
        #expect(ascii.partial == ideographic.partial)
    }

    @Test func everyTermMustOccurInAFullHitAndEveryPassageWithAllTermsIsFound() throws {
        let index = try Support.index()
        let full = try index.fullSet("量子 人材育成")
        for id in full {
            let p = try Self.passage(id)
            #expect(Self.occurs("量子", in: p) && Self.occurs("人材育成", in: p), "full hit \(id) lacks a term: \(p.text.prefix(80))")
        }
        let expected = Set(Support.corpusPassages.filter { Self.occurs("量子", in: $0) && Self.occurs("人材育成", in: $0) }.map(\.id))
        #expect(expected.isSubset(of: full), "missing: \(expected.subtracting(full).sorted().prefix(5))")
        #expect(full.count >= 5)
        // Both terms together narrow each term alone.
        #expect(full.isSubset(of: try index.fullSet("量子")))
        #expect(full.isSubset(of: try index.fullSet("人材育成")))
        #expect(full.count < (try index.fullSet("量子")).count)
    }

    @Test func doubleQuotedPhraseIsExactlyTheBruteForceSet() throws {
        let index = try Support.index()
        for phrase in ["研究開発マネジメント人材", "科学技術・イノベーション", "Q-LEAP"] {
            let got = try index.fullSet("\"\(phrase)\"")
            let expected = Set(Support.corpusPassages.filter { Self.phraseOccurs(phrase, in: $0) }.map(\.id))
            #expect(!expected.isEmpty, "\(phrase) is in the corpus")
            #expect(got == expected, "\"\(phrase)\": missing \(expected.subtracting(got).sorted().prefix(5)), extra \(got.subtracting(expected).sorted().prefix(5))")
        }
    }

    @Test func kagikakkoPhraseEqualsDoubleQuotedPhrase() throws {
        let index = try Support.index()
        let kagi = try index.ids("「博士人材活躍プラン」")
        let quoted = try index.ids("\"博士人材活躍プラン\"")
        #expect(kagi.full.count >= 3)
        #expect(Set(kagi.full) == Set(quoted.full))
        #expect(kagi.partial.isEmpty)
        for id in kagi.full { #expect(Self.phraseOccurs("博士人材活躍プラン", in: try Self.passage(id))) }
        // 000_24b64a88380a38ac:19 states it with its amount 250億円.
        #expect(kagi.full.contains("000_24b64a88380a38ac:19"))
    }

    @Test func orIsTheUnionOfItsSides() throws {
        let index = try Support.index()
        let either = try index.fullSet("STELLA OR ダイバーシティ")
        let left = try index.fullSet("STELLA")
        let right = try index.fullSet("ダイバーシティ")
        #expect(!left.isEmpty && !right.isEmpty)
        #expect(either == left.union(right))
        // OR inside a longer query: (量子 OR 光) 人材育成.
        let combined = try index.fullSet("量子 OR 光 人材育成")
        let expected = try index.fullSet("量子 人材育成").union(try index.fullSet("光 人材育成"))
        #expect(combined == expected)
    }

    @Test func exclusionRemovesEveryPassageWithTheTerm() throws {
        let index = try Support.index()
        let all = try index.fullSet("量子")
        let without = try index.fullSet("量子 -人材")
        let with = try index.fullSet("量子 人材")
        #expect(!without.isEmpty && !with.isEmpty)
        #expect(without == all.subtracting(with))
        for id in without { #expect(!Self.occurs("人材", in: try Self.passage(id)), "\(id) contains 人材") }
        // An excluded phrase.
        let phrase = try index.fullSet("量子 -\"量子コンピュータ\"")
        for id in phrase { #expect(!Self.phraseOccurs("量子コンピュータ", in: try Self.passage(id))) }
        #expect(phrase.count < all.count)
    }

    @Test func docFilterKeepsOnlyThatDocument() throws {
        let index = try Support.index()
        let hits = try index.fullSet("doc:003_baea8a683c94f251 量子")
        let expected = try index.fullSet("量子").filter { $0.hasPrefix("003_baea8a683c94f251:") }
        #expect(!hits.isEmpty)
        #expect(hits == expected)
        // Filter alone: every passage of the document.
        let page = try index.search("doc:003_baea8a683c94f251", limit: 100_000)
        let docPassages = Support.corpusPassages.filter { $0.doc == "003_baea8a683c94f251.txt" }
        #expect(page.total == docPassages.count)
        #expect(Set(page.hits.map(\.passage.id)) == Set(docPassages.map(\.id)))
        #expect(page.hits.allSatisfy { !$0.partial })
    }

    /// The fiscal-year filter: an amount of that year, or a document of that year.
    static func inYear(_ reiwa: Int, _ p: Passage, _ documents: [DocumentInfo]) -> Bool {
        let docYear = FiscalYearCode.reiwa(documents.first { $0.doc == p.doc }?.fiscalYear)
        return docYear == reiwa || p.amounts.contains { FiscalYearCode.reiwa($0.fiscalYear) == reiwa }
    }

    @Test(arguments: [(["令和7年度", "R7", "2025年度", "令和７年度", "r7"], 7), (["令和3年度", "R3", "2021年度"], 3)])
    func yearFilterAcceptsEveryWayOfWritingTheYear(forms: [String], reiwa: Int) throws {
        let index = try Support.index()
        let sets = try forms.map { try index.fullSet("year:\($0)") }
        let expected = Set(Support.corpusPassages.filter { Self.inYear(reiwa, $0, index.documents) }.map(\.id))
        #expect(!expected.isEmpty)
        for (form, set) in zip(forms, sets) {
            #expect(set == expected, "year:\(form): missing \(expected.subtracting(set).sorted().prefix(3)), extra \(set.subtracting(expected).sorted().prefix(3))")
        }
        // With a term: the intersection.
        let withTerm = try index.fullSet("year:\(forms[0]) 量子")
        #expect(withTerm == (try index.fullSet("量子")).intersection(expected))
    }

    @Test func yearFilterSeparatesTheDocumentsYears() throws {
        let index = try Support.index()
        // 004 is the 令和3年度 request document; 000 the 令和7年度 budget.
        let r3 = try index.fullSet("year:令和3年度 量子")
        let r7 = try index.fullSet("year:令和7年度 量子")
        #expect(r3.contains { $0.hasPrefix("004_3969adc06ee7aec3:") })
        #expect(!r7.contains { $0.hasPrefix("004_3969adc06ee7aec3:") })
        #expect(r7.contains { $0.hasPrefix("000_24b64a88380a38ac:") })
        for id in r3 { #expect(Self.inYear(3, try Self.passage(id), index.documents), "\(id) is not of 令和3年度") }
    }

    @Test func programmeFilterKeepsOnlyThatProgramme() throws {
        let index = try Support.index()
        let page = try index.search("programme:ダイバーシティ", limit: 100_000)
        let expected = Set(Support.corpusPassages.filter { Support.kanaFold(Support.norm($0.programme?.name ?? "")).contains("ダイバーシティ") }.map(\.id))
        #expect(!expected.isEmpty)
        #expect(Set(page.hits.map(\.passage.id)) == expected)
        for hit in page.hits { #expect(hit.passage.programme?.name.contains("ダイバーシティ") == true) }
        // programme: with a term, and the spelling `program:`.
        let withTerm = try index.fullSet("programme:次世代科学技術チャレンジプログラム 才能")
        #expect(!withTerm.isEmpty)
        for id in withTerm { #expect(try Self.passage(id).programme?.name.contains("次世代科学技術チャレンジプログラム") == true) }
        #expect(try index.fullSet("program:ダイバーシティ") == expected)
    }

    static func amountSet(_ holds: (Int64) -> Bool) -> Set<String> {
        Set(Support.corpusPassages.filter { $0.amounts.contains { holds($0.yen) } }.map(\.id))
    }

    @Test func amountFiltersCompareYenWithUnits() throws {
        let index = try Support.index()
        let oku100: Int64 = 100 * 100_000_000
        let ge = try index.fullSet("amount>=100億円")
        #expect(!ge.isEmpty)
        #expect(ge == Self.amountSet { $0 >= oku100 })
        // 100億円 = 10000百万円 = 10,000,000,000 yen, whichever unit is written.
        #expect(try index.fullSet("amount>=10000百万円") == ge)
        #expect(try index.fullSet("amount>=10000000000") == ge)
        // 1兆784億円 (国立大学法人運営費交付金) is above 1兆円.
        let trillion = try index.search("amount>=1兆円", limit: 100)
        #expect(trillion.hits.contains { $0.passage.amounts.contains { $0.yen == 1_078_400_000_000 } })
        let lt = try index.fullSet("amount<5000百万円")
        #expect(lt == Self.amountSet { $0 < 5_000_000_000 })
        let le = try index.fullSet("amount<=1億円")
        #expect(le == Self.amountSet { $0 <= 100_000_000 })
    }

    @Test func strictAndNonStrictComparisonsDifferExactlyAtTheBound() throws {
        let index = try Support.index()
        // ◆ダイバーシティ研究環境実現イニシアティブ 1,133百万円(1,133百万円): both amounts are exactly the bound.
        let id = "000_24b64a88380a38ac:233"
        let p = try Self.passage(id)
        #expect(p.amounts.map(\.yen) == [1_133_000_000, 1_133_000_000])
        #expect(try index.fullSet("ダイバーシティ amount>=1133百万円").contains(id))
        #expect(try index.fullSet("ダイバーシティ amount<=1133百万円").contains(id))
        #expect(try index.fullSet("ダイバーシティ amount>=1,133百万円").contains(id))
        #expect(!(try index.fullSet("ダイバーシティ amount>1133百万円")).contains(id))
        #expect(!(try index.fullSet("ダイバーシティ amount<1133百万円")).contains(id))
        #expect(try index.fullSet("ダイバーシティ amount>1132百万円").contains(id))
        #expect(try index.fullSet("ダイバーシティ amount<11.34億円").contains(id))
    }

    @Test func filtersCombineAsIntersection() throws {
        let index = try Support.index()
        let both = try index.fullSet("year:令和7年度 amount>=100億円")
        #expect(both == (try index.fullSet("year:令和7年度")).intersection(try index.fullSet("amount>=100億円")))
        #expect(!both.isEmpty)
        let none = try index.search("doc:000_24b64a88380a38ac doc:001_90b13c8531426e22", limit: 10)
        #expect(none.total == 0 && none.hits.isEmpty)
    }

    @Test func filterOnlyQueriesAreFullMatchesWithoutPartials() throws {
        let index = try Support.index()
        let page = try index.search("amount>=1兆円", limit: 100_000)
        #expect(page.total == page.hits.count)
        #expect(page.hits.allSatisfy { !$0.partial && $0.matchedTerms == nil })
        #expect(page.total == Self.amountSet { $0 >= 1_000_000_000_000 }.count)
    }

    @Test func limitAndOffsetPageThroughTheSameRanking() throws {
        let index = try Support.index()
        let all = try index.search("量子", limit: 30).hits.map(\.passage.id)
        let second = try index.search("量子", limit: 10, offset: 10).hits.map(\.passage.id)
        #expect(all.count == 30)
        #expect(Array(all[10..<20]) == second)
        #expect(try index.search("量子", limit: 0).hits.isEmpty)
        #expect(throws: KensakuError.self) { try index.search("量子", limit: -1) }
    }
}
