/// Runs of digits and of Latin letters in a character stream, and the rules of an unquoted term
/// at their edges and at spaces (docs/QUERY.md, "Numbers, Latin words and spaces").
///
/// A run is a maximal sequence of one class, digits (0–9) or Latin letters (a–z and the Latin-1
/// and Latin Extended-A/B letters), with no whitespace inside; `,` and `.` between two digits
/// belong to the digit run (3,631 and 1.5 are one run each). Letters and digits are different
/// classes, so `AI2` holds the runs `ai` and `2`.
public enum RunEdges {
    /// 1 for a digit, 2 for a Latin letter, 0 otherwise (on folded, lower-case scalars).
    @inline(__always)
    static func runClass(_ c: UInt32) -> UInt8 {
        if c >= 0x30 && c <= 0x39 { return 1 }
        if (c >= 0x61 && c <= 0x7A) || (c >= 0xDF && c <= 0x24F && c != 0xF7) { return 2 }
        return 0
    }

    /// Whether position `i` continues the run of position `i - 1`.
    @inline(__always)
    static func continues(_ s: [UInt32], _ gap: [UInt8], _ i: Int) -> Bool {
        guard i > 0, i < s.count, gap[i] == 0 else { return false }
        let c = runClass(s[i])
        if c != 0 { 
            if runClass(s[i - 1]) == c { return true }
            // A digit after `,` or `.` after a digit.
            return c == 1 && i >= 2 && (s[i - 1] == 0x2C || s[i - 1] == 0x2E) && gap[i - 1] == 0 && runClass(s[i - 2]) == 1
        }
        // `,` or `.` between two digits.
        return (s[i] == 0x2C || s[i] == 0x2E) && runClass(s[i - 1]) == 1 && i + 1 < s.count && gap[i + 1] == 0
            && runClass(s[i + 1]) == 1
    }

    /// Calls `body(position, isStart)` for every run start and run end of `s`, in order.
    static func forEach(in s: [UInt32], gapBefore gap: [UInt8], _ body: (Int, Bool) -> Void) {
        for i in s.indices where runClass(s[i]) != 0 {
            if !continues(s, gap, i) { body(i, true) }
            if !continues(s, gap, i + 1) { body(i, false) }
        }
    }

    /// Which edges a term's surface must sit on: (first character starts a run, last ends one).
    static func required(_ surface: [UInt32]) -> (start: Bool, end: Bool) {
        guard let first = surface.first, let last = surface.last else { return (false, false) }
        return (runClass(first) != 0, runClass(last) != 0)
    }

    /// Whether the unquoted term `surface` may match `s` at `start`: no space within the match,
    /// and run edges where the surface begins or ends with a digit or letter. `gap` may be empty
    /// (a label: no whitespace information).
    static func accepts(_ surface: [UInt32], in s: [UInt32], gapBefore gap: [UInt8], at start: Int) -> Bool {
        let end = start + surface.count
        if !gap.isEmpty {
            for k in (start + 1)..<max(start + 1, end) where gap[k] == 1 { return false }
        }
        let g = gap.isEmpty ? [UInt8](repeating: 0, count: s.count) : gap
        let need = required(surface)
        if need.start && continues(s, g, start) { return false }
        if need.end && continues(s, g, end) { return false }
        return true
    }
}
