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

    private(set) var gramIndex = GramTable()
    private(set) var wordIndex: [[UInt8]: Int32] = [:]
    private(set) var postings: [Postings] = []
    /// Scratch: (slot << 32 | position) of the passage being added.
    private var occurrences: [UInt64] = []
    /// Scratch: one term's entry for the passage being added.
    private var entry: [UInt8] = []

    private mutating func slot(gram: UInt64) -> Int32 {
        let next = Int32(postings.count)
        let s = gramIndex.value(for: gram) { next }
        if s == next { postings.append(Postings()) }
        return s
    }

    private mutating func slot(word: [UInt8]) -> Int32 {
        if let s = wordIndex[word] { return s }
        postings.append(Postings())
        let s = Int32(postings.count - 1)
        wordIndex[word] = s
        return s
    }

    /// Adds passage number `doc` (increasing from call to call).
    mutating func add(doc: Int, terms: PassageTerms) {
        // One dictionary lookup per occurrence, then a sort of plain integers groups them by term.
        occurrences.removeAll(keepingCapacity: true)
        for (i, key) in terms.grams.enumerated() { occurrences.append(UInt64(slot(gram: key)) << 32 | UInt64(i)) }
        for (i, word) in terms.words.enumerated() { occurrences.append(UInt64(slot(word: word)) << 32 | UInt64(i)) }
        for compound in terms.compoundWords {
            occurrences.append(UInt64(slot(word: compound.key)) << 32 | UInt64(compound.position))
        }
        for edge in terms.edges { occurrences.append(UInt64(slot(gram: edge.key)) << 32 | UInt64(edge.position)) }
        occurrences.sort()
        var i = 0
        while i < occurrences.count {
            let slot = Int(occurrences[i] >> 32)
            var j = i
            while j < occurrences.count && Int(occurrences[j] >> 32) == slot { j += 1 }
            entry.removeAll(keepingCapacity: true)
            entry.appendVarint(doc - postings[slot].lastDoc)
            entry.appendVarint(j - i)
            var previous: UInt64 = 0
            for k in i..<j {
                let position = occurrences[k] & 0xFFFF_FFFF
                entry.appendVarint(position - previous)
                previous = position
            }
            postings[slot].bytes.append(contentsOf: entry)
            if postings[slot].firstDoc < 0 { postings[slot].firstDoc = doc }
            postings[slot].lastDoc = doc
            postings[slot].df += 1
            i = j
        }
    }

    /// Appends `other`'s postings (all of whose passages follow this builder's) term by term.
    mutating func append(_ other: PostingsBuilder) {
        func merge(_ mine: Int, _ theirs: Postings) {
            if postings[mine].df == 0 {
                postings[mine] = theirs
                return
            }
            // Re-encode the first doc delta of `theirs` relative to our last passage.
            var cursor = 0
            while theirs.bytes[cursor] & 0x80 != 0 { cursor += 1 }
            postings[mine].bytes.appendVarint(theirs.firstDoc - postings[mine].lastDoc)
            postings[mine].bytes.append(contentsOf: theirs.bytes[(cursor + 1)...])
            postings[mine].df += theirs.df
            postings[mine].lastDoc = theirs.lastDoc
        }
        for (gram, s) in other.gramIndex.pairs { merge(Int(slot(gram: gram)), other.postings[Int(s)]) }
        for (word, s) in other.wordIndex { merge(Int(slot(word: word)), other.postings[Int(s)]) }
    }

    /// Every term as (dictionary key bytes, postings), sorted by key.
    func sortedTerms() -> [(key: [UInt8], postings: Postings)] {
        var out: [(key: [UInt8], postings: Postings)] = []
        out.reserveCapacity(postings.count)
        for (gram, s) in gramIndex.pairs { out.append((GramKey.bytes(gram), postings[Int(s)])) }
        for (word, s) in wordIndex { out.append((GramKey.wordBytes(word), postings[Int(s)])) }
        out.sort { $0.key.lexicographicallyPrecedes($1.key) }
        return out
    }
}
