/// The labels' gram table of the meta file (docs/FORMAT.md, "meta": LabelGrams), read in place
/// from the memory map: gram keys sorted ascending, each with the ids of the labels holding it.
///
/// ```
/// LabelGrams --> GramCount u32, Entry^(GramCount+1), LabelId u32 ^ Entry[GramCount].IdsStart
/// Entry      --> Key u64, IdsStart u32      (12 bytes; the extra last entry ends the last list)
/// ```
struct LabelGramTable: @unchecked Sendable {
    static let entrySize = 12
    /// The meta file's map (kept alive by the ``SegmentReader`` that owns this table).
    private let bytes: UnsafeRawBufferPointer
    private let entries: Int
    private let count: Int
    private let ids: Int
    private let idCount: Int

    /// The table starting at `c`'s offset; moves `c` past it. Throws `indexCorrupt` when the
    /// table does not fit or its lists are out of order.
    init(_ c: inout ByteCursor) throws {
        count = Int(try c.fixed(UInt32.self))
        entries = c.offset
        let tableBytes = (count + 1) * Self.entrySize
        guard count < Int(UInt32.max), tableBytes <= c.end - c.offset else { throw c.corrupt("label gram table larger than the file") }
        bytes = c.bytes
        ids = entries + tableBytes
        idCount = Int(c.bytes.loadLE(UInt32.self, at: entries + count * Self.entrySize + 8))
        guard idCount * 4 <= c.end - ids else { throw c.corrupt("label gram ids larger than the file") }
        c.offset = ids + idCount * 4
    }

    private func key(_ i: Int) -> UInt64 { bytes.loadLE(UInt64.self, at: entries + i * Self.entrySize) }
    private func start(_ i: Int) -> Int { Int(bytes.loadLE(UInt32.self, at: entries + i * Self.entrySize + 8)) }

    /// The ids of the labels holding `key` (empty when none; a damaged list reads as empty).
    func ids(of key: UInt64) -> [Int32] {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if self.key(mid) < key { lo = mid + 1 } else { hi = mid }
        }
        guard lo < count, self.key(lo) == key else { return [] }
        let from = start(lo), to = start(lo + 1)
        guard from <= to, to <= idCount else { return [] }
        return (from..<to).map { Int32(truncatingIfNeeded: bytes.loadLE(UInt32.self, at: ids + $0 * 4)) }
    }

    /// The table of `byGram` (label ids ascending within each list), as stored.
    static func encode(_ byGram: [UInt64: [UInt32]]) -> [UInt8] {
        let keys = byGram.keys.sorted()
        var out: [UInt8] = []
        var lists: [UInt8] = []
        out.appendLE(UInt32(keys.count))
        var total: UInt32 = 0
        for key in keys {
            out.appendLE(key)
            out.appendLE(total)
            for id in byGram[key] ?? [] { lists.appendLE(id) }
            total += UInt32(byGram[key]?.count ?? 0)
        }
        out.appendLE(UInt64.max)
        out.appendLE(total)
        out.append(contentsOf: lists)
        return out
    }
}
