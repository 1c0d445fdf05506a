/// The look-alike fold: characters that input methods, OCR and PDF extraction use
/// interchangeably, folded to one member, one Unicode scalar to one scalar (so offsets stay
/// exact). Applied after NFKC + case folding, identically to passage text, programme and section
/// labels, and queries; quoted phrases are confirmed on the unfolded characters afterwards.
///
/// The table and its sources are in docs/QUERY.md ("The look-alike fold"):
/// - dashes and long-vowel marks: after kana → ー (U+30FC), elsewhere → `-`;
/// - tildes and wave dashes → 〜 (U+301C); middle dots → ・ (U+30FB);
/// - counters: ヶ ヵ (and small ゕ ゖ) → カ; ケ between a non-kana character and a kanji → カ
///   (hiragana か becomes カ through the kana fold);
/// - kanji variants (異体字) → their common form, from Unihan (``KanjiVariants``).
public enum Lookalikes {
    /// Dash-like scalars that are not the long-vowel mark: hyphen-minus, the U+2010–2015
    /// hyphens and dashes, U+2043 hyphen bullet, U+2212 minus, U+FE58 small em dash,
    /// U+FE63 small hyphen-minus. (Full-width U+FF0D reaches us as `-` after NFKC.)
    @inline(__always)
    static func isDash(_ c: UInt32) -> Bool {
        c == 0x2D || (c >= 0x2010 && c <= 0x2015) || c == 0x2043 || c == 0x2212 || c == 0xFE58 || c == 0xFE63
    }

    /// Whether `c` is a box-drawing horizontal line (U+2500, U+2501), which PDF extraction
    /// writes for ー inside katakana words.
    @inline(__always)
    static func isBoxLine(_ c: UInt32) -> Bool { c == 0x2500 || c == 0x2501 }

    @inline(__always)
    static func isTilde(_ c: UInt32) -> Bool { c == 0x7E || c == 0x301C || c == 0x223C || c == 0x2053 || c == 0x3030 }

    @inline(__always)
    static func isMiddleDot(_ c: UInt32) -> Bool { c == 0xB7 || c == 0x2027 || c == 0x2219 || c == 0x22C5 || c == 0x30FB }

    @inline(__always)
    static func isDigitOrLatin(_ c: UInt32) -> Bool { (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7A) }

    /// Whether `c` is one of the characters this fold may change, given some context.
    /// A quoted phrase holding none of them needs no confirmation on the exact characters.
    public static func mayFold(_ c: UInt32) -> Bool {
        isDash(c) || isBoxLine(c) || isTilde(c) || isMiddleDot(c) || c == 0x30FC || c == 0x30F5 || c == 0x30F6
            || c == 0x3095 || c == 0x3096 || c == 0x30B1 || KanjiVariants.fold(c) != c
    }

    /// Kanji that some variant folds to.
    static let variantTargets: Set<UInt32> = Set(KanjiVariants.to)

    /// Whether a stream position holding `c` may come from another character of the text (a
    /// hiragana, a dash, a variant…): a quoted phrase holding one is confirmed on exact characters.
    public static func mayStandForAnother(_ c: UInt32) -> Bool {
        Folding.isKana(c) || c == 0x2D || c == 0x301C || c == 0x30FB || c == 0x30AB || mayFold(c)
            || (c >= 0x3400 && variantTargets.contains(c))
    }

    /// The fold of `s` (NFKC-casefolded scalars, whitespace removed), position by position.
    public static func fold(_ s: [UInt32]) -> [UInt32] {
        var out = s
        for i in out.indices {
            let c = out[i]
            if c < 0x2D { continue }
            let previous: UInt32 = i > 0 ? out[i - 1] : 0
            if isDash(c) || c == 0x30FC {
                out[i] = Folding.isKana(previous) ? 0x30FC : (c == 0x30FC && !isDigitOrLatin(previous) ? c : 0x2D)
            } else if isBoxLine(c) {
                if Folding.isKana(previous) { out[i] = 0x30FC }
            } else if isTilde(c) {
                out[i] = 0x301C
            } else if isMiddleDot(c) {
                out[i] = 0x30FB
            } else if c == 0x30F5 || c == 0x30F6 || c == 0x3095 || c == 0x3096 {
                out[i] = 0x30AB
            } else if c == 0x30B1 {
                if !Folding.isKana(previous), i + 1 < out.count, Folding.isKanji(KanjiVariants.fold(out[i + 1])) {
                    out[i] = 0x30AB
                }
            } else if c >= 0x3400 {
                out[i] = KanjiVariants.fold(c)
            }
        }
        return out
    }

    /// The stream forms `c` may take where its neighbours are unknown (the first or last
    /// character of a query): a dash is - or ー, ー is ー or -, a box line is itself or ー, ケ is ケ or カ.
    static func formsOutOfContext(_ c: UInt32) -> [UInt32] {
        if isDash(c) || c == 0x30FC { return [0x2D, 0x30FC] }
        if isBoxLine(c) { return [c, 0x30FC] }
        if c == 0x30B1 { return [0x30B1, 0x30AB] }
        return []
    }

    /// The stream forms of a query whose first and last characters' contexts are unknown: `stream`
    /// itself, and the forms with the other readings of its first and last characters.
    /// `exact` is the query's NFKC + case-folded scalars, position for position with `stream`.
    public static func forms(of stream: [UInt32], exact: [UInt32]) -> [[UInt32]] {
        guard let first = exact.first, let last = exact.last, stream.count == exact.count else { return [stream] }
        var out = [stream]
        for f in formsOutOfContext(first) where f != stream[0] {
            var s = stream
            s[0] = f
            out.append(s)
        }
        if stream.count > 1 {
            for l in formsOutOfContext(last) {
                for base in out where base[base.count - 1] != l {
                    var s = base
                    s[s.count - 1] = l
                    if !out.contains(s) { out.append(s) }
                }
            }
        }
        return out
    }
}
