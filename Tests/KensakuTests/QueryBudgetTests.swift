import Foundation
import Testing
@testable import Kensaku

/// Issue 8, finding 1 and 8: a query's cost is bounded. Repeats count once, distinct terms and a
/// term's length are capped (400), and a search past its time budget stops (503 over HTTP).
struct QueryBudgetTests {
    @Test func repeatedTermsCountOnce() throws {
        let query = try QueryParser.parse(Array(repeating: "の", count: 500).joined(separator: " "))
        #expect(query.clauses == [[.term("の")]])
        let phrases = try QueryParser.parse(Array(repeating: "\"量子\"", count: 50).joined(separator: " "))
        #expect(phrases.clauses.count == 1)
    }

    @Test func deduplicationKeepsTheMeaning() throws {
        // 量子 AND (量子 OR 光): not 量子 OR 光.
        let query = try QueryParser.parse("量子 量子 OR 光")
        #expect(query.clauses == [[.term("量子")], [.term("量子"), .term("光")]])
        #expect(throws: KensakuError.self) { _ = try QueryParser.parse("-a a OR -a c") }
        #expect(try QueryParser.parse("-光 量子 -光").excluded == [.term("光")])
    }

    @Test func tooManyDistinctTermsIsABadQuery() throws {
        let terms = (0..<(QueryParser.maximumAtoms + 1)).map { "語\($0)" }.joined(separator: " ")
        #expect(throws: KensakuError.self) { _ = try QueryParser.parse(terms) }
        let fine = (0..<QueryParser.maximumAtoms).map { "語\($0)" }.joined(separator: " ")
        _ = try QueryParser.parse(fine)
    }

    @Test func aVeryLongTermIsABadQuery() {
        #expect(throws: KensakuError.self) { _ = try QueryParser.parse(String(repeating: "の", count: 900)) }
        #expect(throws: KensakuError.self) { _ = try QueryParser.parse("\"" + String(repeating: "量", count: 300) + "\"") }
    }

    @Test func theWorstQueriesOfTheFindingAnswerQuickly() throws {
        let index = try Support.index()
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            _ = try index.search(Array(repeating: "の", count: 500).joined(separator: " "))
        }
        #expect(elapsed < .seconds(2))  // a sanity bound, not a benchmark: it was 7.5 s on ×50
    }

    @Test func aSpentBudgetStopsTheSearch() throws {
        let deadline = Deadline(milliseconds: 1)
        Thread.sleep(forTimeInterval: 0.005)
        #expect(throws: KensakuError.self) { try deadline.check() }
        try Deadline(milliseconds: nil).check()
        do {
            try deadline.check()
        } catch let error as KensakuError {
            #expect(error.code == "query_too_costly")
        }
    }

    @Test func theCLIAndBatchApplyTheSameBudget() throws {
        let long = String(repeating: "の", count: 900)
        let run = try Support.search([long])
        #expect(run.status == 2)
        #expect(run.stderr.contains("limit is 200"))
        let batch = try Support.search(["--batch"], stdin: long + "\n量子\n")
        let lines = batch.stdoutLines
        #expect(lines.count == 2)
        #expect(lines.first?.contains("\"bad_query\"") == true)
        #expect(lines.last?.contains("\"hits\"") == true)
    }

    @Test func theMemoryCapStopsASearch() throws {
        let budget = Deadline(milliseconds: nil, maxDecoded: 1_000)
        var list = PostingList()
        list.docs = Array(0..<600)
        list.positions = Array(0..<600)
        #expect(throws: KensakuError.self) { try budget.charge(list) }
        let roomy = Deadline(milliseconds: nil)
        try roomy.charge(list)
    }

    @Test func reiwaGannenIsAYear() throws {
        let query = try QueryParser.parse("year:令和元年度 研究")
        #expect(!query.filters.isEmpty)
        let run = try Support.search(["year:令和元年度", "研究"])
        #expect(run.status == 0 || run.status == 1, "stderr: \(run.stderr)")
    }
}
