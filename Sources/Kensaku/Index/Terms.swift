/// What the index stores for one passage's text, produced by the analyser: the term streams.
///
/// The character stream is the text run through NFKC + case fold, whitespace removed, and the
/// per-character look-alike and kana folds (docs/QUERY.md). Every position of the stream starts one bigram term (the character
/// and the next one, or the character alone at the end). The word stream is the ICU words of the
/// text, each word-folded. Programme names and section headings are not in the streams: they are
/// labels, stored once each with the passages that carry them (see ``LabelIndex``).
struct PassageTerms {
    /// Bigram keys of the character stream, one per position (see ``GramKey``); a bigram whose
    /// second character follows a space (not a line break) carries ``GramKey/acrossSpace``.
    var grams: [UInt64]
    /// Run-edge marks (``GramKey/runStart(_:)``, ``GramKey/runEnd(_:)``) at their stream positions.
    var edges: [(key: UInt64, position: Int)] = []
    /// The word stream (UTF-8 of each folded word).
    var words: [[UInt8]]
    /// Compound words (A・B as AB) at the position of their first word.
    var compoundWords: [(key: [UInt8], position: Int)] = []
    /// `name(ABBR)` declarations of the text (see ``AbbreviationTable``).
    var declarations: [(String, String)] = []
}

/// The 64-bit key of a character bigram: first scalar in bits 21–41, second in 0–20, and one
/// flag bit for the kind of term:
/// - no flag: a bigram within a run of text (dictionary prefix `g`); line breaks are bridged;
/// - ``acrossSpace`` (bit 42, prefix `h`): the second character follows a space within a line.
///   Unquoted terms never match across a space; quoted phrases, whitespace-insensitive, read both;
/// - ``runStart(_:)`` (bit 43, prefix `s`) and ``runEnd(_:)`` (bit 44, prefix `e`): a character
///   that starts or ends a run of digits or Latin letters (see ``RunEdges``). A term that begins
///   or ends with a digit or letter matches at run edges only;
/// - ``wordStart(_:)`` (bit 45, prefix `b`) and ``wordEnd(_:)`` (bit 46, prefix `f`): a character
///   that starts or ends an ICU word of the text. A match of a term with a word start at its first
///   character and a word end at its last is a whole-word match, judged from the passage's own words.
enum GramKey {
    /// The second half of a bigram that ends a field.
    static let end: UInt32 = 0x1F_FFFF
    /// The flag of a bigram across a space.
    static let acrossSpace: UInt64 = 1 << 42
    static let startFlag: UInt64 = 1 << 43
    static let endFlag: UInt64 = 1 << 44
    static let wordStartFlag: UInt64 = 1 << 45
    static let wordEndFlag: UInt64 = 1 << 46

    /// The mark of an ICU word of the text starting with `a` (prefix `b`).
    @inline(__always)
    static func wordStart(_ a: UInt32) -> UInt64 { wordStartFlag | make(a, end) }

    /// The mark of an ICU word of the text ending with `a` (prefix `f`).
    @inline(__always)
    static func wordEnd(_ a: UInt32) -> UInt64 { wordEndFlag | make(a, end) }

    @inline(__always)
    static func make(_ a: UInt32, _ b: UInt32) -> UInt64 { UInt64(a) << 21 | UInt64(b) }

    /// The mark of a run of digits or letters starting with `a`.
    @inline(__always)
    static func runStart(_ a: UInt32) -> UInt64 { startFlag | make(a, end) }

    /// The mark of a run of digits or letters ending with `a`.
    @inline(__always)
    static func runEnd(_ a: UInt32) -> UInt64 { endFlag | make(a, end) }

    @inline(__always)
    static func first(_ key: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: (key >> 21) & 0x1F_FFFF) }

    @inline(__always)
    static func second(_ key: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: key & 0x1F_FFFF) }

    /// The dictionary prefix byte of a key's kind.
    @inline(__always)
    static func kindByte(_ key: UInt64) -> UInt8 {
        if key & startFlag != 0 { return 0x73 }  // s
        if key & endFlag != 0 { return 0x65 }    // e
        if key & wordStartFlag != 0 { return 0x62 }  // b
        if key & wordEndFlag != 0 { return 0x66 }    // f
        return key & acrossSpace != 0 ? 0x68 : 0x67  // h : g
    }

    /// The dictionary bytes of a gram key: its kind byte, UTF-8 of the first scalar, UTF-8 of the
    /// second (nothing for ``end``). UTF-8 is prefix-free, so all bigrams of one kind that start
    /// with one character are neighbours in the sorted dictionary.
    static func bytes(_ key: UInt64) -> [UInt8] {
        var out: [UInt8] = [kindByte(key)]
        appendUTF8(first(key), to: &out)
        let b = second(key)
        if b != end { appendUTF8(b, to: &out) }
        return out
    }

    /// The dictionary prefix shared by every bigram that starts with `a` (`acrossSpace`: of that kind).
    static func prefix(_ a: UInt32, acrossSpace flagged: Bool = false) -> [UInt8] {
        var out: [UInt8] = [flagged ? 0x68 : 0x67]
        appendUTF8(a, to: &out)
        return out
    }

    static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
        UTF8Encoding.append(v, to: &out)
    }

    /// The word that stands for a passage stating an amount of `yen` (U+0001, `yen:`, the decimal
    /// value): no ICU word can hold U+0001, so it never meets a word of the text.
    static func amountWord(_ yen: Int64) -> [UInt8] { [0x01] + Array("yen:\(yen)".utf8) }

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
        let chars = text.stream
        var grams: [UInt64] = []
        grams.reserveCapacity(chars.count)
        for i in 0..<chars.count {
            if i + 1 < chars.count {
                let key = GramKey.make(chars[i], chars[i + 1])
                grams.append(text.gapBefore[i + 1] == 1 ? key | GramKey.acrossSpace : key)
            } else {
                grams.append(GramKey.make(chars[i], GramKey.end))
            }
        }
        var edges: [(key: UInt64, position: Int)] = []
        RunEdges.forEach(in: chars, gapBefore: text.gapBefore) { position, isStart in
            let c = chars[position]
            edges.append((isStart ? GramKey.runStart(c) : GramKey.runEnd(c), position))
        }
        // Each amount's value as a word of its own, so that 100億円 finds 10,000百万円.
        var compounds = text.compoundWords
        for (k, yen) in Set(passage.amounts.map(\.yen)).filter({ $0 > 0 }).sorted().enumerated() {
            compounds.append((GramKey.amountWord(yen), k))
        }
        for bound in text.wordBounds where bound.last < chars.count {
            edges.append((GramKey.wordStart(chars[bound.first]), bound.first))
            edges.append((GramKey.wordEnd(chars[bound.last]), bound.last))
        }
        return PassageTerms(grams: grams, edges: edges, words: text.wordKeys, compoundWords: compounds,
                            declarations: AbbreviationTable.declarations(in: text))
    }
}
