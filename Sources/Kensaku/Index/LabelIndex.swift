/// Programme names and section headings, stored once each (not once per passage) with their
/// analysed forms and the passages that carry them. A term that matches a label matches those
/// passages "in the programme" or "in the section".
struct LabelIndex: Sendable {
    /// The labels as written, by id.
    var names: [String] = []
    /// Each label's character stream (NFKC + case fold, no whitespace, kana fold).
    var streams: [[UInt32]] = []
    /// Each label's folded words, concatenated.
    var words: [[UInt32]] = []
    /// The passages whose programme is the label, ascending.
    var programmeOf: [[Int32]] = []
    /// The passages whose section path contains the label, ascending.
    var sectionOf: [[Int32]] = []
    /// Label ids by the bigrams (and single characters) of their streams and words, so that a
    /// query looks at the few labels that can match instead of scanning them all. Built only
    /// for many labels: for a few hundred, a scan is cheaper than building it in every process.
    private var byGram: [UInt64: [Int32]] = [:]
    /// Above this many labels, ``byGram`` is built.
    static let indexedAbove = 800

    /// Indexes every label under every bigram of its stream and words, and every character
    /// alone (as the bigram of the character and ``GramKey/end``).
    private mutating func buildGramIndex() {
        for id in names.indices {
            let label = Int32(id)
            for sequence in [streams[id], words[id]] {
                for (i, c) in sequence.enumerated() {
                    for key in [GramKey.make(c, GramKey.end), i + 1 < sequence.count ? GramKey.make(c, sequence[i + 1]) : 0]
                    where key != 0 && byGram[key]?.last != label {
                        byGram[key, default: []].append(label)
                    }
                }
            }
        }
    }

    static func encode(labels: Labels, passages: [Passage], into out: inout [UInt8]) {
        var programmeOf = [[Int32]](repeating: [], count: labels.names.count)
        var sectionOf = [[Int32]](repeating: [], count: labels.names.count)
        var ids: [String: Int] = [:]
        for (i, name) in labels.names.enumerated() { ids[name] = i }
        for (doc, passage) in passages.enumerated() {
            if let name = passage.programme?.name, let id = ids[name] { programmeOf[id].append(Int32(doc)) }
            for heading in Set(passage.section) { if let id = ids[heading] { sectionOf[id].append(Int32(doc)) } }
        }
        let analyzer = Analyzer()
        out.appendVarint(labels.names.count)
        for (id, name) in labels.names.enumerated() {
            let analyzed = analyzer.analyze(name)
            out.appendString(name)
            out.appendString(Folding.scalarString(Analyzer.stream(analyzed)))
            out.appendString(String(decoding: analyzed.wordKeys.joined(), as: UTF8.self))
            for list in [programmeOf[id], sectionOf[id]] {
                out.appendVarint(list.count)
                var previous: Int32 = -1
                for doc in list {
                    out.appendVarint(Int(doc - previous))
                    previous = doc
                }
            }
        }
    }

    static func decode(_ c: inout ByteCursor, passageCount: Int) throws -> LabelIndex {
        var index = LabelIndex()
        let n = try c.int()
        for _ in 0..<n {
            index.names.append(try c.string())
            index.streams.append(try c.string().unicodeScalars.map(\.value))
            index.words.append(try c.string().unicodeScalars.map(\.value))
            var lists: [[Int32]] = []
            for _ in 0..<2 {
                let count = try c.int()
                guard count <= passageCount else { throw c.corrupt("label list too long") }
                var list: [Int32] = []
                list.reserveCapacity(count)
                var doc = -1
                for _ in 0..<count {
                    doc += try c.int()
                    guard doc < passageCount else { throw c.corrupt("passage number out of range") }
                    list.append(Int32(doc))
                }
                lists.append(list)
            }
            index.programmeOf.append(lists[0])
            index.sectionOf.append(lists[1])
        }
        if index.names.count > indexedAbove { index.buildGramIndex() }
        return index
    }

    /// Whether the term surface occurs in a label's stream, at run edges where it begins or ends
    /// with a digit or letter (labels keep no whitespace: spaces are not checked).
    static func termOccurs(_ surface: [UInt32], in stream: [UInt32]) -> Bool {
        QueryEngine.occurrences(of: surface, in: stream).contains { RunEdges.accepts(surface, in: stream, gapBefore: [], at: $0) }
    }

    /// The ids of the labels that contain one of `surfaces` in their stream, or `words` in their words.
    func matching(surfaces: [[UInt32]], words: [UInt32]) -> [Int] {
        if byGram.isEmpty {
            return names.indices.filter { id in
                surfaces.contains(where: { !$0.isEmpty && LabelIndex.termOccurs($0, in: streams[id]) })
                    || (!words.isEmpty && QueryEngine.occurrences(of: words, in: self.words[id]).first != nil)
            }
        }
        // Candidates: labels holding the needle's rarest bigram (or, for one character, the character).
        var candidates = Set<Int32>()
        for needle in surfaces + [words] where !needle.isEmpty {
            let keys = needle.count == 1 ? [GramKey.make(needle[0], GramKey.end)]
                : (0..<(needle.count - 1)).map { GramKey.make(needle[$0], needle[$0 + 1]) }
            let lists = keys.map { byGram[$0] ?? [] }
            if let rarest = lists.min(by: { $0.count < $1.count }) { candidates.formUnion(rarest) }
        }
        var out: [Int] = []
        for id32 in candidates.sorted() {
            let id = Int(id32)
            if surfaces.contains(where: { !$0.isEmpty && LabelIndex.termOccurs($0, in: streams[id]) })
                || (!words.isEmpty && QueryEngine.occurrences(of: words, in: self.words[id]).first != nil) {
                out.append(id)
            }
        }
        return out
    }
}
