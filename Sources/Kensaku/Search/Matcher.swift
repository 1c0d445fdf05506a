/// Where and how often something matched in one passage.
struct MatchInfo {
    /// Occurrences in the passage's text.
    var textCount = 0
    /// Matched in the programme name.
    var inProgramme = false
    /// Matched in the section path.
    var inSection = false
    /// Matched as whole ICU words in the text (not only as characters inside longer words).
    var wholeWord = false
    /// Matched only through another form of the term (an abbreviation's name, or the reverse).
    var expansionOnly = false
    /// The passage's text holds the term as the user wrote it, where NFKC changed its meaning
    /// (① → 1): such passages rank first.
    var literal = false

    mutating func merge(_ other: MatchInfo) {
        expansionOnly = expansionOnly && other.expansionOnly
        textCount = max(textCount, other.textCount)
        inProgramme = inProgramme || other.inProgramme
        inSection = inSection || other.inSection
        wholeWord = wholeWord || other.wholeWord
        literal = literal || other.literal
    }
}

/// The passages an atom or clause matched, sorted by passage number.
struct MatchSet {
    var docs: [Int32] = []
    var infos: [MatchInfo] = []

    var count: Int { docs.count }

    /// The union of two sets, merging the infos of passages in both.
    func union(_ other: MatchSet) -> MatchSet {
        if other.docs.isEmpty { return self }
        if docs.isEmpty { return other }
        var out = MatchSet()
        out.docs.reserveCapacity(docs.count + other.docs.count)
        var i = 0, j = 0
        while i < docs.count || j < other.docs.count {
            if j >= other.docs.count || (i < docs.count && docs[i] < other.docs[j]) {
                out.docs.append(docs[i]); out.infos.append(infos[i]); i += 1
            } else if i >= docs.count || other.docs[j] < docs[i] {
                out.docs.append(other.docs[j]); out.infos.append(other.infos[j]); j += 1
            } else {
                var info = infos[i]
                info.merge(other.infos[j])
                out.docs.append(docs[i]); out.infos.append(info); i += 1; j += 1
            }
        }
        return out
    }

    /// The info of passage `doc`, if matched (binary search).
    func info(of doc: Int32) -> MatchInfo? {
        var lo = 0, hi = docs.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if docs[mid] < doc { lo = mid + 1 } else { hi = mid }
        }
        return lo < docs.count && docs[lo] == doc ? infos[lo] : nil
    }
}

/// Finds where character phrases and word phrases occur, from the postings of one segment.
struct Matcher {
    let reader: SegmentReader
    var deadline = Deadline.none

