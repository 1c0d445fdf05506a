import CICU

/// ICU word breaking (UBRK_WORD, locale ja): words only, spaces and punctuation dropped.
///
/// Owns an ICU break iterator, which is not thread-safe: use one breaker per thread.
public final class WordBreaker {
    private let handle: OpaquePointer?

    /// Opens an ICU word breaker for Japanese.
    public init() {
        handle = kensaku_wordbreaker_open()
    }

    deinit { kensaku_wordbreaker_close(handle) }

    /// The ranges (in UTF-16 units) of the words of `units`.
    public func words(_ units: [UInt16]) -> [Range<Int>] {
        guard let handle, !units.isEmpty else { return [] }
        var capacity = units.count / 2 + 8
        while true {
            var starts = [Int32](repeating: 0, count: capacity)
            var ends = [Int32](repeating: 0, count: capacity)
            let n = units.withUnsafeBufferPointer { text in
                starts.withUnsafeMutableBufferPointer { s in
                    ends.withUnsafeMutableBufferPointer { e in
                        kensaku_wordbreaker_words(handle, text.baseAddress, Int32(text.count),
                                                  s.baseAddress, e.baseAddress, Int32(capacity))
                    }
                }
            }
            if n < 0 { return [] }
            if Int(n) > capacity { capacity = Int(n); continue }
            return (0..<Int(n)).map { Int(starts[$0])..<Int(ends[$0]) }
        }
    }

    /// Counts all ICU word boundaries of `units`: the raw cost of ICU, the benchmark's limit.
    public func countBoundaries(_ units: [UInt16]) -> Int {
        guard let handle else { return 0 }
        return units.withUnsafeBufferPointer { Int(kensaku_wordbreaker_count(handle, $0.baseAddress, Int32($0.count))) }
    }
}
