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
/// - iteration marks: 々 after a kanji → that kanji; ゝ ヽ → the kana before; ゞ ヾ → its voiced form;
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
            || c == 0x3095 || c == 0x3096 || c == 0x30B1 || (c >= 0x309D && c <= 0x309E) || (c >= 0x30FD && c <= 0x30FE)
            || c == 0x3005 || KanjiVariants.fold(c) != c
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
            } else if c == 0x3005 {
                if previous != 0, Folding.isKanji(previous), previous != 0x3005 { out[i] = previous }
            } else if c == 0x309D || c == 0x30FD {
                // ゝ after hiragana, ヽ after katakana: the kana before (unvoiced).
                if (c == 0x309D && Folding.isHiragana(previous)) || (c == 0x30FD && Folding.isKatakana(previous)) {
                    out[i] = Lookalikes.unvoiced(previous)
                }
            } else if c == 0x309E || c == 0x30FE {
                if (c == 0x309E && Folding.isHiragana(previous)) || (c == 0x30FE && Folding.isKatakana(previous)) {
                    out[i] = Lookalikes.voiced(previous)
                }
            } else if c >= 0x3400 {
                out[i] = KanjiVariants.fold(c)
            }
        }
        return out
    }

    /// The voiced form of a kana of the か…と and は…ほ rows (the character itself otherwise).
    static func voiced(_ c: UInt32) -> UInt32 {
        let base = c >= 0x30A1 ? c - 0x60 : c  // work in hiragana
        var v = base
        if base >= 0x304B && base <= 0x3062 && base % 2 == 1 { v = base + 1 }        // か…ぢ: odd code points
        else if base >= 0x3064 && base <= 0x3069 && base % 2 == 0 { v = base + 1 }   // つ…ど
        else if base >= 0x306F && base <= 0x307D && (base - 0x306F) % 3 == 0 { v = base + 1 }  // は…ほ
        return c >= 0x30A1 ? v + 0x60 : v
    }

    /// The unvoiced form of a voiced kana (the character itself otherwise).
    static func unvoiced(_ c: UInt32) -> UInt32 {
        let base = c >= 0x30A1 ? c - 0x60 : c
        var v = base
        if base >= 0x304C && base <= 0x3062 && base % 2 == 0 { v = base - 1 }
        else if base >= 0x3065 && base <= 0x3069 && base % 2 == 1 { v = base - 1 }
        else if base >= 0x3070 && base <= 0x307D && (base - 0x3070) % 3 == 0 { v = base - 1 }
        return c >= 0x30A1 ? v + 0x60 : v
    }
}