    /// Passages where `surface` occurs in the character stream, with the number of occurrences.
    ///
    /// With `term: true` it is an unquoted term's surface: it never matches across a space (only
    /// `g` bigrams are read) and, when it begins or ends with a digit or Latin letter, only at run
    /// edges (the ``GramKey/runStart(_:)`` / ``GramKey/runEnd(_:)`` marks join the intersection).
    /// A quoted phrase (`term: false`) reads bigrams within and across spaces alike.
    ///
    /// With `verify` (which counts the surface in one passage from its stored text, by the same
    /// rules), a surface whose two rarest bigrams share few passages is verified passage by passage
    /// instead of decoding the positions of all its bigrams.
    ///
    /// With `wholeWords`, only matches that start and end on ICU word boundaries of the passage
    /// (``GramKey/wordStart(_:)``, ``GramKey/wordEnd(_:)``) count.
    func phrase(_ surface: [UInt32], term: Bool = false, wholeWords: Bool = false,
                verify: ((Int32) throws -> Int)? = nil) throws -> [(doc: Int32, count: Int)] {
        guard let first = surface.first else { return [] }
        let need = term ? RunEdges.required(surface) : (start: false, end: false)
        var edgeKeys: [(offset: Int, key: UInt64)] = []
        if wholeWords, let last = surface.last {
            edgeKeys.append((0, GramKey.wordStart(first)))
            edgeKeys.append((surface.count - 1, GramKey.wordEnd(last)))
        }
        if need.start { edgeKeys.append((0, GramKey.runStart(first))) }
        if need.end, let last = surface.last { edgeKeys.append((surface.count - 1, GramKey.runEnd(last))) }
        let edgeOrdinals = edgeKeys.map { (offset: $0.offset, ordinal: reader.find(GramKey.bytes($0.key))) }
        if edgeOrdinals.contains(where: { $0.ordinal == nil }) { return [] }
        if surface.count == 1 && edgeKeys.isEmpty {
            // Every position starts exactly one bigram (within a run or across a space): a
            // character's occurrences are the bigrams it starts, two contiguous runs of the
            // dictionary. Count them densely.
            var counts = [Int32](repeating: 0, count: reader.passageCount)
            var touched: [Int32] = []
            for flagged in [false, true] {
                for ordinal in reader.ordinals(withPrefix: GramKey.prefix(first, acrossSpace: flagged)) {
                    try deadline.check()
                    let list = try reader.postings(ordinal, positions: false)
                    try deadline.charge(list)
                    for i in 0..<list.count {
                        let doc = Int(list.docs[i])
                        if counts[doc] == 0 { touched.append(list.docs[i]) }
                        counts[doc] += list.positionStart[i + 1] - list.positionStart[i]
                    }
                }
            }
            touched.sort()
            return touched.map { ($0, Int(counts[Int($0)])) }
        }
        // Bigram k at offset k of the surface, each as the ordinals of its kinds.
        var terms: [(offset: Int, ordinals: [Int], df: Int)] = []
        for k in 0..<max(0, surface.count - 1) {
            let key = GramKey.make(surface[k], surface[k + 1])
            let keys = term ? [key] : [key, key | GramKey.acrossSpace]
            let ordinals = keys.compactMap { reader.find(GramKey.bytes($0)) }
            if ordinals.isEmpty { return [] }
            terms.append((k, ordinals, try ordinals.reduce(0) { $0 + (try reader.documentFrequency($1)) }))
        }
        for edge in edgeOrdinals {
            terms.append((edge.offset, [edge.ordinal!], try reader.documentFrequency(edge.ordinal!)))
        }
        if terms.count == 1 {
            return Matcher.counts(try postings(terms[0].ordinals, positions: false))
        }
        terms.sort { $0.df < $1.df }
        // The passages holding the two rarest terms (no positions decoded) bound the answer:
        // none, and the surface is absent; a few, and each is verified from its stored text
        // instead of decoding the positions of every (possibly very common) bigram.
        let rare = try terms.prefix(2).map { try postings($0.ordinals, positions: false).docs }
        let candidates = rare.count == 2 ? Matcher.intersect(rare[0], rare[1]) : rare[0]
        if candidates.isEmpty { return [] }
        // Verifying re-analyses a passage's stored text; decoding the terms' positions where the
        // candidates are costs less (kensaku-bench --queries-on) beyond a few candidates.
        let verifyLimit = 16
        if let verify, candidates.count <= verifyLimit {
            var out: [(doc: Int32, count: Int)] = []
            for doc in candidates {
                try deadline.check()
                let count = try verify(doc)
                if count > 0 { out.append((doc, count)) }
            }
            return out
        }
        // Positions are decoded only where the two rarest terms both occur.
        var lists: [(offset: Int, list: PostingList)] = []
        var decoded: [[Int]: PostingList] = [:]
        for t in terms {
            if let list = decoded[t.ordinals] { lists.append((t.offset, list)); continue }
            let list = try postings(t.ordinals, only: candidates)
            try deadline.charge(list)
            decoded[t.ordinals] = list
            lists.append((t.offset, list))
        }
        return try Matcher.intersect(lists, deadline: deadline)
    }

    /// The postings of one term, or the union of several (a bigram within and across spaces).
    func postings(_ ordinals: [Int], positions: Bool = true, only: [Int32]? = nil) throws -> PostingList {
        var list = try reader.postings(ordinals[0], positions: positions, only: only)
        for ordinal in ordinals.dropFirst() {
            let other = try reader.postings(ordinal, positions: positions, only: only)
            list = list.union(other, positions: positions)
        }
        return list
    }

