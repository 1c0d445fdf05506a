import Foundation

/// A ranked passage before it is loaded.
struct RankedPassage {
    var doc: Int32
    var score: Double
    var partial: Bool
    var matched: [String]
    /// With `explain`: how the score is made.
    var parts: ScoreExplanation?
}

/// The best `capacity` (tier, score, passage) triples seen, best first: a higher tier first
/// (passages holding a term literally where NFKC changed it), then a higher score; ties go to the
/// earlier passage.
struct TopHits {
    let capacity: Int
    private(set) var items: [(score: Double, doc: Int32, tier: Int)] = []

    init(capacity: Int) { self.capacity = capacity }

    @inline(__always)
    static func better(_ a: (score: Double, doc: Int32, tier: Int), _ b: (score: Double, doc: Int32, tier: Int)) -> Bool {
        a.tier != b.tier ? a.tier > b.tier : a.score != b.score ? a.score > b.score : a.doc < b.doc
    }

    mutating func insert(_ score: Double, _ doc: Int32, tier: Int = 0) {
        guard capacity > 0 else { return }
        let item = (score: score, doc: doc, tier: tier)
        if items.count == capacity {
            guard let last = items.last, TopHits.better(item, last) else { return }
            items.removeLast()
        }
        var i = items.count
        items.append(item)
        while i > 0 && TopHits.better(item, items[i - 1]) {
            items[i] = items[i - 1]
            i -= 1
        }
        items[i] = item
    }
}

