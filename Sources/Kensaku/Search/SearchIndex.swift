import Foundation

/// An open index, ready to search. Thread-safe: share one across requests.
///
/// ```swift
/// let index = try SearchIndex.open(at: URL(fileURLWithPath: "Index"))
/// let page = try index.search("量子 人材", limit: 10)
/// for hit in page.hits { print(hit.passage.id, hit.passage.programme?.name ?? "-") }
/// ```
public final class SearchIndex: @unchecked Sendable {
    let reader: SegmentReader
    private let analyzers = AnalyzerPool()

    /// The manifest of the open generation.
    public var manifest: Manifest { reader.manifest }
    /// The indexed documents, in index order.
    public var documents: [DocumentInfo] { reader.documents }
    /// The number of passages.
    public var passageCount: Int { reader.passageCount }

    init(reader: SegmentReader) {
        self.reader = reader
    }

    /// Opens the index at `directory`. Headers, footers and sizes of every file are checked;
    /// with `verifyChecksums`, every byte's CRC-32 too. Throws ``KensakuError/indexMissing(path:)``
    /// or ``KensakuError/indexCorrupt(file:reason:)`` naming the bad file.
    public static func open(at directory: URL, verifyChecksums: Bool = false) throws -> SearchIndex {
        try open(at: directory, verifyChecksums: verifyChecksums, manifest: nil)
    }

    /// ``open(at:verifyChecksums:)`` with the manifest the caller has just read (a current-format
    /// one), so that an open reads it once.
    static func open(at directory: URL, verifyChecksums: Bool = false, manifest first: Manifest?) throws -> SearchIndex {
        var known = first?.formatVersion == IndexFormat.version ? first : nil
        for attempt in 0... {
            let manifest = try known ?? Manifest.read(from: directory)
            known = nil
            let generation = manifest.generation
            do {
                return SearchIndex(reader: try SegmentReader(directory: directory, checksums: verifyChecksums, manifest: manifest))
            } catch KensakuError.indexCorrupt(let file, let reason) {
                // A writer may have committed, and removed our generation, between reading the
                // manifest and mapping the files: retry while the manifest moves on.
                let now = (try? Manifest.read(from: directory))?.generation
                if attempt < 3, now != generation { continue }
                throw KensakuError.indexCorrupt(file: file, reason: reason)
            }
        }
        fatalError("unreachable")
    }

    /// Searches with the query language of docs/QUERY.md.
    public func search(_ query: String, limit: Int = 10, offset: Int = 0, strict: Bool = false) throws -> SearchPage {
        try search(query, options: SearchOptions(limit: limit, offset: offset, strict: strict))
    }

