import Foundation

/// When a query must stop: its time budget from the start of the search. Checked cooperatively
/// in the loops whose cost grows with the postings (phrase intersection, verification, ranking).
struct Deadline: Sendable {
    /// Uptime in ns after which the query stops, or `UInt64.max` for none.
    let at: UInt64
    let budgetMilliseconds: Int

    static let none = Deadline(at: .max, budgetMilliseconds: 0)

    /// A deadline `milliseconds` from now (nil or ≤ 0: none).
    init(milliseconds: Int?) {
        guard let milliseconds, milliseconds > 0 else { self = .none; return }
        at = DispatchTime.now().uptimeNanoseconds &+ UInt64(milliseconds) * 1_000_000
        budgetMilliseconds = milliseconds
    }

    private init(at: UInt64, budgetMilliseconds: Int) {
        self.at = at
        self.budgetMilliseconds = budgetMilliseconds
    }

    /// Throws ``KensakuError/tooCostly(_:)`` once the budget is spent.
    @inline(__always)
    func check() throws {
        guard at != .max, DispatchTime.now().uptimeNanoseconds > at else { return }
        throw KensakuError.tooCostly("the query took more than its budget of \(budgetMilliseconds) ms: "
            + "narrow it (fewer or longer terms, a filter) or retry later")
    }
}
