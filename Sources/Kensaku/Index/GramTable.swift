/// An open-addressing hash map from gram keys to slots, for the indexer's hottest loop: one
/// lookup per character of the corpus. Swift's Dictionary hashes with a seeded SipHash; a
/// multiplicative hash and linear probing are several times faster for these integer keys.
struct GramTable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 1 << 12) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func hash(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20)
    }

    /// The slot of `key`, or nil.
    @inline(__always)
    func value(for key: UInt64) -> Int32? {
        var i = GramTable.hash(key) & mask
        while values[i] >= 0 {
            if keys[i] == key { return values[i] }
            i = (i + 1) & mask
        }
        return nil
    }

    /// The slot of `key`, inserting `make()` when absent.
    @inline(__always)
    mutating func value(for key: UInt64, orInsert make: () -> Int32) -> Int32 {
        var i = GramTable.hash(key) & mask
        while values[i] >= 0 {
            if keys[i] == key { return values[i] }
            i = (i + 1) & mask
        }
        let value = make()
        keys[i] = key
        values[i] = value
        count += 1
        if count * 2 > mask { grow() }
        return value
    }

    private mutating func grow() {
        let old = zip(keys, values).filter { $0.1 >= 0 }
        let size = (mask + 1) * 2
        keys = [UInt64](repeating: 0, count: size)
        values = [Int32](repeating: -1, count: size)
        mask = size - 1
        for (key, value) in old {
            var i = GramTable.hash(key) & mask
            while values[i] >= 0 { i = (i + 1) & mask }
            keys[i] = key
            values[i] = value
        }
    }

    /// Every (key, slot) pair.
    var pairs: [(key: UInt64, value: Int32)] {
        zip(keys, values).filter { $0.1 >= 0 }.map { (key: $0.0, value: $0.1) }
    }
}
