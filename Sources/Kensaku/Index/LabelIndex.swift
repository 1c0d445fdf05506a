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
    /// query looks at the few labels that can match instead of scanning them all. Stored in the
    /// index ready to use (``LabelGramTable``) and read from the memory map: opening builds nothing.
    var grams: LabelGramTable?

    /// Every gram key of a label: each bigram of its stream and of its words, and every character
    /// alone (as the bigram of the character and ``GramKey/end``).
    static func gramKeys(stream: [UInt32], words: [UInt32]) -> Set<UInt64> {
        var keys = Set<UInt64>()
        for sequence in [stream, words] {
            for (i, c) in sequence.enumerated() {
                keys.insert(GramKey.make(c, GramKey.end))
                if i + 1 < sequence.count { keys.insert(GramKey.make(c, sequence[i + 1])) }
            }
        }
        keys.remove(0)
        return keys
    }

    /// Appends the labels to `out` (docs/FORMAT.md, "meta": Label); returns their gram table
    /// (LabelGrams), which the caller appends after the abbreviations.
    static func encode(labels: Labels, passages: [Passage], into out: inout [UInt8]) -> [UInt8] {
        var byGram: [UInt64: [UInt32]] = [:]
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
            let stream = Folding.scalarString(Analyzer.stream(analyzed))
            let words = String(decoding: analyzed.wordKeys.joined(), as: UTF8.self)
            out.appendString(name)
            out.appendString(stream)
            out.appendString(words)
            for key in gramKeys(stream: stream.unicodeScalars.map(\.value), words: words.unicodeScalars.map(\.value)) {
                byGram[key, default: []].append(UInt32(id))
            }
            for list in [programmeOf[id], sectionOf[id]] {
                out.appendVarint(list.count)
                var previous: Int32 = -1
                for doc in list {
                    out.appendVarint(Int(doc - previous))
                    previous = doc
                }
            }
        }
        return LabelGramTable.encode(byGram)
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
        return index
    }

    /// Whether the term surface occurs in a label's stream, at run edges where it begins or ends
    /// with a digit or letter (labels keep no whitespace: spaces are not checked).
    static func termOccurs(_ surface: [UInt32], in stream: [UInt32]) -> Bool {
        QueryEngine.occurrences(of: surface, in: stream).contains { RunEdges.accepts(surface, in: stream, gapBefore: [], at: $0) }
    }

    /// The ids of the labels that contain one of `surfaces` in their stream, or `words` in their words.
    func matching(surfaces: [[UInt32]], words: [UInt32]) -> [Int] {
        let candidates: [Int]
        if let grams {
            // The labels holding each needle's rarest bigram (or, for one character, the character).
            var found = Set<Int32>()
            for needle in surfaces + [words] where !needle.isEmpty {
                let keys = needle.count == 1 ? [GramKey.make(needle[0], GramKey.end)]
                    : (0..<(needle.count - 1)).map { GramKey.make(needle[$0], needle[$0 + 1]) }
                if let rarest = keys.map({ grams.ids(of: $0) }).min(by: { $0.count < $1.count }) {
                    found.formUnion(rarest.lazy.filter { $0 >= 0 && Int($0) < names.count })
                }
            }
            candidates = found.sorted().map { Int($0) }
        } else {
            candidates = Array(names.indices)
        }
        return candidates.filter { id in
            surfaces.contains(where: { !$0.isEmpty && LabelIndex.termOccurs($0, in: streams[id]) })
                || (!words.isEmpty && QueryEngine.occurrences(of: words, in: self.words[id]).first != nil)
        }
    }
}
