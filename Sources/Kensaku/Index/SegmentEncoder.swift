import Foundation

/// Per-passage statistics the index keeps beside the postings.
struct PassageStats {
    /// Characters in the character stream (the BM25 length).
    var textLength: Int
    /// Words in the word stream.
    var textWords: Int
}

/// The analysed, inverted form of a list of passages.
struct InvertedIndexBuild {
    var postings: PostingsBuilder
    var stats: [PassageStats]
    var abbreviations: AbbreviationTable

    /// Analyses `passages` on every core (contiguous runs per thread) and inverts them.
    static func run(passages: [Passage], progress: (@Sendable (Int, Int) -> Void)?) -> InvertedIndexBuild {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8, passages.count / 64 + 1))
        let bounds = (0...workers).map { passages.count * $0 / workers }
        final class Results: @unchecked Sendable {
            var builders: [PostingsBuilder]
            var stats: [[PassageStats]]
            var declarations: [[(String, String)]]
            init(_ n: Int) {
                builders = Array(repeating: PostingsBuilder(), count: n)
                stats = Array(repeating: [], count: n)
                declarations = Array(repeating: [], count: n)
            }
        }
        let results = Results(workers)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let analyzer = Analyzer()
            var builder = PostingsBuilder()
            var stats: [PassageStats] = []
            var declarations: [(String, String)] = []
            stats.reserveCapacity(bounds[w + 1] - bounds[w])
            for doc in bounds[w]..<bounds[w + 1] {
                let terms = analyzer.terms(of: passages[doc])
                builder.add(doc: doc, terms: terms)
                stats.append(PassageStats(textLength: terms.grams.count, textWords: terms.words.count))
                declarations.append(contentsOf: terms.declarations)
                if w == 0, let progress, (doc - bounds[0]) % 512 == 0 {
                    progress((doc - bounds[0]) * workers, passages.count)
                }
            }
            lock.lock()
            results.builders[w] = builder
            results.stats[w] = stats
            results.declarations[w] = declarations
            lock.unlock()
        }
        var merged = results.builders[0]
        for w in 1..<workers { merged.append(results.builders[w]) }
        progress?(passages.count, passages.count)
        return InvertedIndexBuild(postings: merged, stats: results.stats.flatMap { $0 },
                                  abbreviations: AbbreviationTable.merging(results.declarations))
    }
}

/// Encodes a built index into the bytes of its four files (see docs/FORMAT.md).
enum SegmentEncoder {
    /// Size of one entry of the term table.
    static let termEntrySize = 8
    /// Size of one row of the passage table.
    static let passageRowSize = 32
    /// Size of one row of the amount table.
    static let amountRowSize = 16
    /// Size of the meta file's fixed header.
    static let metaHeaderSize = 48

    /// Writes one term's postings in the layout of docs/FORMAT.md ("postings"): the doc deltas and
    /// frequencies first, then the positions, so that a reader that needs no positions never reads
    /// them. The builder's interleaved bytes (`delta, tf, positions…` per passage) are split by
    /// copying varints, without decoding the positions.
    static func appendSplit(_ p: PostingsBuilder.Postings, to out: inout [UInt8]) {
        var docs: [UInt8] = []
        var positions: [UInt8] = []
        docs.reserveCapacity(p.df * 2)
        positions.reserveCapacity(p.bytes.count)
        let bytes = p.bytes
        var i = 0
        @inline(__always) func varintEnd(_ from: Int) -> Int {
            var j = from
            while bytes[j] & 0x80 != 0 { j += 1 }
            return j + 1
        }
        for _ in 0..<p.df {
            let deltaEnd = varintEnd(i)
            let tfEnd = varintEnd(deltaEnd)
            var tf = 0, shift = 0
            for b in bytes[deltaEnd..<tfEnd] { tf |= Int(b & 0x7F) << shift; shift += 7 }
            docs.append(contentsOf: bytes[i..<tfEnd])
            var j = tfEnd
            for _ in 0..<tf { j = varintEnd(j) }
            positions.append(contentsOf: bytes[tfEnd..<j])
            i = j
        }
        out.appendVarint(p.df)
        out.appendVarint(docs.count)
        out.append(contentsOf: docs)
        out.append(contentsOf: positions)
    }

