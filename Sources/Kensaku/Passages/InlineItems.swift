/// Items named in the middle of a line, beside their own figures (docs/EXTRACTION.md, "Each
/// amount's programme"): PDF extraction merges neighbouring bullets and notes into one line.
extension LineScanner {
    /// `- ・A 1,474億円(…)【298億円】 -B 68億円(…)`: after the figures of one item, a marker opens
    /// the next. The name of that item (B), or nil. `prevEnd` is the end of the previous figure,
    /// `start` the start of this one.
    static func secondItemName(_ s: [Unicode.Scalar], from prevEnd: Int, to start: Int) -> String? {
        var i = prevEnd
        while i < start, ")）】]］".unicodeScalars.contains(s[i]) || Analyzer.isWhitespace(s[i].value) { i += 1 }
        guard i > prevEnd, i < start, isMarker(s[i].value) else { return nil }
        while i < start, isMarker(s[i].value) || Analyzer.isWhitespace(s[i].value) { i += 1 }
        let end = labelStart(s, from: i, to: start) ?? start
        guard let name = ProgrammeFinder.name(from: s[i..<end]), ProgrammeFinder.isItemName(name) else { return nil }
        return name
    }

    /// Verb phrases after a name that say what was done with its figure.
    private static let measureVerbs = ["を措置", "を計上", "で実施", "を実施", "により実施"]

    /// A programme named right before a figure, inside a note or a share, not at the line's start:
    /// `うち、先端国際共同研究推進プログラム（ASPIRE）【令和7年度補正予算額 59億円】`,
    /// `令和7年度はゲノム医療…プログラム（B-cure）（43億円）で実施`, `…により、…強化促進基金を措置(JSPS)[1,498億円]`.
    /// The name must end like a programme (事業, プログラム, 基金…); nil otherwise.
    static func namedBefore(_ s: [Unicode.Scalar], figure start: Int, from lower: Int, body: Int) -> String? {
        var end = start
        func skipBack() { while end > lower, "(（【[［ 　".unicodeScalars.contains(s[end - 1]) { end -= 1 } }
        skipBack()
        // `…として、○○事業に12億円を計上`: the name, then a particle, then its figure.
        for particle in ["として", "に"] where end - lower > particle.unicodeScalars.count
            && FiscalYear.at(s, end - particle.unicodeScalars.count, particle) {
            end -= particle.unicodeScalars.count
            break
        }
        // The figure's own label in the same bracket: `【令和7年度補正予算額 59億円】`.
        if let label = labelStart(s, from: lower, to: end) { end = label; skipBack() }
        // `…基金を措置(JSPS)`: an agency after the verb; `…プログラム（B-cure）`: the name's abbreviation.
        if end > lower, s[end - 1] == ")" || s[end - 1] == "）",
           let open = s[lower..<(end - 1)].lastIndex(where: { $0 == "(" || $0 == "（" }) {
            var bare = open
            while bare > lower, Analyzer.isWhitespace(s[bare - 1].value) { bare -= 1 }
            if let verb = measureVerbs.first(where: { bare - lower >= $0.unicodeScalars.count && FiscalYear.at(s, bare - $0.unicodeScalars.count, $0) }) {
                end = bare - verb.unicodeScalars.count
            }
        } else if let verb = measureVerbs.first(where: { end - lower >= $0.unicodeScalars.count && FiscalYear.at(s, end - $0.unicodeScalars.count, $0) }) {
            end -= verb.unicodeScalars.count
        }
        // Back to the clause's start: a comma, a note mark, `うち`, a topic `は`, or a marker after a space.
        var from = end
        while from > lower {
            let c = s[from - 1]
            if "、，,。※＊*".unicodeScalars.contains(c) { break }
            // A space ends the clause, except between the words of a Latin phrase (`AI for Science`).
            if Analyzer.isWhitespace(c.value) {
                guard from - 1 > lower, ProgrammeFinder.isLatin(s[from - 2].value), ProgrammeFinder.isLatin(s[from].value) else { break }
            }
            if c == "は", from - 1 > lower, Folding.isKanji(s[from - 2].value) { break }
            if c == "ち", from - 2 >= lower, s[from - 2] == "う" { break }
            from -= 1
        }
        guard from > body, end - from >= 6, let name = ProgrammeFinder.name(from: s[from..<end]),
              ProgrammeFinder.hasProgrammeEnding(name), ProgrammeFinder.isItemName(name) else { return nil }
        return name
    }

