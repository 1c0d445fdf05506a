/// The analysis of one text: what the index stores and what queries are matched against.
public struct AnalyzedText: Sendable {
    /// norm(x) of docs/QUERY.md: NFKC + case fold, all whitespace removed. Exact phrases match here.
    public var exact: [UInt32]
    /// For each scalar of `exact`, its offset (in Unicode scalars) in the original text.
    public var exactSource: [Int32]
    /// One past the last original scalar that produced each scalar of `exact`.
    public var exactSourceEnd: [Int32]
    /// The ICU words of the text, each with ``Folding/word(_:)``, in order, as UTF-8.
    public var wordKeys: [[UInt8]]

    /// The ICU words of the text, each with ``Folding/word(_:)``, in order.
    public var words: [String] { wordKeys.map { String(decoding: $0, as: UTF8.self) } }
    /// With `wordSpans: true`, each word's `[start, end)` in the original text, in Unicode scalars.
    public var wordSpans: [Range<Int>] = []
    /// The character stream: `exact` with the look-alike fold (``Lookalikes``) and the kana fold,
    /// position for position. Unquoted terms match here; quoted phrases are confirmed on `exact`.
    public var stream: [UInt32] = []
    /// For each scalar of `exact`: 1 when whitespace other than a line break was removed right
    /// before it, 2 when only line breaks were, else 0.
    public var gapBefore: [UInt8] = []
    /// Compound words of two words joined by ・, each with the word-stream position of its first
    /// word (UTF-8, folded like ``wordKeys``).
    public var compoundWords: [(key: [UInt8], position: Int)] = []
    /// For each word of ``wordKeys``, the stream positions of its first and last characters.
    public var wordBounds: [(first: Int, last: Int)] = []
}

/// Runs the one analyser that documents and queries share: NFKC + case fold, ICU words,
/// variant folds. Not thread-safe (it owns an ICU break iterator): one per thread.
public final class Analyzer {
    private let breaker = WordBreaker()

    /// Creates an analyser with its own ICU word breaker.
    public init() {}

