import Foundation

/// The budget of one search: a time limit from its start and a cap on the postings it decodes.
/// Checked cooperatively in the loops whose cost grows with the postings (phrase intersection,
/// verification, ranking). One per search, used by that search's thread only.
final class Deadline: @unchecked Sendable {
    /// Uptime in ns after which the query stops, or `UInt64.max` for none.
    let at: UInt64
    let budgetMilliseconds: Int
    /// The most postings entries (doc ids and positions, 4 bytes each) one search may decode:
    /// 32 Mi entries, 128 MiB. The ×50 corpus's most common bigram holds about 1 Mi.
    static let maxDecodedEntries = 32 << 20
    let maxDecoded: Int
    private(set) var decoded = 0

    /// No limit on time; the memory cap still holds.
    static var none: Deadline { Deadline(milliseconds: nil) }

    /// A deadline `milliseconds` from now (nil or ≤ 0: no time limit).
    init(milliseconds: Int?, maxDecoded: Int = Deadline.maxDecodedEntries) {
        self.maxDecoded = maxDecoded
        if let milliseconds, milliseconds > 0 {
            at = DispatchTime.now().uptimeNanoseconds &+ UInt64(milliseconds) * 1_000_000
            budgetMilliseconds = milliseconds
        } else {
            at = .max
            budgetMilliseconds = 0
        }
    }

    /// Throws ``KensakuError/tooCostly(_:)`` once the time budget is spent.
    @inline(__always)
    func check() throws {
        guard at != .max, DispatchTime.now().uptimeNanoseconds > at else { return }
        throw KensakuError.tooCostly("the query took more than its budget of \(budgetMilliseconds) ms: "
            + "narrow it (fewer or longer terms, a filter) or retry later")
    }

    /// Counts a decoded postings list against the memory cap; throws ``KensakuError/tooCostly(_:)`` past it.
    func charge(_ list: PostingList) throws {
        decoded += list.docs.count + list.positions.count
        guard decoded <= maxDecoded else {
            throw KensakuError.tooCostly("the query needs more than \(maxDecoded * 4 >> 20) MiB of postings: "
                + "narrow it (fewer or longer terms, a filter)")
        }
    }
}
