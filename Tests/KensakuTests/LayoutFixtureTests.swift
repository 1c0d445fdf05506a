import Foundation
import Testing
@testable import Kensaku

/// Budget documents of other layouts (Tests/Fixtures/Layouts/, written from the descriptions of
/// issue 7 by a writer who had not seen the rules): an agency's 総括表 in layout text, a
/// ministry's 予算のポイント, a city's 予算書 with 款 tables and a table one cell per line, and
/// the same ministry text joined into one line.
@Suite struct LayoutFixtureTests {
    struct Fact: Decodable {
        var file: String
        var line: Int
        var text: String
        var occurrence: Int?
        var yen: Int64
        var role: String
        var fiscal_year: String?
        var programme: String?
    }

    struct DocumentFact: Decodable {
        var file: String
        var fiscal_years: [String]
        var kind: String
    }

    /// Two sets, by two writers: Layouts (総括表, 予算のポイント, a city's 予算書, one line) and
    /// Layouts2 (a 概算要求 table in 億円 with decimals, a prefecture's OCR text with single-space
    /// columns and `|` borders, an agency's 補正, a table one cell per line).
    static let sets = ["Layouts", "Layouts2"]

    static func folder(_ set: String) -> URL { Support.repoRoot.appendingPathComponent("Tests/Fixtures/\(set)") }

    static func passages(_ file: String, in set: String = "Layouts") throws -> [Passage] {
        PassageSplitter.passages(of: try CorpusReader.read(file: folder(set).appendingPathComponent(file)))
    }

    static func lines<T: Decodable>(_ name: String, in set: String) throws -> [T] {
        let text = try String(contentsOf: folder(set).appendingPathComponent(name), encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(T.self, from: Data($0.utf8)) }
    }

    @Test(arguments: sets) func documentYearAndKind(_ set: String) throws {
        for fact: DocumentFact in try Self.lines("documents.jsonl", in: set) {
            let first = try #require(try Self.passages(fact.file, in: set).first)
            #expect(first.docFiscalYears.first == fact.fiscal_years.first, "\(fact.file)")
            #expect(first.docKind?.rawValue == fact.kind, "\(fact.file)")
        }
    }

    @Test(arguments: sets) func tableAndAmountFacts(_ set: String) throws {
        let facts: [Fact] = try Self.lines("expected.jsonl", in: set)
        var cache: [String: [Passage]] = [:]
        var found = 0, yen = 0, role = 0, year = 0, programme = 0
        for fact in facts {
            if cache[fact.file] == nil { cache[fact.file] = try Self.passages(fact.file, in: set) }
            guard let a = GoldContextTests.match(cache[fact.file]!.flatMap(\.amounts), line: fact.line, text: fact.text,
                                                 occurrence: fact.occurrence) else { continue }
            found += 1
            yen += a.yen == fact.yen ? 1 : 0
            role += a.role.rawValue == fact.role ? 1 : 0
            year += a.fiscalYear == fact.fiscal_year ? 1 : 0
            programme += GoldContextTests.sameProgramme(a.programme?.name, fact.programme) ? 1 : 0
        }
        let n = Double(facts.count)
        print("\(set): \(facts.count) facts — found \(found), yen \(yen), role \(role), fiscal year \(year), programme \(programme)")
        #expect(Double(found) / n >= 0.99)
        #expect(Double(yen) / n >= 0.99)
        #expect(Double(role) / n >= 0.97)
        #expect(Double(year) / n >= 0.97)
        #expect(Double(programme) / n >= 0.95)
    }

    @Test func textWithoutLineBreaksGivesBoundedPassages() throws {
        let passages = try Self.passages("oneline.txt")
        #expect(passages.count >= 5)
        for p in passages { #expect(p.text.unicodeScalars.count <= 1000, "\(p.id)") }
        #expect(passages.flatMap(\.amounts).count >= 20)
        #expect(Set(passages.map(\.id)).count == passages.count)
    }
}