    /// Whether `c` is whitespace as Python's `str.isspace` sees it (the substring-recall check's norm).
    @inline(__always)
    public static func isWhitespace(_ c: UInt32) -> Bool {
        switch c {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// `kana` with the combining sound mark `mark` (U+3099 or U+309A), composed (NFC, through
    /// ICU's NFKC), or nil when the pair has no precomposed character (ア + ゛).
    static func composed(_ kana: UInt32, _ mark: UInt32) -> UInt32? {
        guard let a = Unicode.Scalar(kana), let b = Unicode.Scalar(mark) else { return nil }
        var pair = String.UnicodeScalarView()
        pair.append(a)
        pair.append(b)
        let scalars = Array(Normalizer.fold(String(pair)).unicodeScalars)
        return scalars.count == 1 ? scalars[0].value : nil
    }

    /// Analyses `text`. With `words: false` the ICU pass is skipped (exact matching only).
    public func analyze(_ text: String, words wantWords: Bool = true, wordSpans wantSpans: Bool = false) -> AnalyzedText {
        let source = Array(text.utf16)
        let normalized = Normalizer.normalize(utf16: source)
        // Map original UTF-16 offsets to scalar offsets.
        var utf16ToScalar = [Int32](repeating: 0, count: source.count + 1)
        var scalarIndex: Int32 = 0
        var k = 0
        while k < source.count {
            utf16ToScalar[k] = scalarIndex
            if UTF16.isLeadSurrogate(source[k]), k + 1 < source.count, UTF16.isTrailSurrogate(source[k + 1]) {
                utf16ToScalar[k + 1] = scalarIndex
                k += 2
            } else {
                k += 1
            }
            scalarIndex += 1
        }
        utf16ToScalar[source.count] = scalarIndex

        var exact: [UInt32] = []
        var exactSource: [Int32] = []
        var exactSourceEnd: [Int32] = []
        // For each scalar of `exact`: 1 when whitespace other than a line break came right before
        // it, 2 when only line breaks did, else 0.
        var gapBefore: [UInt8] = []
        exact.reserveCapacity(normalized.units.count)
        exactSource.reserveCapacity(normalized.units.count)
        exactSourceEnd.reserveCapacity(normalized.units.count)
        gapBefore.reserveCapacity(normalized.units.count)
        let units = normalized.units
        var i = 0
        var gap: UInt8 = 0
        while i < units.count {
            var scalar = UInt32(units[i])
            var width = 1
            if UTF16.isLeadSurrogate(units[i]), i + 1 < units.count, UTF16.isTrailSurrogate(units[i + 1]) {
                scalar = 0x10000 + ((UInt32(units[i]) - 0xD800) << 10) + (UInt32(units[i + 1]) - 0xDC00)
                width = 2
            }
            if Analyzer.isWhitespace(scalar) {
                if scalar == 0x0A || scalar == 0x0D || scalar == 0x0B || scalar == 0x0C || scalar == 0x85
                    || scalar == 0x2028 || scalar == 0x2029 {
                    if gap == 0 { gap = 2 }
                } else {
                    gap = 1
                }
            } else if (scalar == 0x3099 || scalar == 0x309A), let previous = exact.last, Folding.isKana(previous),
                      let composed = Analyzer.composed(previous, scalar) {
                // A standalone sound mark (゛ ゜, which NFKC makes a space and a combining mark, as
                // OCR writes ハ゛ for バ) joins the kana before it once the space is gone.
                exact[exact.count - 1] = composed
                exactSourceEnd[exactSourceEnd.count - 1] = utf16ToScalar[Int(normalized.sourceEnd[i])]
                gap = 0
            } else {
                exact.append(scalar)
                exactSource.append(utf16ToScalar[Int(normalized.sourceStart[i])])
                exactSourceEnd.append(utf16ToScalar[Int(normalized.sourceEnd[i])])
                gapBefore.append(gap)
                gap = 0
            }
            i += width
        }
        let lookalike = Lookalikes.fold(exact)
        // Units for word breaking, from the look-alike fold: line breaks between non-ASCII
        // characters are dropped (PDF extraction broke lines mid-word); other whitespace stays a
        // separator.
        var wordUnits: [UInt16] = []
        var wordUnitExact: [Int32] = []  // for spans: the `exact` index of each word unit (-1: a space)
        if wantWords {
            wordUnits.reserveCapacity(exact.count + exact.count / 4)
            for (k, c) in lookalike.enumerated() {
                let g = gapBefore[k]
                if k > 0, g == 1 || (g == 2 && (exact[k - 1] < 0x80 || c < 0x80)) {
                    wordUnits.append(0x20)
                    wordUnitExact.append(-1)
                }
                if c >= 0x10000 {
                    wordUnits.append(UInt16(0xD800 + ((c - 0x10000) >> 10)))
                    wordUnits.append(UInt16(0xDC00 + ((c - 0x10000) & 0x3FF)))
                    wordUnitExact.append(Int32(k)); wordUnitExact.append(Int32(k))
                } else {
                    wordUnits.append(UInt16(c))
                    wordUnitExact.append(Int32(k))
                }
            }
        }
        var words: [[UInt8]] = []
        var spans: [Range<Int>] = []
        var compounds: [(key: [UInt8], position: Int)] = []
        var wordBounds: [(first: Int, last: Int)] = []
        if wantWords {
            var previousEnd = -1
            for range in Analyzer.mergingOkurigana(breaker.words(wordUnits), in: wordUnits) {
                let folded = Folding.word(Analyzer.scalars(of: wordUnits[range]))
                if folded.isEmpty { continue }
                var key: [UInt8] = []
                key.reserveCapacity(folded.count * 3)
                for c in folded { UTF8Encoding.append(c, to: &key) }
                // Two words joined by one ・ (データ・サイエンス) also form the compound word, at the
                // first word's position: the separator is optional for unquoted terms.
                if previousEnd >= 0, range.lowerBound == previousEnd + 1, wordUnits[previousEnd] == 0x30FB,
                   let previous = words.last {
                    compounds.append((previous + key, words.count - 1))
                }
                previousEnd = range.upperBound
                words.append(key)
                let first = wordUnitExact[range].first { $0 >= 0 } ?? 0
                let last = wordUnitExact[range].last { $0 >= 0 } ?? first
                wordBounds.append((Int(first), Int(last)))
                if wantSpans {
                    spans.append(Int(exactSource[Int(first)])..<Int(exactSourceEnd[Int(last)]))
                }
            }
        }
        return AnalyzedText(exact: exact, exactSource: exactSource, exactSourceEnd: exactSourceEnd, wordKeys: words,
                            wordSpans: spans, stream: lookalike.map(Folding.kana), gapBefore: gapBefore,
                            compoundWords: compounds, wordBounds: wordBounds)
    }

    /// ICU sometimes cuts okurigana off its word (取組|み, 申込|み): a word of one or two hiragana
    /// right after a word ending in a kanji joins it, so that the word fold sees 取組み whole.
    static func mergingOkurigana(_ ranges: [Range<Int>], in units: [UInt16]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        out.reserveCapacity(ranges.count)
        for range in ranges {
            if let previous = out.last, previous.upperBound == range.lowerBound, range.count <= 2,
               Folding.isKanji(UInt32(units[previous.upperBound - 1])),
               units[range].allSatisfy({ Folding.isOkurigana(UInt32($0)) }) {
                out[out.count - 1] = previous.lowerBound..<range.upperBound
            } else {
                out.append(range)
            }
        }
        return out
    }

    /// The scalar values of UTF-16 units.
    static func scalars(of units: ArraySlice<UInt16>) -> [UInt32] {
        var scalars: [UInt32] = []
        scalars.reserveCapacity(units.count)
        var k = units.startIndex
        while k < units.endIndex {
            let u = units[k]
            if UTF16.isLeadSurrogate(u), k + 1 < units.endIndex {
                scalars.append(0x10000 + ((UInt32(u) - 0xD800) << 10) + (UInt32(units[k + 1]) - 0xDC00))
                k += 2
            } else {
                scalars.append(UInt32(u))
                k += 1
            }
        }
        return scalars
    }

    /// The folded ICU words of `text` (for queries).
    public func words(_ text: String) -> [String] { analyze(text).words }

    /// Raw ICU word breaking of `units` (the benchmark's baseline).
    public func countBoundaries(_ units: [UInt16]) -> Int { breaker.countBoundaries(units) }
}

/// UTF-8 encoding of scalar values into byte arrays (no String in between).
enum UTF8Encoding {
    @inline(__always)
    static func append(_ v: UInt32, to out: inout [UInt8]) {
        switch v {
        case 0..<0x80:
            out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }
}
