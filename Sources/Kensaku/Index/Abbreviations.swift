/// Abbreviations the documents declare as `正式名称（略称）`, e.g. 次世代科学技術チャレンジプログラム（STELLA）,
/// learned at index time so that either form of a term finds both.
public struct AbbreviationTable: Sendable, Equatable {
    /// (abbreviation, full name) pairs, both NFKC-casefolded.
    public private(set) var pairs: [(abbreviation: String, name: String)] = []

    public static func == (a: AbbreviationTable, b: AbbreviationTable) -> Bool {
        a.pairs.map { $0.abbreviation + "\u{0}" + $0.name } == b.pairs.map { $0.abbreviation + "\u{0}" + $0.name }
    }

    /// Each form's other forms, for a lookup per query term instead of a scan of every pair.
    private var others: [String: [String]] = [:]

    init(pairs: [(String, String)]) {
        self.pairs = pairs.map { (abbreviation: $0.0, name: $0.1) }
        for (abbreviation, name) in pairs {
            others[abbreviation, default: []].append(name)
            others[name, default: []].append(abbreviation)
        }
    }

    /// The other forms of `term` (NFKC-casefolded): the names of an abbreviation, the
    /// abbreviations of a name.
    public func expansions(of term: String) -> [String] {
        others[term] ?? []
    }

    /// A table of the declarations found passage by passage, each pair once, in order.
    static func merging(_ lists: [[(String, String)]]) -> AbbreviationTable {
        var seen: Set<String> = []
        var pairs: [(String, String)] = []
        for list in lists {
            for (abbreviation, name) in list where seen.insert(abbreviation + "\u{0}" + name).inserted {
                pairs.append((abbreviation, name))
            }
        }
        return AbbreviationTable(pairs: pairs)
    }

    /// `name(ABBR)` declarations of one analysed text (in ``AnalyzedText/exact``, where a
    /// removed whitespace still ends a name): the abbreviation is ASCII letters, digits, `-` and `&`, starting
    /// with a letter; the name is the run of kanji, katakana and ー before it.
    static func declarations(in text: AnalyzedText) -> [(String, String)] {
        let scalars = text.exact
        guard scalars.contains(0x28) else { return [] }
        var out: [(String, String)] = []
        for i in scalars.indices where scalars[i] == 0x28 {
            var j = i + 1
            var abbreviation: [UInt32] = []
            while j < scalars.count, scalars[j] != 0x29, j - i < 24 {
                let c = scalars[j]
                let isLetter = (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A)
                guard isLetter || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x26 else { break }
                abbreviation.append(c)
                j += 1
            }
            guard j < scalars.count, scalars[j] == 0x29, abbreviation.count >= 2,
                  let first = abbreviation.first, (first >= 0x61 && first <= 0x7A) || (first >= 0x41 && first <= 0x5A)
            else { continue }
            var k = i
            while k > 0, Folding.isKanji(scalars[k - 1]) || (scalars[k - 1] >= 0x30A1 && scalars[k - 1] <= 0x30FF) {
                k -= 1
                // Whitespace (a line break after a heading) was removed here: the name starts.
                if k > 0, text.exactSource[k] > text.exactSourceEnd[k - 1] { break }
            }
            guard i - k >= 3 else { continue }
            out.append((Folding.scalarString(abbreviation), Folding.scalarString(Array(scalars[k..<i]))))
        }
        return out
    }
}