    static func encode(documents: [DocumentInfo], passages: [Passage], build: InvertedIndexBuild) -> [(String, [UInt8])] {
        // terms + postings
        let terms = build.postings.sortedTerms()
        var postings: [UInt8] = []
        var table: [UInt8] = []
        var keys: [UInt8] = []
        table.reserveCapacity(terms.count * termEntrySize)
        for (key, p) in terms {
            table.appendLE(UInt32(keys.count))
            table.appendLE(UInt32(postings.count))
            appendSplit(p, to: &postings)
            keys.append(contentsOf: key)
        }
        // A final entry marks where the last key and the last postings end.
        table.appendLE(UInt32(keys.count))
        table.appendLE(UInt32(postings.count))
        var termsPayload: [UInt8] = []
        termsPayload.appendLE(UInt32(terms.count))
        termsPayload.append(contentsOf: table)
        termsPayload.append(contentsOf: keys)

        // stored passages
        var blobs: [UInt8] = []
        var offsets: [UInt8] = []
        let docOrdinal = Dictionary(documents.enumerated().map { ($1.doc, $0) }, uniquingKeysWith: { a, _ in a })
        // Programme names and section headings repeat from passage to passage: store each once.
        var labels = Labels()
        for passage in passages {
            offsets.appendLE(UInt64(blobs.count))
            PassageCodec.encode(passage, docOrdinal: docOrdinal[passage.doc] ?? 0, labels: &labels, into: &blobs)
        }
        offsets.appendLE(UInt64(blobs.count))
        var storePayload: [UInt8] = []
        storePayload.appendLE(UInt32(passages.count))
        storePayload.append(contentsOf: offsets)
        storePayload.append(contentsOf: blobs)

        // meta: passage table, amount table, strings (documents, labels, abbreviations)
        var passageTable: [UInt8] = []
        var amountTable: [UInt8] = []
        var amountCount = 0
        var totalTextLength = 0
        for (i, passage) in passages.enumerated() {
            let stats = build.stats[i]
            totalTextLength += stats.textLength
            let programmeID = passage.programme.map { labels.id($0.name) } ?? -1
            passageTable.appendLE(UInt32(docOrdinal[passage.doc] ?? 0))
            passageTable.appendLE(UInt32(stats.textLength))
            passageTable.appendLE(UInt32(0))  // reserved
            passageTable.appendLE(UInt32(stats.textWords))
            passageTable.appendLE(Int32(programmeID))
            passageTable.appendLE(UInt32(amountCount))
            passageTable.appendLE(UInt32(passage.amounts.count))
            passageTable.appendLE(UInt32(passage.lines.first ?? 0))
            for amount in passage.amounts {
                amountTable.appendLE(amount.yen)
                amountTable.append(AmountRole.allCases.firstIndex(of: amount.role).map(UInt8.init) ?? 4)
                amountTable.append(UInt8(clamping: FiscalYearCode.reiwa(amount.fiscalYear) ?? 0))
                amountTable.append(contentsOf: [UInt8](repeating: 0, count: 6))
                amountCount += 1
            }
        }
        var strings: [UInt8] = []
        strings.appendVarint(documents.count)
        for d in documents {
            strings.appendString(d.doc)
            strings.appendString(d.title)
            strings.appendString(d.fiscalYear ?? "")
            strings.appendVarint(d.passages)
            strings.appendVarint(d.fiscalYears.count)
            for y in d.fiscalYears { strings.appendString(y) }
            strings.appendString(d.kind?.rawValue ?? "")
        }
        let labelGrams = LabelIndex.encode(labels: labels, passages: passages, into: &strings)
        let abbreviations = build.abbreviations
        strings.appendVarint(abbreviations.pairs.count)
        for pair in abbreviations.pairs {
            strings.appendString(pair.abbreviation)
            strings.appendString(pair.name)
        }
        strings.append(contentsOf: labelGrams)
        var metaPayload: [UInt8] = []
        metaPayload.appendLE(UInt32(passages.count))
        metaPayload.appendLE(UInt32(documents.count))
        metaPayload.appendLE(UInt32(amountCount))
        metaPayload.appendLE(UInt32(labels.names.count))
        metaPayload.appendLE(UInt64(totalTextLength))
        metaPayload.appendLE(UInt64(metaHeaderSize + passageTable.count))  // amount table offset
        metaPayload.appendLE(UInt64(metaHeaderSize + passageTable.count + amountTable.count))  // strings offset
        metaPayload.appendLE(UInt64(0))
        metaPayload.append(contentsOf: passageTable)
        metaPayload.append(contentsOf: amountTable)
        metaPayload.append(contentsOf: strings)

        return [
            ("terms", IndexFormat.frame(.terms, payload: termsPayload)),
            ("postings", IndexFormat.frame(.postings, payload: postings)),
            ("store", IndexFormat.frame(.store, payload: storePayload)),
            ("meta", IndexFormat.frame(.meta, payload: metaPayload)),
        ]
    }
}

/// Distinct strings (programme names, section headings) numbered in order of first use.
struct Labels {
    private(set) var names: [String] = []
    private var ids: [String: Int] = [:]