    /// `大学改革、10兆円規模の大学ファンド`: a figure that gives the size of the name after it
    /// (`…規模の`). The name runs to the clause's end and must end like a programme (事業, 基金,
    /// ファンド…); nil otherwise.
    static func sizedName(_ s: [Unicode.Scalar], after end: Int, to b: Int) -> String? {
        var i = end
        if FiscalYear.at(s, i, "程度") { i += 2 }
        guard FiscalYear.at(s, i, "規模の") else { return nil }
        let from = i + 3
        var to = from
        while to < b, !"、，,。（(【[「」 　".unicodeScalars.contains(s[to]) { to += 1 }
        guard to - from >= 3, let name = ProgrammeFinder.name(from: s[from..<to]),
              ProgrammeFinder.hasProgrammeEnding(name), ProgrammeFinder.isItemName(name) else { return nil }
        return name
    }

    /// Where a budget label starts in `s[a..<b]`, when the label runs to `b` (spaces aside).
    static func labelStart(_ s: [Unicode.Scalar], from a: Int, to b: Int) -> Int? {
        var i = a
        while i < b {
            if let (label, end) = FiscalYear.label(in: s, at: i), label != nil {
                if AmountParser.skipSpaces(s, from: end) >= b { return i }
                i = max(end, i + 1)
                continue
            }
            i += 1
        }
        return nil
    }

    /// Whether an item line carries a footnote mark (`環境改善等(JAEAへの補助) 260百万円 ( ー※)`):
    /// a ※ after its text, with at most three characters after it. A note line under it (`※令和6年度
    /// 補正予算により措置【1,620百万円】`) gives its figures to that item.
    static func hasFootnoteMark(_ s: [Unicode.Scalar]) -> Bool {
        guard let mark = s.lastIndex(of: "※"), s[..<mark].contains(where: { !Analyzer.isWhitespace($0.value) }) else { return false }
        return s[(mark + 1)...].filter { !Analyzer.isWhitespace($0.value) }.count <= 3
    }

    /// The number of a footnote mark (`※2`, `※２` → 2), at `s`'s last ※ (an item's mark) or its
    /// first (a note's own); nil for a bare ※.
    static func footnoteNumber(_ s: [Unicode.Scalar], last: Bool) -> Int? {
        guard let mark = last ? s.lastIndex(of: "※") : s.firstIndex(of: "※") else { return nil }
        var n = 0
        var i = mark + 1
        while i < s.count, let d = AmountParser.digit(s[i].value) { n = n * 10 + Int(d); i += 1 }
        return i > mark + 1 ? n : nil
    }

    /// `世界トップレベル研究拠点プログラム（以下「WPI」という。）による…`: a line of prose that opens
    /// with a programme's name and defines its short name. A page whose title was lost in
    /// extraction still names its programme this way. The name must end like a programme.
    static func definedName(_ s: [Unicode.Scalar], from body: Int, to b: Int) -> String? {
        var start = body
        if start < b, s[start] == "「" { start += 1 }
        var i = start
        while i + 3 < b, i - start <= 60 {
            if s[i] == "(" || s[i] == "（", FiscalYear.at(s, i + 1, "以下") {
                guard i - start >= 6, let name = ProgrammeFinder.name(from: s[start..<i]), ProgrammeFinder.hasProgrammeEnding(name) else { return nil }
                return name
            }
            i += 1
        }
        return nil
    }
}
