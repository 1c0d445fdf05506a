/// One term's postings, decoded (``SegmentReader/postings(_:positions:only:)``): passage numbers
/// ascending, and each passage's positions.
struct PostingList {
    var docs: [Int32] = []
    /// `positions[positionStart[i]..<positionStart[i+1]]` are the positions in passage `docs[i]`.
    var positionStart: [Int32] = [0]
    var positions: [Int32] = []

    var count: Int { docs.count }

    func positions(at i: Int) -> ArraySlice<Int32> {
        positions[Int(positionStart[i])..<Int(positionStart[i + 1])]
    }

    /// The passages of both lists, with the positions of each merged (both lists' terms are
    /// bigrams of one stream, so no position is in both). With `positions: false` (lists decoded
    /// without positions) only the counts are merged.
    func union(_ other: PostingList, positions withPositions: Bool) -> PostingList {
        var out = PostingList()
        out.docs.reserveCapacity(docs.count + other.docs.count)
        var total: Int32 = 0
        func take(_ list: PostingList, _ i: Int) {
            total += list.positionStart[i + 1] - list.positionStart[i]
            if withPositions { out.positions.append(contentsOf: list.positions(at: i)) }
        }
        var i = 0, j = 0
        while i < docs.count || j < other.docs.count {
            if j >= other.docs.count || (i < docs.count && docs[i] < other.docs[j]) {
                out.docs.append(docs[i]); take(self, i); i += 1
            } else if i >= docs.count || other.docs[j] < docs[i] {
                out.docs.append(other.docs[j]); take(other, j); j += 1
            } else {
                out.docs.append(docs[i])
                let from = out.positions.count
                take(self, i); take(other, j)
                if withPositions { out.positions[from...].sort() }
                i += 1; j += 1
            }
            out.positionStart.append(total)
        }
        return out
    }
}