    /// Searches with the query language of docs/QUERY.md.
    public func search(_ text: String, options: SearchOptions) throws -> SearchPage {
        let started = DispatchTime.now().uptimeNanoseconds
        guard options.limit >= 0 else { throw KensakuError.badParameter("limit must be 0 or more, not \(options.limit)") }
        guard options.offset >= 0 else { throw KensakuError.badParameter("offset must be 0 or more, not \(options.offset)") }
        let query = try QueryParser.parse(text)
        try reader.checkUnchanged()
        let analyzer = analyzers.take()
        defer { analyzers.give(analyzer) }
        var engine = QueryEngine(reader: reader, analyzer: analyzer, programmes: try programmes(), query: query)
        engine.deadline = Deadline(milliseconds: options.timeBudgetMilliseconds)
        let (offset, limit) = (min(options.offset, 1_000_000), min(options.limit, 1_000_000))
        let ranked = try engine.run(query, strict: options.strict, window: offset..<(offset + limit), explain: options.explain)
        var hits: [SearchHit] = []
        // Hits share programmes and section headings: each label is highlighted once per search.
        var labelHighlights: [String: [[Int]]] = [:]
        func highlights(ofLabel label: String) -> [[Int]] {
            if let known = labelHighlights[label] { return known }
            let found = engine.highlights(in: label, for: query, labelsOnly: true)
            labelHighlights[label] = found
            return found
        }
        do {
            for r in ranked.hits {
                let passage = try reader.passage(Int(r.doc))
                let text = engine.highlights(in: passage.text, for: query)
                let programme = passage.programme.map { highlights(ofLabel: $0.name) } ?? []
                var section: [[Int]] = []
                for (k, heading) in passage.section.enumerated() {
                    for h in highlights(ofLabel: heading) { section.append([k] + h) }
                }
                var matchedIn: [String] = []
                if !text.isEmpty { matchedIn.append("text") }
                if !programme.isEmpty { matchedIn.append("programme") }
                if !section.isEmpty { matchedIn.append("section") }
                var hit = SearchHit(passage: passage, score: r.score, highlights: text,
                                    partial: r.partial, matchedTerms: r.partial ? r.matched : nil,
                                    matchedIn: matchedIn, programmeHighlights: programme, sectionHighlights: section)
                if options.explain {
                    func slice(_ s: String, _ h: ArraySlice<Int>) -> String {
                        let scalars = Array(s.unicodeScalars)
                        return String(String.UnicodeScalarView(scalars[h[h.startIndex]..<h[h.startIndex + 1]]))
                    }
                    var explained: [MatchExplanation] = []
                    for h in text { if let e = engine.explain(slice(passage.text, h[...]), field: "text", query: query) { explained.append(e) } }
                    if let name = passage.programme?.name {
                        for h in programme { if let e = engine.explain(slice(name, h[...]), field: "programme", query: query) { explained.append(e) } }
                    }
                    for h in section {
                        if let e = engine.explain(slice(passage.section[h[0]], h.dropFirst()), field: "section", query: query) { explained.append(e) }
                    }
                    hit.explain = explained
                    hit.scoreParts = r.parts
                }
                hits.append(hit)
            }
        }
        let took = Int((DispatchTime.now().uptimeNanoseconds - started) / 1000)
        return SearchPage(query: text, total: ranked.total, tookUs: took, hits: hits)
    }

    /// The passage with this id (`<doc stem>:<first line>`, or `<doc stem>:<line>.<K>` for the
    /// K-th passage of a line cut into pieces). Throws `KensakuError.notFound` when there is none.
    public func passage(id: String) throws -> Passage {
        guard let colon = id.lastIndex(of: ":") else { throw KensakuError.notFound(id) }
        let lineText = id[id.index(after: colon)...].split(separator: ".", maxSplits: 1).first ?? ""
        guard let line = Int(lineText) else { throw KensakuError.notFound(id) }
        let stem = String(id[..<colon])
        try reader.checkUnchanged()
        var start = 0
        for doc in reader.documents {
            let docStem = doc.doc.hasSuffix(".txt") ? String(doc.doc.dropLast(4)) : doc.doc
            if docStem == stem {
                var lo = start, hi = start + doc.passages
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if reader.row(mid).firstLine < line { lo = mid + 1 } else { hi = mid }
                }
                // Pieces of one long line share their first line: at most a few rows to look at.
                var k = lo
                while k < start + doc.passages, reader.row(k).firstLine == line, k - lo < 64 {
                    let passage = try reader.passage(k)
                    if passage.id == id { return passage }
                    k += 1
                }
                break
            }
            start += doc.passages
        }
        throw KensakuError.notFound(id)
    }

    private func programmes() throws -> (LabelIndex, AbbreviationTable) {
        try reader.programmesAndAbbreviations()
    }
}

/// A few analysers for concurrent searches (an ICU break iterator is not thread-safe).
final class AnalyzerPool: @unchecked Sendable {
    private var free: [Analyzer] = []
    private let lock = NSLock()

    func take() -> Analyzer {
        lock.lock()
        defer { lock.unlock() }
        return free.popLast() ?? Analyzer()
    }

    func give(_ analyzer: Analyzer) {
        lock.lock()
        defer { lock.unlock() }
        if free.count < 8 { free.append(analyzer) }
    }
}