    mutating func id(_ name: String) -> Int {
        if let id = ids[name] { return id }
        names.append(name)
        ids[name] = names.count - 1
        return names.count - 1
    }
}

/// The binary form of a stored passage (see docs/FORMAT.md, "store"). The id is not stored:
/// it is the document's stem and the first line.
enum PassageCodec {
    static func encode(_ p: Passage, docOrdinal: Int, labels: inout Labels, into out: inout [UInt8]) {
        out.appendVarint(docOrdinal)
        out.appendVarint(p.lines.first ?? 0)
        out.appendVarint(p.lines.last ?? 0)
        out.appendVarint(p.section.count)
        for s in p.section { out.appendVarint(labels.id(s)) }
        out.appendString(p.text)
        encodeProgramme(p.programme, labels: &labels, into: &out)
        out.appendVarint(p.amounts.count)
        for a in p.amounts {
            out.appendString(a.text)
            out.appendVarint(UInt64(bitPattern: a.yen))
            out.append(AmountRole.allCases.firstIndex(of: a.role).map(UInt8.init) ?? 4)
            out.appendString(a.fiscalYear ?? "")
            let flags: UInt8 = (a.perUnit ? 1 : 0) | (a.includedIn ? 2 : 0) | (a.yenMax != nil ? 4 : 0)
            out.append(flags)
            if let m = a.yenMax { out.appendVarint(UInt64(bitPattern: m)) }
            out.appendVarint(a.line)
            encodeProgramme(a.programme, labels: &labels, into: &out)
        }
    }

    /// 0 for none, else label id + 1, the line and the source's index.
    private static func encodeProgramme(_ programme: Programme?, labels: inout Labels, into out: inout [UInt8]) {
        guard let programme else { out.appendVarint(0); return }
        out.appendVarint(labels.id(programme.name) + 1)
        out.appendVarint(programme.line)
        out.append(UInt8(ProgrammeSource.allCases.firstIndex(of: programme.source) ?? 0))
    }

    private static func decodeProgramme(_ cursor: inout ByteCursor, labels: [String]) throws -> Programme? {
        let id = try cursor.int()
        guard id > 0 else { return nil }
        guard id - 1 < labels.count else { throw cursor.corrupt("label \(id - 1) out of range") }
        let name = labels[id - 1]
        let line = try cursor.int()
        let source = Int(try cursor.fixed(UInt8.self))
        guard source < ProgrammeSource.allCases.count else { throw cursor.corrupt("bad programme source") }
        return Programme(name: name, line: line, source: ProgrammeSource.allCases[source])
    }

    static func decode(_ cursor: inout ByteCursor, documents: [DocumentInfo], labels: [String]) throws -> Passage {
        func label(_ id: Int) throws -> String {
            guard id < labels.count else { throw cursor.corrupt("label \(id) out of range") }
            return labels[id]
        }
        let ordinal = try cursor.int()
        guard ordinal < documents.count else { throw cursor.corrupt("document number out of range") }
        let first = try cursor.int()
        let last = try cursor.int()
        let sectionCount = try cursor.int()
        var section: [String] = []
        for _ in 0..<sectionCount { section.append(try label(try cursor.int())) }
        let text = try cursor.string()
        let programme = try decodeProgramme(&cursor, labels: labels)
        let amountCount = try cursor.int()
        var amounts: [Amount] = []
        for _ in 0..<amountCount {
            let text = try cursor.string()
            let yen = Int64(bitPattern: try cursor.varint())
            let roleIndex = Int(try cursor.fixed(UInt8.self))
            guard roleIndex < AmountRole.allCases.count else { throw cursor.corrupt("bad amount role") }
            let year = try cursor.string()
            let flags = try cursor.fixed(UInt8.self)
            let yenMax = flags & 4 != 0 ? Int64(bitPattern: try cursor.varint()) : nil
            let line = try cursor.int()
            let own = try decodeProgramme(&cursor, labels: labels)
            amounts.append(Amount(text: text, yen: yen, role: AmountRole.allCases[roleIndex], fiscalYear: year.isEmpty ? nil : year,
                                  yenMax: yenMax, perUnit: flags & 1 != 0, includedIn: flags & 2 != 0, programme: own, line: line))
        }
        let doc = documents[ordinal]
        let stem = doc.doc.hasSuffix(".txt") ? String(doc.doc.dropLast(4)) : doc.doc
        return Passage(id: "\(stem):\(first)", doc: doc.doc, title: doc.title, lines: [first, last], section: section,
                       text: text, programme: programme, amounts: amounts,
                       docFiscalYears: doc.fiscalYears, docKind: doc.kind)
    }
}
