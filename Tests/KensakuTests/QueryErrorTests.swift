import Foundation
import Testing
@testable import Kensaku

/// Malformed queries: each is a `badQuery` whose message says what is wrong and where —
/// never a crash, never everything matched. Emoji are valid queries.
@Suite struct QueryErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var query: String
        /// Words the message must contain (any one of each inner list).
        var mentions: [[String]]
        var position: Int?
        var testDescription: String { "\(query.prefix(40).debugDescription)" }
    }

    static let cases: [Case] = [
        Case(query: "\"量子 人材", mentions: [["unclosed"], ["\""]], position: 0),
        Case(query: "量子 \"人材", mentions: [["unclosed"]], position: 3),
        Case(query: "「博士人材活躍プラン", mentions: [["unclosed"], ["」"]], position: 0),
        Case(query: "量子 「博士", mentions: [["unclosed"], ["」"]], position: 3),
        Case(query: "amount>=abc", mentions: [["abc"], ["amount"]], position: nil),
        Case(query: "amount>=", mentions: [["amount"]], position: nil),
        Case(query: "amount>=100億ドル", mentions: [["amount"]], position: nil),
        Case(query: "-", mentions: [["-"]], position: 0),
        Case(query: "量子 -", mentions: [["-"]], position: 3),
        Case(query: "OR", mentions: [["OR"]], position: 0),
        Case(query: "量子 OR", mentions: [["OR"], ["end", "after"]], position: nil),
        Case(query: "OR 量子", mentions: [["OR"]], position: 0),
        Case(query: "量子 OR OR 光", mentions: [["OR"]], position: nil),
        Case(query: "", mentions: [["no term", "empty"]], position: 0),
        Case(query: "   \u{3000} ", mentions: [["no term", "empty"]], position: 0),
        Case(query: "\"\"", mentions: [["empty"]], position: 0),
        Case(query: "「　」", mentions: [["empty"]], position: 0),
        Case(query: "year:", mentions: [["year"]], position: nil),
        Case(query: "year:昭和50年", mentions: [["year"], ["令和"]], position: nil),
        Case(query: "doc:", mentions: [["doc"]], position: nil),
        Case(query: "量子\u{0001}人材", mentions: [["control"], ["U+1"]], position: 2),
        Case(query: "量子\u{7F}", mentions: [["control"]], position: 2),
        Case(query: "量子\u{1B}[31m", mentions: [["control"]], position: 2),
        Case(query: "-year:令和7年度", mentions: [["filter"], ["-"]], position: 0),
    ]

    @Test(arguments: cases)
    func malformedQueryIsABadQueryThatSaysWhatIsWrong(_ c: Case) throws {
        let index = try Support.index()
        do {
            let page = try index.search(c.query, limit: 5)
            Issue.record("\(c.query.debugDescription) was accepted: total \(page.total), \(page.hits.count) hits")
        } catch let KensakuError.badQuery(message, position) {
            for alternatives in c.mentions {
                #expect(alternatives.contains { message.localizedCaseInsensitiveContains($0) },
                        "message for \(c.query.debugDescription) does not mention \(alternatives): \(message)")
            }
            #expect(position >= 0 && position <= c.query.count, "position \(position) outside the query")
            if let expected = c.position { #expect(position == expected, "message: \(message)") }
            let error = KensakuError.badQuery(message: message, position: position)
            #expect(error.code == "bad_query")
            #expect(error.message.contains("character \(position + 1)"))
            #expect(!error.message.contains("\n"))
        }
    }

    @Test func aTenThousandCharacterQueryIsRefusedWithItsLength() throws {
        let index = try Support.index()
        let long = String(repeating: "量子", count: 5000)
        #expect(long.count == 10_000)
        do {
            _ = try index.search(long, limit: 5)
            Issue.record("a 10,000-character query was accepted")
        } catch let KensakuError.badQuery(message, position) {
            #expect(message.contains("10000") || message.contains("10,000"), "\(message)")
            #expect(message.contains("limit"))
            #expect(position <= 10_000)
        }
        // Long but valid: many distinct terms within the limit does not crash.
        let many = Array(repeating: "量子 OR 光", count: 90).joined(separator: " OR ")
        _ = try index.search(many, limit: 3)
    }

    @Test(arguments: ["😀", "🧪 量子", "👩‍🔬", "🇯🇵", "\"😀\"", "😀 OR 量子", "𠮷"])
    func emojiAndAstralCharactersAreValidQueries(_ query: String) throws {
        let index = try Support.index()
        let page = try index.search(query, limit: 10)
        #expect(page.query == query)
        if query.contains("量子") { #expect(!page.hits.isEmpty) }
        if query == "😀" || query == "\"😀\"" { #expect(page.hits.isEmpty && page.total == 0) }
    }

    @Test func operatorsOnlyNeverMatchEverything() throws {
        let index = try Support.index()
        for query in ["-量子", "-量子 -人材"] {
            // An exclusion alone has no term to search for: an error, not the whole corpus.
            do {
                let page = try index.search(query, limit: 10)
                #expect(page.total < index.passageCount, "\(query) matched every passage")
                #expect(page.hits.isEmpty, "\(query) returned \(page.total) hits")
            } catch let KensakuError.badQuery(message, _) {
                #expect(!message.isEmpty)
            }
        }
    }

    @Test func parserBuildsTheExpectedStructure() throws {
        let q = try QueryParser.parse("量子 OR 光 人材育成 -原子力 \"exact phrase\" 「博士」 doc:000 year:R7 programme:ダイバーシティ amount>=100億円 amount<5000百万円 予算額")
        #expect(q.clauses == [[.term("量子"), .term("光")], [.term("人材育成")], [.phrase("exact phrase")], [.phrase("博士")]])
        #expect(q.excluded == [.term("原子力")])
        #expect(q.filters == [.document("000"), .year(7), .programme("ダイバーシティ"),
                              .amount(.greaterOrEqual, 10_000_000_000), .amount(.less, 5_000_000_000)])
        #expect(q.intent.wantsAmount)
        #expect(q.intent.role == .budget)
        #expect(try QueryParser.parse("量子 令和7年度").intent.years == [7])
        #expect(try QueryParser.parse("量子 2025年度").intent.years == [7])
        #expect(try QueryParser.parse("量子 要求額").intent.role == .request)
        #expect(try QueryParser.parse("量子 補正予算").intent.role == .supplementary)
        #expect(try QueryParser.parse("amount>1.5億円").filters == [.amount(.greater, 150_000_000)])
        #expect(try QueryParser.parse("amount<=5000百万円").filters == [.amount(.lessOrEqual, 5_000_000_000)])
        #expect(try QueryParser.parse("\"a b\" 「c」").isPhrasesOnly)
    }
}
