import Foundation
import Testing
@testable import Kensaku

/// Programme, yen, role and fiscal year against the hand-judged gold of Tests/Gold/ (two judges
/// read the source lines of Corpus/; a third checked a sample). Prints the accuracy per field.
///
/// The floors are the accuracy reached so far, kept so that it cannot fall back. Of the targets of
/// issue 7, yen, role and fiscal year (≥ 98 %) are met; programme (≥ 95 % of amounts, ≥ 90 % of
/// passages) is not yet.
@Suite struct GoldContextTests {
    struct AmountFact: Decodable {
        var doc: String
        var line: Int
        var text: String
        var occurrence: Int?
        var yen: Int64
        var role: String
        var fiscal_year: String?
        var programme: String?
    }

    struct PassageFact: Decodable {
        var doc: String
        var line: Int
        var programme: String?
    }

    static func load<T: Decodable>(_ prefix: String) -> [T] {
        let folder = Support.repoRoot.appendingPathComponent("Tests/Gold")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasPrefix(prefix) && $0.hasSuffix(".jsonl") }.sorted()
        return files.flatMap { file -> [T] in
            let text = (try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)) ?? ""
            return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(T.self, from: Data($0.utf8)) }
        }
    }

    /// NFKC, lower case, no whitespace, no 【再掲】, no trailing 等.
    static func norm(_ s: String?) -> String? {
        guard let s else { return nil }
        var t = s.precomposedStringWithCompatibilityMapping.lowercased().filter { !$0.isWhitespace }
        for mark in ["【再掲】", "[再掲]"] { t = t.replacingOccurrences(of: mark, with: "") }
        if t.hasSuffix("等") { t.removeLast() }
        return t
    }

    /// The same programme, allowing a bracketed abbreviation after it to be there or not.
    static func sameProgramme(_ ours: String?, _ gold: String?) -> Bool {
        let a = norm(ours), b = norm(gold)
        if a == b { return true }
        guard let a, let b else { return false }
        func strip(_ x: String) -> String {
            guard x.hasSuffix(")"), let open = x.lastIndex(of: "(") else { return x }
            return String(x[..<open])
        }
        return strip(a) == strip(b)
    }

    static func covering(_ doc: String, _ line: Int) -> [Passage] {
        Support.corpusPassages.filter { $0.doc == doc && $0.lines[0] <= line && line <= $0.lines[1] }
    }

    static func amount(for fact: AmountFact) -> Amount? {
        match(covering(fact.doc, fact.line).flatMap(\.amounts), line: fact.line, text: fact.text, occurrence: fact.occurrence)
    }

    /// The `occurrence`-th amount of `amounts` written on `line` as `text` (`の内数` aside), or, when
    /// there are not that many, the one whose text contains `text` (a range, a sign).
    static func match(_ amounts: [Amount], line: Int, text: String, occurrence: Int?) -> Amount? {
        let gold = norm(text) ?? ""
        let onLine = amounts.filter { $0.line == line }
        let exact = onLine.filter { norm($0.text)?.replacingOccurrences(of: "の内数", with: "") == gold }
        let loose = onLine.filter { (norm($0.text) ?? "").contains(gold) }
        let k = occurrence ?? 1
        let list = exact.count >= k ? exact : loose
        return list.count >= k ? list[k - 1] : nil
    }

    @Test func goldIsLargeEnough() {
        let amounts: [AmountFact] = Self.load("amounts_")
        let passages: [PassageFact] = Self.load("passages_")
        #expect(amounts.count >= 200)
        #expect(passages.count >= 60)
        #expect(Set(amounts.map(\.doc)).count == 5)
    }

    @Test func accuracyPerField() {
        let facts: [AmountFact] = Self.load("amounts_")
        var found = 0, programme = 0, yen = 0, role = 0, year = 0, all = 0
        for fact in facts {
            guard let a = Self.amount(for: fact) else { continue }
            found += 1
            let p = Self.sameProgramme(a.programme?.name, fact.programme)
            let y = a.yen == fact.yen, r = a.role.rawValue == fact.role, f = a.fiscalYear == fact.fiscal_year
            programme += p ? 1 : 0; yen += y ? 1 : 0; role += r ? 1 : 0; year += f ? 1 : 0
            all += p && y && r && f ? 1 : 0
        }
        let passages: [PassageFact] = Self.load("passages_")
        let passageRight = passages.filter { fact in
            Self.sameProgramme(Self.covering(fact.doc, fact.line).first?.programme?.name, fact.programme)
        }.count
        let n = Double(max(facts.count, 1))
        func pct(_ k: Int, _ d: Double = n) -> Double { (Double(k) / d * 1000).rounded() / 10 }
        print("gold: \(facts.count) amounts — found \(pct(found))%, programme \(pct(programme))%, yen \(pct(yen))%, "
              + "role \(pct(role))%, fiscal year \(pct(year))%, all four \(pct(all))%; "
              + "\(passages.count) passages without amounts — programme \(pct(passageRight, Double(max(passages.count, 1))))%")
        #expect(Double(found) / n >= 0.99)
        #expect(Double(yen) / n >= 0.99)
        #expect(Double(role) / n >= 0.98)
        #expect(Double(year) / n >= 0.98)
        #expect(Double(programme) / n >= 0.91)
        #expect(Double(passageRight) / Double(max(passages.count, 1)) >= 0.90)
    }
}
