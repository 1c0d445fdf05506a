/// What the index stores for one passage's text, produced by the analyser: the term streams.
///
/// The character stream is the text run through NFKC + case fold, whitespace removed, and the
/// per-character look-alike and kana folds (docs/QUERY.md). Every position of the stream starts one bigram term (the character
/// and the next one, or the character alone at the end). The word stream is the ICU words of the
/// text, each word-folded. Programme names and section headings are not in the streams: they are
/// labels, stored once each with the passages that carry them (see ``LabelIndex``).
struct PassageTerms {
    /// Bigram keys of the character stream, one per position (see ``GramKey``).
    var grams: [UInt64]
    /// The word stream (UTF-8 of each folded word).
    var words: [[UInt8]]
    /// `name(ABBR)` declarations of the text (see ``AbbreviationTable``).
    var declarations: [(String, String)] = []
}

/// The 64-bit key of a character bigram: first scalar in bits 21–41, second in 0–20.
enum GramKey {
    /// The second half of a bigram that ends a field.
    static let end: UInt32 = 0x1F_FFFF

    @inline(__always)
    static func make(_ a: UInt32, _ b: UInt32) -> UInt64 { UInt64(a) << 21 | UInt64(b) }

    @inline(__always)
    static func first(_ key: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: key >> 21) }

    @inline(__always)
    static func second(_ key: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: key & 0x1F_FFFF) }

    /// The dictionary bytes of a gram key: `g`, UTF-8 of the first scalar, UTF-8 of the second
    /// (nothing for ``end``). UTF-8 is prefix-free, so all bigrams that start with one character
    /// are neighbours in the sorted dictionary.
    static func bytes(_ key: UInt64) -> [UInt8] {
        var out: [UInt8] = [0x67]
        appendUTF8(first(key), to: &out)
        let b = second(key)
        if b != end { appendUTF8(b, to: &out) }
        return out
    }

    /// The dictionary prefix shared by every bigram that starts with `a`.
    static func prefix(_ a: UInt32) -> [UInt8] {
        var out: [UInt8] = [0x67]
        appendUTF8(a, to: &out)
        return out
    }

    static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
        UTF8Encoding.append(v, to: &out)
    }

    /// The dictionary bytes of a word.
    static func wordBytes(_ word: String) -> [UInt8] { [0x77] + Array(word.utf8) }

    /// The dictionary bytes of a word given as UTF-8.
    static func wordBytes(_ word: [UInt8]) -> [UInt8] { [0x77] + word }
}

extension Analyzer {
    /// The character stream of one field: NFKC + case fold, whitespace removed, look-alikes and
    /// kana folded (``AnalyzedText/stream``).
    static func stream(_ analyzed: AnalyzedText) -> [UInt32] { analyzed.stream }

    /// The term streams of a passage's text.
    func terms(of passage: Passage) -> PassageTerms {
        let text = analyze(passage.text)
        let chars = Analyzer.stream(text)
        var grams: [UInt64] = []
        grams.reserveCapacity(chars.count)
        for i in 0..<chars.count {
            grams.append(GramKey.make(chars[i], i + 1 < chars.count ? chars[i + 1] : GramKey.end))
        }
        return PassageTerms(grams: grams, words: text.wordKeys,
                            declarations: AbbreviationTable.declarations(in: text))
    }
}
