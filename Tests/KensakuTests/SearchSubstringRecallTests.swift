import Foundation
import Testing
@testable import Kensaku

/// The substring-recall guarantee of docs/QUERY.md §5, spot-checked: for random substrings q of the
/// passages' normalised text, `"q"` returns exactly the passages whose norm(text) contains q.
@Suite struct SearchSubstringRecallTests {
    /// norm(text) of every passage, as UTF-8 (a UTF-8 substring test is a scalar substring test).
    static let normalized: [(id: String, norm: [Unicode.Scalar], utf8: [UInt8])] = Support.corpusPassages.map {
        let n = Support.norm($0.text)
        return ($0.id, Array(n.unicodeScalars), Array(n.utf8))
    }

    static func sample(count: Int, seed: UInt64) -> [String] {
        var rng = SeededGenerator(seed: seed)
        let candidates = normalized.filter { !$0.norm.isEmpty }
        let lengths = [1, 2, 2, 3, 3, 4, 4, 5, 6, 8, 10, 12, 20]
        var out: [String] = []
        var seen: Set<String> = []
        while out.count < count {
            let p = candidates.randomElement(using: &rng)!
            let length = lengths.randomElement(using: &rng)!
            guard p.norm.count >= length else { continue }
            let start = Int.random(in: 0...(p.norm.count - length), using: &rng)
            var view = String.UnicodeScalarView()
            view.append(contentsOf: p.norm[start..<(start + length)])
            let q = String(view)
            // A `"` cannot be written inside a quoted phrase; control characters are refused by the parser.
            if q.unicodeScalars.contains(where: { $0 == "\"" || $0.properties.generalCategory == .control }) { continue }
            if seen.insert(q).inserted { out.append(q) }
        }
        return out
    }

    @Test func quotedSearchReturnsExactlyTheBruteForceSet() throws {
        let index = try Support.index()
        let queries = Self.sample(count: 200, seed: 20_251_122)
        #expect(queries.contains { $0.unicodeScalars.count == 1 })
        var mismatches: [String] = []
        for q in queries {
            let needle = Array(q.utf8)
            let expected = Set(Self.normalized.filter { Support.bytesContain($0.utf8, needle) }.map(\.id))
            let page = try index.search("\"\(q)\"", limit: 100_000)
            let got = Set(page.hits.map(\.passage.id))
            #expect(page.hits.allSatisfy { !$0.partial })
            #expect(page.total == got.count)
            if got != expected {
                mismatches.append("\(q.debugDescription): \(expected.count) expected, missing \(expected.subtracting(got).sorted().prefix(3)), extra \(got.subtracting(expected).sorted().prefix(3))")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(queries.count) differ:\n\(mismatches.prefix(10).joined(separator: "\n"))")
    }

    @Test func hardSubstringsOfTheCorpus() throws {
        let index = try Support.index()
        // One character, punctuation, digits with separators, across a PDF line break, 全角 forms.
        let hard = ["の", "・", "（", "1,133", "百万円(", "研究開発マネジメント", "ジメント人", "ai", "q-leap",
                    "令和7年度予算額", "①", "%", "※"]
        for q in hard {
            let nq = Support.norm(q)
            let expected = Set(Self.normalized.filter { Support.bytesContain($0.utf8, Array(nq.utf8)) }.map(\.id))
            let got = Set(try index.search("\"\(q)\"", limit: 100_000).hits.map(\.passage.id))
            #expect(got == expected, "\(q): missing \(expected.subtracting(got).sorted().prefix(3)), extra \(got.subtracting(expected).sorted().prefix(3))")
        }
    }
}
