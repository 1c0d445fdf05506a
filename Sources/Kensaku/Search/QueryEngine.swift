import Foundation

/// Evaluates a parsed query against one segment: matching, filters, BM25 and preferences.
struct QueryEngine {
    let reader: SegmentReader
    let analyzer: Analyzer
    let programmes: (LabelIndex, AbbreviationTable)
    /// The analysed forms of every atom of the query, computed once.
    private(set) var forms: [Query.Atom: AtomForms] = [:]
    /// When the search must stop.
    var deadline = Deadline.none

    /// What an atom is searched as.
    struct AtomForms {
        /// Character-stream surfaces: the atom itself first, its other spellings (``Spellings``),
        /// then its abbreviation expansions.
        var surfaces: [[UInt32]]
        /// How many leading surfaces are spellings of the atom itself (not expansions).
        var spellings = 1
        /// The atom's folded words (terms only).
        var words: [String]
        /// For a phrase with kana: its exact normalised characters, to confirm matches.
        var exactPhrase: [UInt32]?
    }

    init(reader: SegmentReader, analyzer: Analyzer, programmes: (LabelIndex, AbbreviationTable), query: Query) {
        self.reader = reader
        self.analyzer = analyzer
        self.programmes = programmes
        for atom in query.clauses.flatMap({ $0 }) + query.excluded + query.preferences where forms[atom] == nil {
            forms[atom] = analyse(atom)
        }
    }

    // BM25 parameters and boosts.
    static let k1 = 1.2
    static let b = 0.75
    /// Weight of a text match found only inside longer words (n-grams), against whole words:
    /// low enough that 京都 never ranks a passage full of 東京都 above one that says 京都.
    static let partialWordWeight = 0.3
    /// Weight of a match through an abbreviation's other form only (STELLA → its full name).
    static let expansionWeight = 0.6
    /// Added, times idf, when the term is in the programme name (and in the text, or not).
    static let programmeBoost = (withText: 0.8, alone: 0.45)
    /// Added, times idf, when the term is in the section path (and in the text, or not).
    static let sectionBoost = (withText: 0.2, alone: 0.15)
    /// Added for each preference word (`~term`, an intent's other words) the passage holds.
    static let preferenceBonus = 0.2

    private func analyse(_ atom: Query.Atom) -> AtomForms {
        switch atom {
        case let .phrase(text):
            let analyzed = analyzer.analyze(text, words: false)
            // The stream folds kana and look-alikes: a phrase they change is confirmed on its exact characters.
            let folded = analyzed.stream != analyzed.exact || analyzed.stream.contains(where: Lookalikes.mayStandForAnother)
            let forms = Lookalikes.forms(of: analyzed.stream, exact: analyzed.exact)
            return AtomForms(surfaces: forms, spellings: forms.count, words: [], exactPhrase: folded ? analyzed.exact : nil)
        case let .term(text):
            let analyzed = analyzer.analyze(text)
            var surface = analyzed.stream
            // サーバー finds サーバ and サーバー: drop a final prolonged sound mark after kana.
            if surface.count > 1, surface.last == 0x30FC, Folding.isKana(surface[surface.count - 2]) { surface.removeLast() }
            var all = Lookalikes.forms(of: surface, exact: Array(analyzed.exact.prefix(surface.count)))
            all += Spellings.alternatives(surface).filter { !all.contains($0) }
            let spellings = all.count
            var words = [analyzed.words]
            let normalized = Folding.scalarString(analyzed.exact)
            for other in programmes.1.expansions(of: normalized) {
                let a = analyzer.analyze(other)
                all.append(a.stream)
                words.append(a.words)
            }
            // The word stream drops punctuation (5% has the word 5): its words stand for the term
            // only when they cover every character of it.
            let covered = analyzed.wordBounds.reduce(0) { $0 + $1.last - $1.first + 1 }
            let termWords = covered == analyzed.stream.count ? words[0] : []
            return AtomForms(surfaces: all, spellings: spellings, words: termWords, exactPhrase: nil)
        }
    }

