/// An amount found in a line: where it is and what it is worth.
struct ScannedAmount: Sendable, Hashable {
    /// Scalar offsets of the amount in the line, `[start, end)`, `の内数` included.
    var start: Int
    var end: Int
    /// The amount as written (e.g. `1兆784億円`, `3~4千万円`, `177億円の内数`).
    var text: String
    /// The value in yen (a range gives its lower bound; ▲, △ or − before it make it negative).
    var yen: Int64
    /// A range's upper bound in yen (`1.5～5億円`, `5,000万円～2億円`), else nil.
    var yenMax: Int64? = nil
    /// Written `…の内数`, directly or after a bracketed name (`74億円(DXハイスクール事業)の内数`).
    var includedIn = false
    /// Where `(…)の内数` after the amount ends (its bracketed name stays outside `text`), else nil.
    var includedInEnd: Int? = nil
    /// Digit groups that OCR spaced apart (`13, 345, 799千円`) were read as one number.
    var repaired = false
    /// Written with a sign (`+3億円`, `▲2,736億円`): a change against the previous year.
    var signed = false
}

/// Parses amounts of yen written the way the budget documents write them.
///
/// An amount is a number (ASCII or full-width digits, thousands commas, a decimal point)
/// followed by 兆円, 億円, 千万円, 百万円, 千円 or 万円. `1兆784億円` is one amount; a range
/// `3~4千万円` is one amount worth its lower bound; a trailing `の内数` is kept in the text.
public enum AmountParser {
    /// The value in yen of `text` when the whole of it is one amount, else nil.
    ///
    /// `"100億円"` → 10_000_000_000, `"5000百万円"` → 5_000_000_000, `"1兆784億円"`,
    /// `"1.5億円"`, `"1,133百万円"`, `"１２億円"`; the final 円 may be left out (`100億`).
    public static func yen(of text: String) -> Int64? {
        var scalars = Array(text.unicodeScalars)
        while let first = scalars.first, isSpace(first.value) { scalars.removeFirst() }
        while let last = scalars.last, isSpace(last.value) { scalars.removeLast() }
        if let last = scalars.last, unitValue(last.value) != nil { scalars.append("円") }
        let start = scalars.first.map { isMinus($0.value) } == true ? 1 : 0  // `▲2,736億円`
        guard let amount = scan(scalars, at: start), amount.start == 0, amount.end == scalars.count else { return nil }
        return amount.yen
    }

    /// Every amount of `text`, in order.
    public static func amounts(in text: String) -> [(text: String, yen: Int64)] {
        amounts(in: Array(text.unicodeScalars)).map { ($0.text, $0.yen) }
    }

    /// Every amount of a line given as scalars, in order.
    static func amounts(in scalars: [Unicode.Scalar]) -> [ScannedAmount] {
        var result: [ScannedAmount] = []
        var i = 0
        while i < scalars.count {
            guard digit(scalars[i].value) != nil || startsOCRNumber(scalars, i) else { i += 1; continue }
            if let amount = scan(scalars, at: i) {
                result.append(amount)
                i = amount.end
            } else {
                i = skipNumber(scalars, from: i)
            }
        }
        return result
    }

