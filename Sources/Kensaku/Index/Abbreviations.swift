/// Abbreviations the documents declare as `正式名称（略称）`, e.g. 次世代科学技術チャレンジプログラム（STELLA）,
/// learned at index time so that either form of a term finds both.
public struct AbbreviationTable: Sendable, Equatable {
    /// (abbreviation, full name) pairs, both NFKC-casefolded.
    public private(set) var pairs: [(abbreviation: String, name: String)] = []

    public static func == (a: AbbreviationTable, b: AbbreviationTable) -> Bool {
        a.pairs.map { $0.abbreviation + "\u{0}" + $0.name } == b.pairs.map { $0.abbreviation + "\u{0}" + $0.name }
    }

    init(pairs: [(String, String)]) { self.pairs = pairs.map { (abbreviation: $0.0, name: $0.1) } }

    /// The other forms of `term` (NFKC-casefolded): the names of an abbreviation, the
    /// abbreviations of a name.
    public func expansions(of term: String) -> [String] {
        var out: [String] = []
        for pair in pairs {
            if pair.abbreviation == term { out.append(pair.name) }
            if pair.name == term { out.append(pair.abbreviation) }
        }
        return out
    }

    /// Learns the declarations in `texts`.
    static func learn(_ texts: [String]) -> AbbreviationTable {
        var seen: Set<String> = []
        var pairs: [(String, String)] = []
        for text in texts where text.contains("(") || text.contains("（") {
            for (abbreviation, name) in declarations(in: text) {
                let key = abbreviation + "\u{0}" + name
                if seen.insert(key).inserted { pairs.append((abbreviation, name)) }
            }
        }
        return AbbreviationTable(pairs: pairs)
    }

    /// `name(ABBR)` declarations of one text: the abbreviation is ASCII letters, digits and
    /// `-`/`・`/`&` starting with a letter; the name is the run of kanji, katakana and ー before it.
    static func declarations(in text: String) -> [(String, String)] {
        let scalars = Array(Normalizer.fold(text).unicodeScalars)
        var out: [(String, String)] = []
        for (i, s) in scalars.enumerated() where s == "(" {
            var j = i + 1
            var abbreviation = String.UnicodeScalarView()
            while j < scalars.count, scalars[j] != ")", j - i < 24 {
                let c = scalars[j]
                guard c.isASCII, c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" || c == "&" else { break }
                abbreviation.append(c)
                j += 1
            }
            guard j < scalars.count, scalars[j] == ")", let firstLetter = abbreviation.first,
                  firstLetter.properties.isAlphabetic, abbreviation.count >= 2 else { continue }
            var k = i
            while k > 0 {
                let c = scalars[k - 1].value
                guard Folding.isKanji(c) || (c >= 0x30A1 && c <= 0x30FF) else { break }
                k -= 1
            }
            guard i - k >= 3 else { continue }
            var name = String.UnicodeScalarView()
            name.append(contentsOf: scalars[k..<i])
            out.append((String(abbreviation), String(name)))
        }
        return out
    }
}