    /// Where an atom matches.
    func match(_ atom: Query.Atom) throws -> MatchSet {
        let matcher = Matcher(reader: reader, deadline: deadline)
        let f = forms[atom] ?? analyse(atom)
        let (surfaces, words, exactPhrase) = (f.surfaces, f.words, f.exactPhrase)
        var result = MatchSet()
        for (n, surface) in surfaces.enumerated() where !surface.isEmpty {
            var set = MatchSet()
            var isTerm = false
            if case .term = atom { isTerm = true }
            let verify = { (doc: Int32) throws -> Int in try self.streamOccurrences(of: surface, in: Int(doc), term: isTerm) }
            for (doc, count) in try matcher.phrase(surface, term: isTerm, verify: verify) {
                var info = MatchInfo()
                info.textCount = count
                info.expansionOnly = n >= f.spellings
                if case .phrase = atom {
                    if let exactPhrase {
                        // The character stream folds kana and look-alikes: confirm the exact characters.
                        let count = try exactOccurrences(of: exactPhrase, in: Int(doc))
                        guard count > 0 else { continue }
                        info.textCount = count
                    }
                    info.wholeWord = true
                }
                set.docs.append(doc)
                set.infos.append(info)
            }
            result = result.union(set)
        }
        // Whole words (and okurigana variants) through the word stream. A term of several words
        // without hiragana has no okurigana to fold: its character matches count as whole words
        // (a multi-word phrase is not a fragment of one longer word), which spares decoding the
        // long positional postings of common words.
        let hasHiragana = (f.surfaces.first ?? []).contains { $0 >= 0x3041 && $0 <= 0x3096 }
            || atom.text.unicodeScalars.contains { $0.value >= 0x3041 && $0.value <= 0x3096 }
        if case .term = atom, words.count > 1, !hasHiragana {
            // A term of several words (or one ICU does not know): whole-word where the match starts
            // and ends on the passage's own word boundaries.
            var bounded = MatchSet()
            for surface in surfaces.prefix(f.spellings) where !surface.isEmpty {
                var set = MatchSet()
                for (doc, count) in try matcher.phrase(surface, term: true, wholeWords: true) {
                    var info = MatchInfo()
                    info.textCount = count
                    info.wholeWord = true
                    set.docs.append(doc)
                    set.infos.append(info)
                }
                bounded = bounded.union(set)
            }
            result = result.union(bounded)
            // The words written as one with a separator (研究・開発, indexed also as 研究開発).
            var set = MatchSet()
            for (doc, count) in try matcher.wordPhrase([words.joined()]) {
                var info = MatchInfo()
                info.textCount = count
                info.wholeWord = true
                set.docs.append(doc)
                set.infos.append(info)
            }
            result = result.union(set)
        } else if case .term = atom, !words.isEmpty {
            var set = MatchSet()
            for (doc, count) in try matcher.wordPhrase(words) {
                var info = MatchInfo()
                info.textCount = count
                info.wholeWord = true
                set.docs.append(doc)
                set.infos.append(info)
            }
            result = result.union(set)
        }
        if case let .term(text) = atom, let yen = AmountParser.yen(of: text), yen > 0 {
            // An amount by value: 100億円 also finds the passages stating 10,000百万円.
            var set = MatchSet()
            for (doc, _) in try matcher.wordPhrase([String(decoding: GramKey.amountWord(yen), as: UTF8.self)]) {
                var info = MatchInfo()
                info.textCount = 1
                info.wholeWord = true
                set.docs.append(doc)
                set.infos.append(info)
            }
            result = result.union(set)
        }
        if case let .term(text) = atom, let written = QueryEngine.meaningfulFold(text) {
            // ① is folded to 1 by NFKC: passages that write ① itself come first.
            for i in result.docs.indices where result.infos[i].textCount > 0 {
                if let count = try reader.literalCount(of: written, inTextOf: Int(result.docs[i])), count > 0 {
                    result.infos[i].literal = true
                }
            }
        }
        if case .term = atom {
            // Programme names and section headings.
            let labels = programmes.0
            let literal = Set(labels.matching(surfaces: Array(surfaces.prefix(f.spellings)), words: words.flatMap { $0.unicodeScalars.map(\.value) }))
            let expanded = Set(labels.matching(surfaces: Array(surfaces.dropFirst(f.spellings)), words: []))
            // (passage << 3 | in programme 1, in section 2, literal 4), sorted, then merged per passage.
            var marks: [UInt64] = []
            for id in literal.union(expanded) {
                let literalBit: UInt64 = literal.contains(id) ? 4 : 0
                for doc in labels.programmeOf[id] { marks.append(UInt64(doc) << 3 | 1 | literalBit) }
                for doc in labels.sectionOf[id] { marks.append(UInt64(doc) << 3 | 2 | literalBit) }
            }
            // Each passage once, with its marks' flags OR-ed, in passage order: through one byte of
            // flags per passage when there are many marks (a common word in many labels), else by sorting.
            var flagged: [(doc: Int32, flags: UInt64)] = []
            if marks.count > reader.passageCount / 8 {
                var flags = [UInt8](repeating: 0, count: reader.passageCount)
                for mark in marks where Int(mark >> 3) < flags.count { flags[Int(mark >> 3)] |= UInt8(mark & 7) | 8 }
                for (doc, f) in flags.enumerated() where f != 0 { flagged.append((Int32(doc), UInt64(f & 7))) }
            } else {
                marks.sort()
                for mark in marks {
                    if let last = flagged.last, last.doc == Int32(mark >> 3) {
                        flagged[flagged.count - 1].flags |= mark & 7
                    } else {
                        flagged.append((Int32(mark >> 3), mark & 7))
                    }
                }
            }
            if !flagged.isEmpty {
                var labelSet = MatchSet()
                for (doc, flags) in flagged {
                    var info = MatchInfo()
                    info.inProgramme = flags & 1 != 0
                    info.inSection = flags & 2 != 0
                    info.expansionOnly = flags & 4 == 0
                    labelSet.docs.append(doc)
                    labelSet.infos.append(info)
                }
                result = result.union(labelSet)
            }
        }
        return result
    }