    /// The amount starting at `start` (which must be a digit), or nil.
    static func scan(_ s: [Unicode.Scalar], at start: Int) -> ScannedAmount? {
        guard var amount = scanUnsigned(s, at: start) else { return nil }
        // `5,000万円～2億円`: a range whose bounds each have a unit.
        if amount.yenMax == nil, !amount.includedIn, amount.end < s.count, isTilde(s[amount.end].value),
           amount.end + 1 < s.count, digit(s[amount.end + 1].value) != nil,
           let upper = scanUnsigned(s, at: amount.end + 1), upper.yen >= amount.yen {
            amount.yenMax = upper.yen
            amount.end = upper.end
            amount.includedIn = upper.includedIn
            amount.repaired = amount.repaired || upper.repaired
            var text = String.UnicodeScalarView()
            text.append(contentsOf: s[amount.start..<amount.end])
            amount.text = String(text)
        }
        // ▲, △ or − just before the figure: a decrease (`▲2,736億円`).
        if start > 0, s[start - 1] == "+" || s[start - 1] == "＋" {
            amount.signed = true
        }
        if start > 0, isMinus(s[start - 1].value) {
            amount.signed = true
            amount.start = start - 1
            amount.yen = -amount.yen
            amount.yenMax = amount.yenMax.map { -$0 }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: s[amount.start..<amount.end])
            amount.text = String(text)
        }
        return amount
    }

    /// ▲, △ or − (U+2212): the signs budget tables put before a decrease.
    @inline(__always)
    static func isMinus(_ c: UInt32) -> Bool { c == 0x25B2 || c == 0x25B3 || c == 0x2212 }

    private static func scanUnsigned(_ s: [Unicode.Scalar], at start: Int) -> ScannedAmount? {
        guard let first = number(s, from: start) else { return nil }
        var i = skipSpaces(s, from: first.end)
        var total: Int64 = 0
        var lowerOfRange: Number?
        var upperOfRange: Number?
        // A range: `3~4千万円`, worth its lower bound.
        if i < s.count, isTilde(s[i].value), let upper = number(s, from: i + 1) {
            let j = skipSpaces(s, from: upper.end)
            if unitAt(s, j) != nil {
                lowerOfRange = first
                upperOfRange = upper
                i = j
            }
        }
        var yenMax: Int64?
        // The unit, and for 兆/億 a compound tail (1兆784億円).
        var current = lowerOfRange ?? first
        while true {
            if i < s.count, s[i].value == 0x5146 /* 兆 */ || s[i].value == 0x5104 /* 億 */,
               !(i + 1 < s.count && s[i + 1].value == 0x5186 /* 円 */) {
                // 兆 or 億 not followed by 円: a compound needs a smaller part next.
                let big: Int64 = s[i].value == 0x5146 ? 1_000_000_000_000 : 100_000_000
                guard let part = current.value(times: big), let next = number(s, from: skipSpaces(s, from: i + 1)) else { return nil }
                let j = skipSpaces(s, from: next.end)
                guard let (unit, _) = unitAt(s, j), unit < big else { return nil }
                let (sum, overflow) = total.addingReportingOverflow(part)
                if overflow { return nil }
                total = sum
                current = next
                i = j
                continue
            }
            guard let (unit, length) = unitAt(s, i) else { return nil }
            // `17.031百万円`: OCR read a thousands comma as a point (a fraction of 千円 or 百万円
            // with exactly three digits is not how budgets are written).
            if (unit == 1_000 || unit == 1_000_000), current.fractionDigits == 3, lowerOfRange == nil {
                current = Number(integer: current.integer * 1000 + current.fraction, fraction: 0, fractionDigits: 0,
                                 end: current.end, repaired: true)
            }
            guard let value = current.value(times: unit) else { return nil }
            let (sum, overflow) = total.addingReportingOverflow(value)
            if overflow { return nil }
            total = sum
            if let upperOfRange, let upper = upperOfRange.value(times: unit), upper >= value { yenMax = upper }
            i += length
            break
        }
        // `の内数` stays in the text.
        var included = false
        var includedInEnd: Int?
        if i + 3 <= s.count, s[i] == "の", s[i + 1] == "内", s[i + 2] == "数" {
            i += 3
            included = true
        } else if i < s.count, s[i] == "(" || s[i] == "（",
                  let close = s[i..<min(s.count, i + 40)].firstIndex(where: { $0 == ")" || $0 == "）" }),
                  close + 4 <= s.count, s[close + 1] == "の", s[close + 2] == "内", s[close + 3] == "数" {
            // `74億円(DXハイスクール事業)の内数`: the name of what it is included in stays outside the text.
            included = true
            includedInEnd = close + 4
        }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: s[start..<i])
        return ScannedAmount(start: start, end: i, text: String(text), yen: total, yenMax: yenMax, includedIn: included, includedInEnd: includedInEnd,
                             repaired: first.repaired || (upperOfRange?.repaired ?? false))
    }

    /// A number: digits with thousands commas and at most one decimal point.
    struct Number {
        var integer: Int64
        var fraction: Int64
        var fractionDigits: Int
        var end: Int
        /// Digit groups spaced apart by OCR were joined.
        var repaired = false

        /// The number times `unit`, or nil on overflow.
        func value(times unit: Int64) -> Int64? {
            let (whole, o1) = integer.multipliedReportingOverflow(by: unit)
            if o1 { return nil }
            var scale: Int64 = 1
            for _ in 0..<fractionDigits { scale *= 10 }
            let (part, o2) = fraction.multipliedReportingOverflow(by: unit)
            if o2 { return nil }
            let (sum, o3) = whole.addingReportingOverflow(part / scale)
            return o3 ? nil : sum
        }
    }

    /// The number starting at `start`, or nil when no digit is there.
    static func number(_ s: [Unicode.Scalar], from start: Int) -> Number? {
        guard start < s.count, let d0 = digit(s[start].value) ?? (startsOCRNumber(s, start) ? ocrDigit(s[start].value) : nil) else { return nil }
        var integer = Int64(d0)
        var fraction: Int64 = 0
        var fractionDigits = 0
        var inFraction = false
        var repaired = digit(s[start].value) == nil
        var i = start + 1
        while i < s.count {
            var c = s[i].value
            // OCR's l, I, O or o among the digits of a number (`2,l00百万円`, `2l億円`) is the digit it looks like.
            if let d = ocrDigit(c), digit(s[i - 1].value) != nil || isComma(s[i - 1].value),
               i + 1 == s.count || digit(s[i + 1].value) != nil || isComma(s[i + 1].value) || ocrDigit(s[i + 1].value) != nil
                || unitAt(s, i + 1) != nil || unitValue(s[i + 1].value) != nil {
                c = UInt32(0x30 + d)
                repaired = true
            }
            if c == 0xFF64, !inFraction, i + 3 < s.count, (1...3).allSatisfy({ digit(s[i + $0].value) != nil }),
               i + 4 == s.count || digit(s[i + 4].value) == nil, groupedSoFar(s, from: start, to: i) {
                i += 1  // `1､100百万円`: OCR's half-width 、 for a thousands comma
                repaired = true
                continue
            }
            if let d = digit(c) {
                if inFraction {
                    if fractionDigits < 6 { fraction = fraction * 10 + Int64(d); fractionDigits += 1 }
                } else {
                    let (m, o1) = integer.multipliedReportingOverflow(by: 10)
                    let (a, o2) = m.addingReportingOverflow(Int64(d))
                    if o1 || o2 { return nil }
                    integer = a
                }
                i += 1
            } else if (c == 0x2C || c == 0xFF0C), !inFraction, i + 1 < s.count, digit(s[i + 1].value) != nil
                        || (i + 2 < s.count && ocrDigit(s[i + 1].value) != nil && (digit(s[i + 2].value) != nil || ocrDigit(s[i + 2].value) != nil)) {
                i += 1  // thousands comma
            } else if (c == 0x2C || c == 0xFF0C), !inFraction, i + 4 < s.count, s[i + 1] == " ",
                      (2...4).allSatisfy({ digit(s[i + $0].value) != nil }), i + 5 == s.count || digit(s[i + 5].value) == nil,
                      groupedSoFar(s, from: start, to: i) {
                // OCR spacing: `13, 345, 799千円` is one number when each group has three digits.
                i += 2
                repaired = true
            } else if (c == 0x2E || c == 0xFF0E), !inFraction, i + 1 < s.count, digit(s[i + 1].value) != nil {
                inFraction = true
                i += 1
            } else {
                break
            }
        }
        return Number(integer: integer, fraction: fraction, fractionDigits: fractionDigits, end: i, repaired: repaired)
    }

    /// The digit an OCR slip stands for: l and I for 1, O and o for 0.
    static func ocrDigit(_ c: UInt32) -> Int? {
        switch c {
        case 0x6C, 0x49: 1
        case 0x4F, 0x6F: 0
        default: nil
        }
    }

    private static func isComma(_ c: UInt32) -> Bool { c == 0x2C || c == 0xFF0C }

    /// Whether an OCR slip starts a number at `i` (`l,O29億円`): l, I, O or o, not inside a Latin
    /// word, followed by a digit or a comma and a digit or slip.
    static func startsOCRNumber(_ s: [Unicode.Scalar], _ i: Int) -> Bool {
        guard i < s.count, ocrDigit(s[i].value) != nil, i == 0 || !ProgrammeFinder.isLatin(s[i - 1].value), i + 1 < s.count else { return false }
        let next = s[i + 1].value
        if digit(next) != nil { return true }
        return isComma(next) && i + 2 < s.count && (digit(s[i + 2].value) != nil || ocrDigit(s[i + 2].value) != nil)
    }

    /// Whether the digits in `s[start..<end]` are grouped as thousands: 1–3 digits, then groups of three.
    private static func groupedSoFar(_ s: [Unicode.Scalar], from start: Int, to end: Int) -> Bool {
        var run = 0
        var first = true
        for k in start..<end {
            if digit(s[k].value) != nil { run += 1; continue }
            if s[k] == " " { continue }
            if first ? !(1...3).contains(run) : run != 3 { return false }
            first = false
            run = 0
        }
        return first ? (1...3).contains(run) : run == 3
    }

    /// The unit at `i` (including 円) as a multiplier and its length in scalars.
    static func unitAt(_ s: [Unicode.Scalar], _ i: Int) -> (Int64, Int)? {
        guard i < s.count else { return nil }
        func yen(_ k: Int) -> Bool { k < s.count && s[k].value == 0x5186 }
        switch s[i].value {
        case 0x5146: return yen(i + 1) ? (1_000_000_000_000, 2) : nil  // 兆円
        case 0x5104: return yen(i + 1) ? (100_000_000, 2) : nil        // 億円
        case 0x5343:                                                   // 千
            if i + 1 < s.count, s[i + 1].value == 0x4E07, yen(i + 2) { return (10_000_000, 3) }  // 千万円
            return yen(i + 1) ? (1_000, 2) : nil                        // 千円
        case 0x767E:                                                   // 百万円
            return i + 1 < s.count && s[i + 1].value == 0x4E07 && yen(i + 2) ? (1_000_000, 3) : nil
        case 0x4E07: return yen(i + 1) ? (10_000, 2) : nil             // 万円
        default: return nil
        }
    }

    /// Whether `c` begins a unit (used to accept `100億` without 円).
    static func unitValue(_ c: UInt32) -> Int64? {
        switch c {
        case 0x5146: 1_000_000_000_000
        case 0x5104: 100_000_000
        case 0x4E07: 10_000
        default: nil
        }
    }

    /// The value of an ASCII or full-width digit.
    @inline(__always)
    static func digit(_ c: UInt32) -> Int? {
        if c >= 0x30 && c <= 0x39 { return Int(c - 0x30) }
        if c >= 0xFF10 && c <= 0xFF19 { return Int(c - 0xFF10) }
        return nil
    }

    @inline(__always)
    static func isTilde(_ c: UInt32) -> Bool { c == 0x7E || c == 0xFF5E || c == 0x301C }

    @inline(__always)
    static func isSpace(_ c: UInt32) -> Bool { c == 0x20 || c == 0x3000 || c == 0x09 }

    static func skipSpaces(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        while i < s.count, s[i].value == 0x20 || s[i].value == 0x3000 { i += 1 }
        return i
    }

    /// Past a run of digits, commas and points that is not an amount.
    static func skipNumber(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        while i < s.count {
            let c = s[i].value
            if digit(c) != nil || c == 0x2C || c == 0xFF0C || c == 0x2E || c == 0xFF0E { i += 1 } else { break }
        }
        return max(i, start + 1)
    }
}