extension QueryEngine {
    /// Ranks the passages that match `query` and returns the total of full matches and the
    /// hits of `window` (full matches by score first, then partial ones).
    func run(_ query: Query, strict: Bool, window: Range<Int>, explain: Bool = false) throws -> (total: Int, hits: [RankedPassage]) {
        let n = Double(max(reader.passageCount, 1))
        var clauseSets: [MatchSet] = []
        for clause in query.clauses {
            var set = MatchSet()
            for atom in clause { set = set.union(try match(atom)) }
            clauseSets.append(set)
        }
        var excluded: [Int32] = []
        for atom in query.excluded { excluded.append(contentsOf: try match(atom).docs) }
        excluded.sort()
        let preferenceSets = try query.preferences.map { try match($0) }
        let filter = PassageFilter(query.filters, reader: reader, labels: programmes.0)
        let idf = clauseSets.map { set -> Double in
            let df = Double(set.count)
            return log(1 + (n - df + 0.5) / (df + 0.5))
        }
        let allowPartial = !strict && !query.isPhrasesOnly && clauseSets.count > 1
        var full = TopHits(capacity: window.upperBound)
        var partial = TopHits(capacity: allowPartial ? window.upperBound : 0)
        var total = 0

        var considered = 0
        var nextExcluded = 0   // passages come in ascending order: a cursor into `excluded`
        func consider(_ doc: Int32, row: PassageRow, matched: Int, score clauseScores: Double, tier: Int = 0) throws {
            considered += 1
            if considered & 1023 == 0 { try deadline.check() }
            let isFull = matched == clauseSets.count
            guard isFull || allowPartial else { return }
            while nextExcluded < excluded.count && excluded[nextExcluded] < doc { nextExcluded += 1 }
            if nextExcluded < excluded.count && excluded[nextExcluded] == doc { return }
            guard try filter.accepts(row: row) else { return }
            var score = clauseScores
            for set in preferenceSets where set.info(of: doc) != nil { score += QueryEngine.preferenceBonus }
            score *= try preferenceFactor(query.intent, row: row)
            if isFull {
                total += 1
                full.insert(score, doc, tier: tier)
            } else {
                partial.insert(score, doc, tier: tier)
            }
        }

        if clauseSets.isEmpty {
            for d in 0..<reader.passageCount { try consider(Int32(d), row: reader.row(d), matched: 0, score: 0) }
        } else {
            // A k-way merge of the clauses' sorted passage lists.
            var cursors = [Int](repeating: 0, count: clauseSets.count)
            while true {
                var doc = Int32.max
                for (k, set) in clauseSets.enumerated() where cursors[k] < set.docs.count {
                    doc = min(doc, set.docs[cursors[k]])
                }
                if doc == Int32.max { break }
                var matched = 0
                var score = 0.0
                var tier = 0
                let row = reader.row(Int(doc))
                for (k, set) in clauseSets.enumerated() where cursors[k] < set.docs.count && set.docs[cursors[k]] == doc {
                    matched += 1
                    score += clauseScore(set.infos[cursors[k]], idf: idf[k], row: row)
                    if set.infos[cursors[k]].literal { tier += 1 }
                    cursors[k] += 1
                }
                try consider(doc, row: row, matched: matched, score: score, tier: tier)
            }
        }

        var ranked = full.items.map { RankedPassage(doc: $0.doc, score: $0.score, partial: false, matched: []) }
        for item in partial.items where ranked.count < window.upperBound {
            let matched = clauseSets.indices.filter { clauseSets[$0].info(of: item.doc) != nil }
                .map { query.clauses[$0].map(\.text).joined(separator: " OR ") }
            ranked.append(RankedPassage(doc: item.doc, score: item.score, partial: true, matched: matched))
        }
        var hits = window.lowerBound < ranked.count ? Array(ranked[window.lowerBound..<min(ranked.count, window.upperBound)]) : []
        if explain {
            for i in hits.indices {
                let doc = hits[i].doc
                let row = reader.row(Int(doc))
                var clauses: [ScoreExplanation.Clause] = []
                var sum = 0.0
                var tier = 0
                for (k, set) in clauseSets.enumerated() {
                    guard let info = set.info(of: doc) else { continue }
                    let part = clausePart(info, idf: idf[k], row: row)
                    sum += part.score
                    if info.literal { tier += 1 }
                    let r = ScoreExplanation.rounded
                    clauses.append(.init(query: query.clauses[k].map(\.text).joined(separator: " OR "), tf: info.textCount,
                                         df: set.count, idf: r(idf[k]), fieldLength: row.textLength,
                                         averageFieldLength: r(reader.averageTextLength), bm25: r(part.bm25),
                                         wholeWord: info.wholeWord, inProgramme: info.inProgramme, inSection: info.inSection,
                                         expansionOnly: info.expansionOnly, score: r(part.score)))
                }
                let preferences = Double(preferenceSets.filter { $0.info(of: doc) != nil }.count) * QueryEngine.preferenceBonus
                let factor = try preferenceFactor(query.intent, row: row)
                hits[i].parts = ScoreExplanation(clauses: clauses, preferences: ScoreExplanation.rounded(preferences),
                                                 factor: ScoreExplanation.rounded(factor), tier: tier,
                                                 score: ScoreExplanation.rounded((sum + preferences) * factor))
            }
        }
        return (total, hits)
    }

    func clauseScore(_ info: MatchInfo, idf: Double, row: PassageRow) -> Double {
        clausePart(info, idf: idf, row: row).score
    }

    /// A clause's part of a passage's score, and its BM25 before the weights (``ScoreExplanation/Clause``).
    func clausePart(_ info: MatchInfo, idf: Double, row: PassageRow) -> (score: Double, bm25: Double) {
        var score = 0.0
        var bm25 = 0.0
        if info.textCount > 0 {
            let tf = Double(info.textCount)
            let norm = QueryEngine.k1 * (1 - QueryEngine.b + QueryEngine.b * Double(row.textLength) / reader.averageTextLength)
            bm25 = idf * tf * (QueryEngine.k1 + 1) / (tf + norm)
            score = bm25
            if !info.wholeWord { score *= QueryEngine.partialWordWeight }
        }
        let inText = info.textCount > 0
        if info.inProgramme { score += idf * (inText ? QueryEngine.programmeBoost.withText : QueryEngine.programmeBoost.alone) }
        if info.inSection { score += idf * (inText ? QueryEngine.sectionBoost.withText : QueryEngine.sectionBoost.alone) }
        if info.expansionOnly { score *= QueryEngine.expansionWeight }
        return (score, bm25)
    }