    /// The scalars of `text` when NFKC changes one of them other than by width or case (① → 1,
    /// ㈱ → (株), Ⅲ → iii); nil otherwise (ＡＩ, ｶﾅ and Ａ are only width and case).
    static func meaningfulFold(_ text: String) -> [UInt32]? {
        let scalars = text.unicodeScalars.filter { !Analyzer.isWhitespace($0.value) }
        let changed = scalars.contains { u in
            let v = u.value
            if v < 0x80 || (v >= 0xFF00 && v <= 0xFFEF) || (v >= 0x3040 && v <= 0x30FF) { return false }
            return Normalizer.fold(String(u)) != String(u).lowercased()
        }
        return changed ? scalars.map(\.value) : nil
    }

    /// How often `surface` occurs in passage `doc`'s character stream, from its stored text. As
    /// written when the surface has no kana, `-` or 々 (a literal match of other characters is a
    /// match in the stream) and, for a term, no digit or letter at an end; else normalised. A
    /// term (`term: true`) counts only where ``RunEdges/accepts(_:in:gapBefore:at:)`` holds.
    func streamOccurrences(of surface: [UInt32], in doc: Int, term: Bool) throws -> Int {
        let edges = term ? RunEdges.required(surface) : (start: false, end: false)
        if !edges.start, !edges.end, !surface.contains(where: { Folding.isKana($0) || $0 == 0x2D || $0 == 0x3005 }),
           let literal = try reader.literalCount(of: surface, inTextOf: doc) {
            return literal
        }
        let analyzed = analyzer.analyze(try reader.passage(doc).text, words: false)
        return QueryEngine.occurrences(of: surface, in: analyzed, term: term).count
    }

    /// Start offsets of `surface` in `analyzed`'s stream; for a term, only where it may match
    /// (no space inside, run edges kept).
    static func occurrences(of surface: [UInt32], in analyzed: AnalyzedText, term: Bool) -> [Int] {
        let all = occurrences(of: surface, in: analyzed.stream)
        guard term else { return all }
        return all.filter { RunEdges.accepts(surface, in: analyzed.stream, gapBefore: analyzed.gapBefore, at: $0) }
    }

