import Foundation

/// A ranked passage before it is loaded.
struct RankedPassage {
    var doc: Int32
    var score: Double
    var partial: Bool
    var matched: [String]
}

/// Evaluates a parsed query against one segment: matching, filters, BM25 and preferences.
struct QueryEngine {
    let reader: SegmentReader
    let analyzer: Analyzer
    let programmes: (LabelIndex, AbbreviationTable)

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

    /// The character-stream surfaces an atom is searched as, and its folded words.
    func surfaces(of atom: Query.Atom) -> (surfaces: [[UInt32]], words: [String]) {
        switch atom {
        case let .phrase(text):
            let exact = analyzer.analyze(text, words: false).exact
            return ([exact.map(Folding.kana)], [])
        case let .term(text):
            let analyzed = analyzer.analyze(text)
            var surface = analyzed.exact.map(Folding.kana)
            // サーバー finds サーバ and サーバー: drop a final prolonged sound mark after kana.
            if surface.count > 1, surface.last == 0x30FC, Folding.isKana(surface[surface.count - 2]) { surface.removeLast() }
            var all = [surface]
            var words = [analyzed.words]
            let normalized = Folding.scalarString(analyzed.exact)
            for other in programmes.1.expansions(of: normalized) {
                let a = analyzer.analyze(other)
                all.append(a.exact.map(Folding.kana))
                words.append(a.words)
            }
            return (all, words[0])
        }
    }

