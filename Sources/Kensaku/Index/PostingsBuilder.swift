/// An in-memory inverted index for a contiguous run of passages, built by one thread.
///
/// Each term's postings are encoded as they arrive: per passage `doc delta, tf, position deltas…`
/// (varints), the first delta counted from -1 so that two builders can be concatenated.
struct PostingsBuilder {
    struct Postings {
        var bytes: [UInt8] = []
        var df: Int = 0
        var firstDoc: Int = -1
        var lastDoc: Int = -1
    }

    private(set) var gramIndex: [UInt64: Int] = [:]
    private(set) var wordIndex: [[UInt8]: Int] = [:]
    private(set) var postings: [Postings] = []

    /// Adds the occurrences of one term in passage `doc` (positions ascending).
    private mutating func add(slot: Int, doc: Int, positions: ArraySlice<Int32>) {
        var p = postings[slot]
        postings[slot] = Postings()  // keep the buffer uniquely referenced while appending
        p.bytes.appendVarint(doc - p.lastDoc)
        p.bytes.appendVarint(positions.count)
        var previous: Int32 = 0
        for position in positions {
            p.bytes.appendVarint(Int(position - previous))
            previous = position
        }
        if p.firstDoc < 0 { p.firstDoc = doc }
        p.lastDoc = doc
        p.df += 1
        postings[slot] = p
    }

    private mutating func slot(gram: UInt64) -> Int {
        if let s = gramIndex[gram] { return s }
        postings.append(Postings())
        gramIndex[gram] = postings.count - 1
        return postings.count - 1
    }

    private mutating func slot(word: [UInt8]) -> Int {
        if let s = wordIndex[word] { return s }
        postings.append(Postings())
        wordIndex[word] = postings.count - 1
        return postings.count - 1
    }

    /// Adds passage number `doc` (increasing from call to call).
    mutating func add(doc: Int, terms: PassageTerms) {
        // Group positions by term: sort (key, position) pairs.
        var pairs: [(UInt64, Int32)] = []
        pairs.reserveCapacity(terms.grams.count)
        for (i, key) in terms.grams.enumerated() { pairs.append((key, Int32(i))) }
        pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var positions: [Int32] = []
        var i = 0
        while i < pairs.count {
            let key = pairs[i].0
            positions.removeAll(keepingCapacity: true)
            while i < pairs.count && pairs[i].0 == key {
                positions.append(pairs[i].1)
                i += 1
            }
            add(slot: slot(gram: key), doc: doc, positions: positions[...])
        }
        var wordPositions: [[UInt8]: [Int32]] = [:]
        for (n, word) in terms.words.enumerated() { wordPositions[word, default: []].append(Int32(n)) }
        for (word, list) in wordPositions { add(slot: slot(word: word), doc: doc, positions: list[...]) }
    }

    /// Appends `other`'s postings (all of whose passages follow this builder's) term by term.
    mutating func append(_ other: PostingsBuilder) {
        func merge(_ mine: Int, _ theirs: Postings) {
            var p = postings[mine]
            postings[mine] = Postings()
            if p.df == 0 {
                p = theirs
            } else {
                // Re-encode the first doc delta of `theirs` relative to our last passage.
                var cursor = 0
                while theirs.bytes[cursor] & 0x80 != 0 { cursor += 1 }
                p.bytes.appendVarint(theirs.firstDoc - p.lastDoc)
                p.bytes.append(contentsOf: theirs.bytes[(cursor + 1)...])
                p.df += theirs.df
                p.lastDoc = theirs.lastDoc
            }
            postings[mine] = p
        }
        for (gram, s) in other.gramIndex { merge(slot(gram: gram), other.postings[s]) }
        for (word, s) in other.wordIndex { merge(slot(word: word), other.postings[s]) }
    }

    /// Every term as (dictionary key bytes, postings), sorted by key.
    func sortedTerms() -> [(key: [UInt8], postings: Postings)] {
        var out: [(key: [UInt8], postings: Postings)] = []
        out.reserveCapacity(postings.count)
        for (gram, s) in gramIndex { out.append((GramKey.bytes(gram), postings[s])) }
        for (word, s) in wordIndex { out.append((GramKey.wordBytes(word), postings[s])) }
        out.sort { $0.key.lexicographicallyPrecedes($1.key) }
        return out
    }
}