    /// How often the exact normalised `phrase` occurs in passage `doc`'s text. The stored text is
    /// normalised only when the phrase is not found in it as written (most passages write it so).
    func exactOccurrences(of phrase: [UInt32], in doc: Int) throws -> Int {
        if let literal = try reader.literalCount(of: phrase, inTextOf: doc) { return literal }
        return QueryEngine.occurrences(of: phrase, in: analyzer.analyze(try reader.passage(doc).text, words: false).exact).count
    }

    /// Start offsets of `needle` in `haystack`.
    static func occurrences(of needle: [UInt32], in haystack: [UInt32]) -> [Int] {
        guard !needle.isEmpty, needle.count <= haystack.count else { return [] }
        var out: [Int] = []
        let first = needle[0]
        var i = 0
        while i + needle.count <= haystack.count {
            if haystack[i] == first {
                var ok = true
                for k in 1..<needle.count where haystack[i + k] != needle[k] { ok = false; break }
                if ok { out.append(i) }
            }
            i += 1
        }
        return out
    }

    /// `[start, end)` offsets (Unicode scalars of `text`) of the query's matches.
    /// With `labelsOnly` (a programme name or section heading), only unquoted terms are looked
    /// for, as they are the atoms that match labels.
    func highlights(in text: String, for query: Query, labelsOnly: Bool = false) -> [[Int]] {
        let analyzed = analyzer.analyze(text, words: false)
        guard !analyzed.exact.isEmpty else { return [] }
        let stream = analyzed.stream
        var ranges: [(Int, Int)] = []
        var wordsOnly: [[String]] = []  // terms found through words alone (okurigana variants)
        for atom in query.clauses.flatMap({ $0 }) + query.preferences {
            if labelsOnly, case .phrase = atom { continue }
            let f = forms[atom] ?? analyse(atom)
            let before = ranges.count
            for surface in f.surfaces where !surface.isEmpty {
                var isTerm = false
                if case .term = atom { isTerm = true }
                for start in QueryEngine.occurrences(of: surface, in: analyzed, term: isTerm) {
                    var end = start + surface.count
                    if let exact = f.exactPhrase, !analyzed.exact[start..<end].elementsEqual(exact) { continue }
                    // A term's final ー is optional (センター finds センタ): the mark is part of the match.
                    if case .term = atom, end < stream.count, stream[end] == 0x30FC, let last = surface.last,
                       Folding.isKana(last), last != 0x30FC { end += 1 }
                    ranges.append((Int(analyzed.exactSource[start]), Int(analyzed.exactSourceEnd[end - 1])))
                }
            }
            if ranges.count == before, !f.words.isEmpty { wordsOnly.append(f.words) }
        }
        for atom in query.clauses.flatMap({ $0 }) where !labelsOnly {
            // Amounts stated with the value of an amount term, however written.
            guard case let .term(term) = atom, let yen = AmountParser.yen(of: term), yen > 0 else { continue }
            let scalars = Array(text.unicodeScalars)
            for amount in AmountParser.amounts(in: Array(scalars)) where amount.yen == yen {
                ranges.append((amount.start, amount.end))
            }
        }
        // Words are cut from the stream's folded characters and the word fold only drops some (okurigana,
        // a final ー, ・): words with a character the stream lacks cannot be here.
        if !wordsOnly.isEmpty {
            let present = Set(stream)
            wordsOnly = wordsOnly.filter { words in words.joined().unicodeScalars.allSatisfy { present.contains($0.value) } }
        }
        if !wordsOnly.isEmpty {
            // Whole-word matches (取組 in 取り組み) need the passage's words: only then run ICU.
            let withWords = analyzer.analyze(text, words: true, wordSpans: true)
            let passageWords = withWords.words
            for words in wordsOnly where words.count <= passageWords.count {
                for start in 0...(passageWords.count - words.count)
                    where passageWords[start..<(start + words.count)].elementsEqual(words) {
                    ranges.append((withWords.wordSpans[start].lowerBound, withWords.wordSpans[start + words.count - 1].upperBound))
                }
            }
        }
        ranges.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 > $1.1 }
        var merged: [[Int]] = []
        for (s, e) in ranges {
            if let last = merged.last, s <= last[1] {
                merged[merged.count - 1][1] = max(last[1], e)
            } else {
                merged.append([s, e])
            }
        }
        return merged
    }
}