    /// Intent and year preferences, as a factor: passages stating an amount of the asked role
    /// and year come first among equals.
    func preferenceFactor(_ intent: Query.Intent, row: PassageRow) throws -> Double {
        guard intent.wantsAmount || !intent.years.isEmpty else { return 1 }
        var hasAmount = false
        var hasRole = false
        var hasYear = false
        for k in 0..<row.amountCount {
            let amount = try reader.amount(row.amountStart + k)
            hasAmount = true
            if let role = intent.role, amount.role == role { hasRole = true }
            if amount.role != .previousYear, intent.years.contains(amount.reiwa) { hasYear = true }
        }
        var factor = 1.0
        if intent.wantsAmount && hasAmount {
            factor *= 1.5
            if hasRole { factor *= 1.3 }
        }
        if !intent.years.isEmpty {
            if hasYear {
                factor *= 1.5
            } else if let year = reader.documentReiwa[row.document], intent.years.contains(year) {
                factor *= 1.25
            }
        }
        return factor
    }
}

/// The filters of a query, prepared once and tested per passage.
struct PassageFilter {
    let documents: Set<Int>?
    let years: [Int]
    let programmeIDs: Set<Int>?
    let amounts: [(Query.Comparison, Int64)]
    let reader: SegmentReader

    init(_ filters: [Query.Filter], reader: SegmentReader, labels: LabelIndex) {
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
                    let name = reader.documents[$0].doc
                    let stem = name.hasSuffix(".txt") ? String(name.dropLast(4)) : name
                    return stem == v || stem.hasPrefix(v)
                })
                documents = documents.map { $0.intersection(ids) } ?? ids
            case let .year(y):
                years.append(y)
            case let .programme(value):
                let needle = Analyzer().analyze(value, words: false).stream
                let ids = Set(labels.names.indices.filter {
                    !needle.isEmpty && QueryEngine.occurrences(of: needle, in: labels.streams[$0]).first != nil
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

    func accepts(row: PassageRow) throws -> Bool {
        if let documents, !documents.contains(row.document) { return false }
        if let programmeIDs, !programmeIDs.contains(row.programmeID) { return false }
        if years.isEmpty && amounts.isEmpty { return true }
        // One bit per amount condition and per year (a query holds a handful): no array per passage.
        let conditions = amounts.count + years.count
        guard conditions < 64 else { return try acceptsMany(row: row) }
        let all: UInt64 = (1 << UInt64(conditions)) - 1
        var held: UInt64 = 0
        for (i, year) in years.enumerated() where reader.documentReiwa[row.document] == year { held |= 1 << UInt64(amounts.count + i) }
        var k = 0
        while k < row.amountCount, held != all {
            let amount = try reader.amount(row.amountStart + k)
            for (i, (op, bound)) in amounts.enumerated() where op.holds(amount.yen, bound) { held |= 1 << UInt64(i) }
            for (i, year) in years.enumerated() where amount.reiwa == year { held |= 1 << UInt64(amounts.count + i) }
            k += 1
        }
        return held == all
    }

    /// ``accepts(row:)`` for 64 conditions or more.
    private func acceptsMany(row: PassageRow) throws -> Bool {
        var amountsHold = [Bool](repeating: false, count: amounts.count)
        var yearsHold = years.map { reader.documentReiwa[row.document] == $0 }
        for k in 0..<row.amountCount {
            let amount = try reader.amount(row.amountStart + k)
            for (i, (op, bound)) in amounts.enumerated() where op.holds(amount.yen, bound) { amountsHold[i] = true }
            for (i, year) in years.enumerated() where amount.reiwa == year { yearsHold[i] = true }
        }
        return !amountsHold.contains(false) && !yearsHold.contains(false)
    }
}