    /// Where an atom matches.
    func match(_ atom: Query.Atom) throws -> MatchSet {
        let matcher = Matcher(reader: reader)
        let (surfaces, words) = surfaces(of: atom)
        var result = MatchSet()
        for (n, surface) in surfaces.enumerated() where !surface.isEmpty {
            var set = MatchSet()
            let exactPhrase: [UInt32]? = {
                if case .phrase = atom, surface.contains(where: { Folding.isKana($0) && $0 != 0x30FC }) {
                    return analyzer.analyze(atom.text, words: false).exact
                }
                return nil
            }()
            for (doc, positions) in try matcher.phrase(surface) {
                var info = MatchInfo()
                info.textCount = positions.count
                info.expansionOnly = n > 0
                if case .phrase = atom {
                    if let exactPhrase {
                        // The character stream folds kana: confirm the exact characters.
                        let text = try reader.passage(Int(doc)).text
                        let count = QueryEngine.occurrences(of: exactPhrase, in: analyzer.analyze(text, words: false).exact).count
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
        // Whole words (and okurigana variants) through the word stream.
        if case .term = atom, !words.isEmpty {
            var set = MatchSet()
            for (doc, positions) in try matcher.wordPhrase(words) {
                var info = MatchInfo()
                info.textCount = positions.count
                info.wholeWord = true
                set.docs.append(doc)
                set.infos.append(info)
            }
            result = result.union(set)
        }
        if case .term = atom {
            // Programme names and section headings.
            let labels = programmes.0
            var byDoc: [Int32: MatchInfo] = [:]
            let literal = Set(labels.matching(surfaces: Array(surfaces.prefix(1)), words: words.flatMap { $0.unicodeScalars.map(\.value) }))
            let expanded = Set(labels.matching(surfaces: Array(surfaces.dropFirst()), words: []))
            for id in literal.union(expanded) {
                var info = MatchInfo()
                info.expansionOnly = !literal.contains(id)
                for doc in labels.programmeOf[id] {
                    var i = byDoc[doc] ?? info
                    i.inProgramme = true
                    i.expansionOnly = i.expansionOnly && info.expansionOnly
                    byDoc[doc] = i
                }
                for doc in labels.sectionOf[id] {
                    var i = byDoc[doc] ?? info
                    i.inSection = true
                    i.expansionOnly = i.expansionOnly && info.expansionOnly
                    byDoc[doc] = i
                }
            }
            if !byDoc.isEmpty {
                var labelSet = MatchSet()
                for doc in byDoc.keys.sorted() {
                    labelSet.docs.append(doc)
                    labelSet.infos.append(byDoc[doc]!)
                }
                result = result.union(labelSet)
            }
        }
        return result
    }

    /// Ranks the passages that match `query`: full matches by score, then partial ones.
    func run(_ query: Query, strict: Bool) throws -> [RankedPassage] {
        let n = Double(max(reader.passageCount, 1))
        // Evaluate clauses (OR = union).
        var clauseSets: [MatchSet] = []
        for clause in query.clauses {
            var set = MatchSet()
            for atom in clause { set = set.union(try match(atom)) }
            clauseSets.append(set)
        }
        var excluded = Set<Int32>()
        for atom in query.excluded { excluded.formUnion(try match(atom).docs) }
        let preferenceSets = try query.preferences.map { try match($0) }
        let filter = try PassageFilter(query.filters, reader: reader, programmeNames: programmes.0.names)

        let idf = clauseSets.map { set -> Double in
            let df = Double(set.count)
            return log(1 + (n - df + 0.5) / (df + 0.5))
        }
        // Candidates: every passage that matches some clause (or every passage for filters alone).
        var candidates: [Int32: Int] = [:]  // doc -> number of clauses matched
        if clauseSets.isEmpty {
            for d in 0..<reader.passageCount { candidates[Int32(d)] = 0 }
        } else {
            for set in clauseSets { for d in set.docs { candidates[d, default: 0] += 1 } }
        }
        let allowPartial = !strict && !query.isPhrasesOnly && clauseSets.count > 1
        var ranked: [RankedPassage] = []
        for (doc, matchedCount) in candidates {
            let full = matchedCount == clauseSets.count
            guard full || allowPartial else { continue }
            guard !excluded.contains(doc) else { continue }
            let row = reader.row(Int(doc))
            guard try filter.accepts(doc: Int(doc), row: row) else { continue }
            var score = 0.0
            var matched: [String] = []
            for (k, set) in clauseSets.enumerated() {
                guard let info = set.info(of: doc) else { continue }
                score += clauseScore(info, idf: idf[k], row: row)
                matched.append(query.clauses[k].map(\.text).joined(separator: " OR "))
            }
            for (k, set) in preferenceSets.enumerated() where set.info(of: doc) != nil {
                _ = k
                score += 0.2
            }
            score *= try preferenceFactor(query.intent, row: row)
            ranked.append(RankedPassage(doc: doc, score: score, partial: !full, matched: matched))
        }
        ranked.sort {
            if $0.partial != $1.partial { return !$0.partial }
            if $0.score != $1.score { return $0.score > $1.score }
            return $0.doc < $1.doc
        }
        return ranked
    }

    func clauseScore(_ info: MatchInfo, idf: Double, row: PassageRow) -> Double {
        var score = 0.0
        if info.textCount > 0 {
            let tf = Double(info.textCount)
            let norm = QueryEngine.k1 * (1 - QueryEngine.b + QueryEngine.b * Double(row.textLength) / reader.averageTextLength)
            score = idf * tf * (QueryEngine.k1 + 1) / (tf + norm)
            if !info.wholeWord { score *= QueryEngine.partialWordWeight }
        }
        let inText = info.textCount > 0
        if info.inProgramme { score += idf * (inText ? QueryEngine.programmeBoost.withText : QueryEngine.programmeBoost.alone) }
        if info.inSection { score += idf * (inText ? QueryEngine.sectionBoost.withText : QueryEngine.sectionBoost.alone) }
        if info.expansionOnly { score *= QueryEngine.expansionWeight }
        return score
    }

    /// Intent and year preferences, as a factor: passages stating an amount of the asked role
    /// and year come first among equals.
    func preferenceFactor(_ intent: Query.Intent, row: PassageRow) throws -> Double {
        guard intent.wantsAmount || !intent.years.isEmpty else { return 1 }
        let amounts = try reader.amounts(of: row)
        var factor = 1.0
        if intent.wantsAmount && !amounts.isEmpty {
            factor *= 1.5
            if let role = intent.role, amounts.contains(where: { $0.role == role }) { factor *= 1.3 }
        }
        if !intent.years.isEmpty {
            let current = amounts.filter { $0.role != .previousYear }
            if current.contains(where: { intent.years.contains($0.reiwa) }) {
                factor *= 1.5
            } else if let year = FiscalYearCode.reiwa(reader.documents[row.document].fiscalYear), intent.years.contains(year) {
                factor *= 1.25
            }
        }
        return factor
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
    func highlights(in text: String, for query: Query) -> [[Int]] {
        let analyzed = analyzer.analyze(text, words: true, wordSpans: true)
        guard !analyzed.exact.isEmpty else { return [] }
        let stream = analyzed.exact.map(Folding.kana)
        let passageWords = analyzed.words
        var ranges: [(Int, Int)] = []
        let atoms = query.clauses.flatMap { $0 } + query.preferences
        for atom in atoms {
            let exactPhrase: [UInt32]?
            if case let .phrase(p) = atom { exactPhrase = analyzer.analyze(p, words: false).exact } else { exactPhrase = nil }
            let (atomSurfaces, atomWords) = surfaces(of: atom)
            // Whole-word matches (okurigana variants: 取組 in 取り組み).
            if !atomWords.isEmpty, atomWords.count <= passageWords.count {
                for start in 0...(passageWords.count - atomWords.count)
                    where passageWords[start..<(start + atomWords.count)].elementsEqual(atomWords) {
                    ranges.append((analyzed.wordSpans[start].lowerBound, analyzed.wordSpans[start + atomWords.count - 1].upperBound))
                }
            }
            for surface in atomSurfaces where !surface.isEmpty {
                for start in QueryEngine.occurrences(of: surface, in: stream) {
                    let end = start + surface.count
                    if let exactPhrase, Array(analyzed.exact[start..<end]) != exactPhrase { continue }
                    ranges.append((Int(analyzed.exactSource[start]), Int(analyzed.exactSourceEnd[end - 1])))
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

/// The filters of a query, prepared once and tested per passage.
struct PassageFilter {
    let documents: Set<Int>?
    let years: [Int]
    let programmeIDs: Set<Int>?
    let amounts: [(Query.Comparison, Int64)]
    let reader: SegmentReader

    init(_ filters: [Query.Filter], reader: SegmentReader, programmeNames: [String]) throws {
        self.reader = reader
        var documents: Set<Int>?
        var years: [Int] = []
        var programmeIDs: Set<Int>?
        var amounts: [(Query.Comparison, Int64)] = []
        for filter in filters {
            switch filter {
            case let .document(value):
                let v = value.hasSuffix(".txt") ? String(value.dropLast(4)) : value
                let ids = Set(reader.documents.indices.filter {
                    let stem = reader.documents[$0].doc.hasSuffix(".txt") ? String(reader.documents[$0].doc.dropLast(4)) : reader.documents[$0].doc
                    return stem == v || stem.hasPrefix(v)
                })
                documents = documents.map { $0.intersection(ids) } ?? ids
            case let .year(y):
                years.append(y)
            case let .programme(value):
                let needle = Folding.scalarString(Normalizer.fold(value).unicodeScalars.map { Folding.kana($0.value) })
                let ids = Set(programmeNames.indices.filter {
                    Folding.scalarString(Normalizer.fold(programmeNames[$0]).unicodeScalars.map { Folding.kana($0.value) }).contains(needle)
                })
                programmeIDs = programmeIDs.map { $0.intersection(ids) } ?? ids
            case let .amount(op, yen):
                amounts.append((op, yen))
            }
        }
        self.documents = documents
        self.years = years
        self.programmeIDs = programmeIDs
        self.amounts = amounts
    }

    func accepts(doc: Int, row: PassageRow) throws -> Bool {
        if let documents, !documents.contains(row.document) { return false }
        if let programmeIDs, !programmeIDs.contains(row.programmeID) { return false }
        if years.isEmpty && amounts.isEmpty { return true }
        let rows = try reader.amounts(of: row)
        for (op, bound) in amounts where !rows.contains(where: { op.holds($0.yen, bound) }) { return false }
        for year in years {
            let docYear = FiscalYearCode.reiwa(reader.documents[row.document].fiscalYear)
            if !rows.contains(where: { $0.reiwa == year }) && docYear != year { return false }
        }
        return true
    }
}
