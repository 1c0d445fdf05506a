/// What one highlighted match stands for: the query atom it matched, how the characters were
/// folded to meet it, and where (docs/QUERY.md, "Explain"). Encoded as
/// `{"term","matched","folded","folds","field"}`.
public struct MatchExplanation: Codable, Sendable, Hashable {
    /// The query atom as written (a term, or a phrase without its quotes).
    public var term: String
    /// The matched characters as written in the passage (or label).
    public var matched: String
    /// The matched characters as the index compares them (the character stream).
    public var folded: String
    /// The folds that made them meet, in order; empty when written exactly as the query:
    /// `width` (NFKC width and case), `nfkc` (a character NFKC changes in meaning, ① → 1), `kana`,
    /// `look-alike` (dashes, tildes, counters, kanji variants), `long-vowel` (a final ー),
    /// `number` (digit-group commas, kanji numerals), `separator` (・), `iteration` (々),
    /// `abbreviation`, `amount-value` (the same yen written otherwise), `okurigana` (the word fold).
    public var folds: [String]
    /// `text`, `programme` or `section`.
    public var field: String

    /// An explanation of one match.
    public init(term: String, matched: String, folded: String, folds: [String], field: String) {
        self.term = term
        self.matched = matched
        self.folded = folded
        self.folds = folds
        self.field = field
    }
}

extension QueryEngine {
    /// Explains the match `matched` (characters as written) found in `field`: the first atom of
    /// the query it stands for and the folds between them; nil when no atom accounts for it.
    func explain(_ matched: String, field: String, query: Query) -> MatchExplanation? {
        let b = analyzer.analyze(matched)
        let written = matched.unicodeScalars.map(\.value).filter { !Analyzer.isWhitespace($0) }
        for atom in query.clauses.flatMap({ $0 }) + query.preferences {
            if field != "text", case .phrase = atom { continue }
            let a = analyzer.analyze(atom.text)
            let asked = atom.text.unicodeScalars.map(\.value).filter { !Analyzer.isWhitespace($0) }
            guard let folds = QueryEngine.folds(from: written, b, to: asked, a, atom: atom, forms: forms[atom], analyzer: analyzer)
            else { continue }
            return MatchExplanation(term: atom.text, matched: matched, folded: Folding.scalarString(b.stream), folds: folds,
                                    field: field)
        }
        return nil
    }

    /// The folds between a match (`written`, analysed `b`) and an atom (`asked`, analysed `a`),
    /// or nil when the atom does not account for the match.
    static func folds(from written: [UInt32], _ b: AnalyzedText, to asked: [UInt32], _ a: AnalyzedText, atom: Query.Atom,
                      forms: AtomForms?, analyzer: Analyzer) -> [String]? {
        if written == asked { return [] }
        let width = meaningfulFold(atom.text) != nil || meaningfulFold(Folding.scalarString(written)) != nil ? "nfkc" : "width"
        if b.exact == a.exact { return [width] }
        var prefix: [String] = []
        if written != b.exact || asked != a.exact { prefix.append(width) }
        if b.exact.map(Folding.kana) == a.exact.map(Folding.kana) { return prefix + ["kana"] }
        if b.stream == a.stream { return prefix + ["look-alike"] }
        if case .phrase = atom { return nil }
        if let last = b.stream.last, last == 0x30FC, Array(b.stream.dropLast()) == a.stream
            || (a.stream.last == 0x30FC && Array(a.stream.dropLast()) == Array(b.stream.dropLast())) {
            return prefix + ["long-vowel"]
        }
        if a.stream.last == 0x30FC, Array(a.stream.dropLast()) == b.stream { return prefix + ["long-vowel"] }
        if Spellings.commas(a.stream) == b.stream || Spellings.numerals(a.stream) == b.stream { return prefix + ["number"] }
        if Spellings.withoutSeparators(a.stream) == b.stream || Spellings.withoutSeparators(b.stream) == a.stream {
            return prefix + ["separator"]
        }
        if Spellings.iteration(a.stream) == b.stream { return prefix + ["iteration"] }
        if let forms, forms.surfaces.dropFirst(forms.spellings).contains(b.stream) { return prefix + ["abbreviation"] }
        if let yen = AmountParser.yen(of: atom.text), AmountParser.yen(of: Folding.scalarString(written)) == yen {
            return prefix + ["amount-value"]
        }
        if !a.wordKeys.isEmpty, Array(a.wordKeys.joined()) == Array(b.wordKeys.joined()) { return prefix + ["okurigana"] }
        return nil
    }
}
