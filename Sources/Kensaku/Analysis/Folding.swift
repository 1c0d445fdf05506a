/// The variant folds applied to unquoted terms and to the text they are matched against.
///
/// Applied after NFKC + case folding, on Unicode scalars, identically to documents and queries:
/// - okurigana: a short run of hiragana written after a kanji (取り組み, 申し込み, 組み合わせ) is
///   dropped when a kanji, a particle, a non-kana character or the end follows it, so that
///   取り組み, 取組み and 取組 all fold to 取組; particles (の, を, は…) are never dropped;
/// - kana: hiragana become katakana (いのち → イノチ);
/// - a prolonged sound mark ー at the end of a katakana run is dropped (サーバー → サーバ).
/// Quoted phrases never go through these folds.
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

    /// Folds `scalars`, returning the folded scalars and, for each, its index in the input.
    public static func fold(_ scalars: [UInt32]) -> (scalars: [UInt32], source: [Int32]) {
        var out: [UInt32] = []
        var source: [Int32] = []
        out.reserveCapacity(scalars.count)
        source.reserveCapacity(scalars.count)
        let n = scalars.count
        var i = 0
        while i < n {
            let c = scalars[i]
            if isHiragana(c), i > 0, isKanji(scalars[i - 1]), !particles.contains(c) {
                // Measure the run of non-particle hiragana after a kanji.
                var j = i
                while j < n, j - i < 3, isHiragana(scalars[j]), !particles.contains(scalars[j]) { j += 1 }
                let runLength = j - i
                let next: UInt32? = j < n ? scalars[j] : nil
                let endsRun = next.map { isKanji($0) || particles.contains($0) || !isHiragana($0) } ?? true
                if runLength <= 2 && endsRun {
                    i = j
                    continue
                }
            }
            var folded = c
            if isHiragana(c) { folded = c + 0x60 }
            if c == 0x30FC, i > 0, isKatakana(scalars[i - 1]) || isHiragana(scalars[i - 1]) {
                let next: UInt32? = i + 1 < n ? scalars[i + 1] : nil
                if next.map({ !(isKatakana($0) || isHiragana($0)) }) ?? true {
                    i += 1
                    continue
                }
            }
            out.append(folded)
            source.append(Int32(i))
            i += 1
        }
        return (out, source)
    }

    /// Folds a string (already NFKC-casefolded) and returns the folded string.
    public static func fold(_ text: String) -> String {
        let (scalars, _) = fold(text.unicodeScalars.map(\.value))
        var s = String.UnicodeScalarView()
        for v in scalars { if let u = Unicode.Scalar(v) { s.append(u) } }
        return String(s)
    }
}