    /// The passages in both sorted lists.
    static func intersect(_ a: [Int32], _ b: [Int32]) -> [Int32] {
        var out: [Int32] = []
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if a[i] < b[j] { i += 1 } else if b[j] < a[i] { j += 1 } else { out.append(a[i]); i += 1; j += 1 }
        }
        return out
    }

    /// Each passage of `list` with its number of occurrences.
    static func counts(_ list: PostingList) -> [(doc: Int32, count: Int)] {
        (0..<list.count).map { (list.docs[$0], Int(list.positionStart[$0 + 1] - list.positionStart[$0])) }
    }

    /// Passages where the lists' terms occur at their offsets from one start, with the count of starts.
    static func intersect(_ unsorted: [(offset: Int, list: PostingList)], deadline: Deadline = .none) throws -> [(doc: Int32, count: Int)] {
        let lists = unsorted.sorted { $0.list.count < $1.list.count }
        let anchor = lists[0]
        var cursors = [Int](repeating: 0, count: lists.count)
        var rows = [Int](repeating: 0, count: lists.count)
        var out: [(doc: Int32, count: Int)] = []
        docLoop: for a in 0..<anchor.list.count {
            if a & 255 == 0 { try deadline.check() }
            let doc = anchor.list.docs[a]
            rows[0] = a
            for l in 1..<lists.count {
                let docs = lists[l].list.docs
                var c = cursors[l]
                var step = 1
                while c + step < docs.count && docs[c + step] <= doc { c += step; step *= 2 }
                while c < docs.count && docs[c] < doc { c += 1 }
                cursors[l] = c
                guard c < docs.count, docs[c] == doc else { continue docLoop }
                rows[l] = c
            }
            var count = 0
            for p in anchor.list.positions(at: a) {
                let start = p - Int32(anchor.offset)
                guard start >= 0 else { continue }
                var ok = true
                for l in 1..<lists.count where !contains(lists[l].list.positions(at: rows[l]), start + Int32(lists[l].offset)) {
                    ok = false
                    break
                }
                if ok { count += 1 }
            }
            if count > 0 { out.append((doc, count)) }
        }
        return out
    }

    /// Passages where `words` occur consecutively in the word stream, with the count.
    func wordPhrase(_ words: [String]) throws -> [(doc: Int32, count: Int)] {
        guard !words.isEmpty else { return [] }
        if words.count == 1 {
            guard let ordinal = reader.find(GramKey.wordBytes(words[0])) else { return [] }
            return Matcher.counts(try reader.postings(ordinal, positions: false))
        }
        var ordinals: [Int] = []
        var frequencies: [Int] = []
        for word in words {
            guard let ordinal = reader.find(GramKey.wordBytes(word)) else { return [] }
            ordinals.append(ordinal)
            frequencies.append(try reader.documentFrequency(ordinal))
        }
        // The passages holding every word, rarest first (no positions decoded), then the positions there only.
        var candidates: [Int32]?
        for k in ordinals.indices.sorted(by: { frequencies[$0] < frequencies[$1] }) {
            let ordinal = ordinals[k]
            let docs = try reader.postings(ordinal, positions: false, only: candidates).docs
            candidates = docs
            if docs.isEmpty { return [] }
        }
        var lists: [(offset: Int, list: PostingList)] = []
        for (k, ordinal) in ordinals.enumerated() {
            let list = try reader.postings(ordinal, only: candidates)
            try deadline.charge(list)
            lists.append((k, list))
        }
        return try Matcher.intersect(lists, deadline: deadline)
    }

    static func contains(_ sorted: ArraySlice<Int32>, _ value: Int32) -> Bool {
        var lo = sorted.startIndex, hi = sorted.endIndex
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo < sorted.endIndex && sorted[lo] == value
    }

    static func index(of value: Int32, in sorted: [Int32]) -> Int? {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo < sorted.count && sorted[lo] == value ? lo : nil
    }
}
