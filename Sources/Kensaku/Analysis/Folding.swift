/// The variant folds of Kensaku, applied after NFKC + case folding, on Unicode scalars,
/// identically to documents and queries. Quoted phrases never go through them.
///
/// Two folds, for two purposes:
/// - ``kana(_:)`` is a per-character map, hiragana → katakana (いのち → イノチ). Because it maps
///   character to character, a substring of a text stays a substring after it, so the index's
///   character stream uses it and exact phrases can still be answered from that stream.
/// - ``word(_:)`` folds a word for the word stream: okurigana dropped (取り組み, 取組み, 取組 → 取組;
///   申し込み → 申込; 組み合わせ, 組合せ → 組合), kana folded, and a prolonged sound mark ー at the
///   end of a katakana run dropped (サーバー → サーバ), ・ inside a word dropped (データ・サイエンス →
///   データサイエンス). Particles (の, を, は…) are never dropped.
public enum Folding {
    /// Characters that are grammatical particles or endings we must not drop as okurigana.
    static let particles: Set<UInt32> = Set("のをはがにとでへもやかなねよらばて".unicodeScalars.map(\.value))

    /// Whether `c` is a kanji (CJK ideograph) or an ideographic iteration/closing mark.
    @inline(__always)
    public static func isKanji(_ c: UInt32) -> Bool {
        (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF)
            || (c >= 0x20000 && c <= 0x3FFFF) || c == 0x3005 || c == 0x3006
    }

    @inline(__always)
    static func isHiragana(_ c: UInt32) -> Bool { c >= 0x3041 && c <= 0x3096 }

    @inline(__always)
    static func isKatakana(_ c: UInt32) -> Bool { (c >= 0x30A1 && c <= 0x30FA) || (c >= 0x30FC && c <= 0x30FF) }

    /// Whether `c` is hiragana that can be okurigana (not a particle).
    @inline(__always)
    static func isOkurigana(_ c: UInt32) -> Bool { isHiragana(c) && !particles.contains(c) }

    /// Whether `c` is hiragana, katakana or the prolonged sound mark.
    @inline(__always)
    public static func isKana(_ c: UInt32) -> Bool { isHiragana(c) || isKatakana(c) }

    /// Hiragana → katakana, character by character.
    @inline(__always)
    public static func kana(_ c: UInt32) -> UInt32 { isHiragana(c) ? c + 0x60 : c }

    /// The word fold of `scalars` (okurigana, kana, trailing ー).
    public static func word(_ scalars: [UInt32]) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(scalars.count)
        let n = scalars.count
        var i = 0
        while i < n {
            let c = scalars[i]
            if isHiragana(c), i > 0, isKanji(scalars[i - 1]), !particles.contains(c) {
                // A run of at most two non-particle hiragana after a kanji is okurigana when a
                // kanji, a particle, a non-hiragana character or the end follows it.
                var j = i
                while j < n, j - i < 3, isHiragana(scalars[j]), !particles.contains(scalars[j]) { j += 1 }
                let endsRun = j >= n || isKanji(scalars[j]) || particles.contains(scalars[j]) || !isHiragana(scalars[j])
                if j - i <= 2 && endsRun {
                    i = j
                    continue
                }
            }
            // ・ inside a word (ICU keeps katakana joined by ・ as one word) is an optional separator.
            if c == 0x30FB, i > 0, i + 1 < n {
                i += 1
                continue
            }
            if c == 0x30FC, i > 0, isKana(scalars[i - 1]), i + 1 >= n || !isKana(scalars[i + 1]) {
                i += 1
                continue
            }
            out.append(kana(c))
            i += 1
        }
        return out
    }

    /// The word fold of a string that is already NFKC-casefolded.
    public static func word(_ text: String) -> String {
        scalarString(word(text.unicodeScalars.map(\.value)))
    }

    /// A string from scalar values (invalid values dropped).
    public static func scalarString(_ scalars: [UInt32]) -> String {
        var s = String.UnicodeScalarView()
        for v in scalars { if let u = Unicode.Scalar(v) { s.append(u) } }
        return String(s)
    }
}
