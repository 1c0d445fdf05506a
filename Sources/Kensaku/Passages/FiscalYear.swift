/// A budget label written in a line: `令和7年度予算額`, `（前年度予算額`, `令和6年度補正予算額`, `要求・要望額`…
struct BudgetLabel: Sendable, Hashable {
    enum Kind: Sendable, Hashable { case budget, request, previousYear, supplementary }
    var kind: Kind
    /// The Reiwa year written in the label (`令和5年度補正` → 5), or nil.
    var year: Int?
}

/// Fiscal years (令和N年度) and the labels that give amounts their role.
enum FiscalYear {
    /// `令和N年度` as the documents write it, with ASCII digits (令和元年度 for N = 1 is kept).
    static func text(_ year: Int) -> String { year == 1 ? "令和元年度" : "令和\(year)年度" }

    /// The label starting at `i`, and where it ends; or, for a bare `令和N年度` that is no
    /// label, nil with the end of the year so that its digits are not read as an amount.
    static func label(in s: [Unicode.Scalar], at i: Int) -> (label: BudgetLabel?, end: Int)? {
        let c = s[i].value
        // `R7補正`, `Ｒ７補正予算`: the short form of 予算のポイント's brackets.
        if c == 0x52 || c == 0xFF32 {
            guard let (year, j) = DocumentContext.year(in: s, at: i, reiwa: false), at(s, j, "補正") else { return nil }
            let k = at(s, j + 2, "予算") ? j + 4 : j + 2
            return (BudgetLabel(kind: .supplementary, year: year), tail(s, k))
        }
        // Every other label starts with 令 (今), 前, 補, 要 or 予.
        guard c == 0x4EE4 || c == 0x4ECA || c == 0x524D || c == 0x88DC || c == 0x8981 || c == 0x4E88 else { return nil }
        if (c == 0x4EE4 || c == 0x4ECA), at(s, i + 1, "和") {  // 令和 (今和: an OCR slip for 令和)
            guard let (year, afterYear) = reiwaYear(s, from: i + 2) else { return nil }
            var j = AmountParser.skipSpaces(s, from: afterYear)
            // 令和4年度第2次補正予算額
            if at(s, j, "第"), j + 2 < s.count, AmountParser.digit(s[j + 1].value) != nil, at(s, j + 2, "次") { j += 3 }
            if at(s, j, "補正") || at(s, j, "補下") {
                // `令和6年度補正予算額` is one label: its 予算額 is not a second one.
                let k = at(s, j + 2, "予算") ? j + 4 : j + 2
                return (BudgetLabel(kind: .supplementary, year: year), tail(s, k))
            }
            if at(s, j, "予算") { return (BudgetLabel(kind: .budget, year: year), tail(s, j + 2)) }
            if at(s, j, "要求") || at(s, j, "要望") { return (BudgetLabel(kind: .request, year: year), tail(s, j + 2)) }
            return (nil, afterYear)
        }
        if c == 0x524D, at(s, i, "前年度"), !(i > 0 && s[i - 1] == "対") {  // 前年度, 前年度予算額
            var j = i + 3
            if at(s, j, "予算") { j = tail(s, j + 2) }
            return (BudgetLabel(kind: .previousYear, year: nil), j)
        }
        if at(s, i, "補正予算") || at(s, i, "補下予算") {
            return (BudgetLabel(kind: .supplementary, year: nil), tail(s, i + 4))
        }
        // `【補正 300億円】`: 補正 alone right before its figure.
        if at(s, i, "補正"), !at(s, i + 2, "後"), AmountParser.skipSpaces(s, from: i + 2) < s.count,
           AmountParser.digit(s[AmountParser.skipSpaces(s, from: i + 2)].value) != nil {
            return (BudgetLabel(kind: .supplementary, year: nil), i + 2)
        }
        if at(s, i, "要求") || at(s, i, "要望額") { return (BudgetLabel(kind: .request, year: nil), tail(s, i + 2)) }
        if at(s, i, "予算額") { return (BudgetLabel(kind: .budget, year: nil), tail(s, i + 2)) }
        return nil
    }

    /// A year written right before a figure (`令和7年度 18億円`, `2025年度 8億円`, `FY2025 5,210億円`):
    /// the Reiwa year and where the mention ends; nil when no year is there or no figure follows.
    static func yearBeforeFigure(_ s: [Unicode.Scalar], at i: Int, to b: Int) -> (year: Int, end: Int)? {
        var year: Int
        var end: Int
        if at(s, i, "FY") || at(s, i, "ＦＹ") {
            // `FY2025`: the western fiscal year DocumentContext reads as `2025年度`.
            var n = 0
            end = i + 2
            while end < b, end - i < 6, let d = AmountParser.digit(s[end].value) { n = n * 10 + d; end += 1 }
            guard end - i == 6, (2019...2099).contains(n), end == b || AmountParser.digit(s[end].value) == nil else { return nil }
            year = n - 2018
        } else {
            guard let (y, e) = DocumentContext.year(in: s, at: i, reiwa: false) else { return nil }
            (year, end) = (y, at(s, e, "年度") ? e + 2 : e)
        }
        let k = AmountParser.skipSpaces(s, from: end)
        guard k < b, AmountParser.digit(s[k].value) != nil,
              let amount = AmountParser.scan(s, at: k), amount.end <= b else { return nil }
        return (year, k)
    }

    /// Past the rest of a label: `額`, `・要望額`, `（案）`.
    private static func tail(_ s: [Unicode.Scalar], _ start: Int) -> Int {
        var j = start
        if at(s, j, "・要望") { j += 3 }
        if at(s, j, "額") { j += 1 }
        if at(s, j, "（案）") || at(s, j, "(案)") { j += 3 }
        return j
    }

    /// The N of `N年度` after 令和 (digits or 元), and the offset past 年度.
    private static func reiwaYear(_ s: [Unicode.Scalar], from start: Int) -> (Int, Int)? {
        var j = start
        var year = 0
        if at(s, j, "元") {
            year = 1
            j += 1
        } else {
            while j < s.count, j - start < 3, let d = AmountParser.digit(s[j].value) {
                year = year * 10 + d
                j += 1
            }
            if j == start { return nil }
        }
        return at(s, j, "年度") ? (year, j + 2) : nil
    }

    /// Whether `word` is written anywhere in `s`, or within `range` of it (the word ending inside the range).
    static func contains(_ s: [Unicode.Scalar], _ word: String, in range: Range<Int>? = nil) -> Bool {
        guard let first = word.unicodeScalars.first else { return true }
        let r = range ?? s.indices
        let last = r.upperBound - word.unicodeScalars.count
        guard last >= r.lowerBound else { return false }
        for i in r.lowerBound...last where s[i] == first && at(s, i, word) { return true }
        return false
    }

    /// Whether `word` is written at offset `i` of `s`.
    @inline(__always)
    static func at(_ s: [Unicode.Scalar], _ i: Int, _ word: String) -> Bool {
        var k = i
        for u in word.unicodeScalars {
            guard k < s.count, s[k] == u else { return false }
            k += 1
        }
        return true
    }
}

/// Gives each amount its role and fiscal year, reading a document's lines in order.
///
/// Labels without an amount yet (`令和7年度予算額 (前年度予算額` on one line, the figures on the
/// next ones) wait in a queue and are taken, in order, by the amounts that follow; a line of
/// plain text empties the queue. See docs/EXTRACTION.md, "Roles and years".
struct RoleResolver {
    /// The document's own year and kind.
    let document: DocumentContext
    private var pending: [BudgetLabel] = []
    private var currentYear: Int?
    /// Whether an amount took a waiting label since the last label came.
    private var consumed = false
    /// The role and year of the last figure that stood for a budget, a request or a 補正: a share
    /// or a `※このほか` figure after it takes the same.
    private var lastMain: (AmountRole, String?)?
    /// The roles given on the current line so far: `X億円（Y億円）Z億円` takes its third figure as
    /// the 補正 even when extraction lost its brackets.
    private var lineRoles: [AmountRole] = []
    /// The year of a programme whose own box states only a 補正 figure (`○ …事業 令和6年度補正予算額
    /// 50億円`): its unit prices are of that year, not the document's. Set by the splitter.
    var supplementaryUnitYear: String?
    /// Whether a label gave a role on the current line.
    private var lineLabelled = false

    init(document: DocumentContext) {
        self.document = document
    }

    private var documentYear: Int? { document.year }

    /// Forgets waiting labels (a line of text came between them and any amount).
    mutating func clear() {
        pending.removeAll(keepingCapacity: true)
        consumed = false
    }

    /// Forgets everything learnt from earlier lines (a new page or block).
    mutating func reset() {
        clear()
        currentYear = nil
        lastMain = nil
        supplementaryUnitYear = nil
    }

    /// A new line begins.
    mutating func startLine() {
        lineRoles.removeAll(keepingCapacity: true)
        lineLabelled = false
    }

    mutating func push(_ label: BudgetLabel) {
        pending.append(label)
        consumed = false
    }

    /// A line of labels only: labels still waiting from an earlier header whose figures were
    /// already taken are stale (`令和7年度予算額 (前年度予算額` / `2,379億円` / `令和6年度補正予算額`).
    mutating func startLabelLine() {
        if consumed { clear() }
    }

    /// The role and year of the next amount, in the given position, with its qualifiers.
    mutating func resolve(_ context: AmountContext, _ q: AmountQualifier = AmountQualifier()) -> (AmountRole, String?) {
        let before = lastMain
        let resolved = resolveInLine(context, q)
        // A 補正 after the line's own budget figure (`50億円（45億円）【補正 120億円】`) is a third
        // figure: a `※このほか…` note after it still takes the budget's role.
        if resolved.0 == .supplementary, lineRoles.contains(where: { $0 == .budget || $0 == .request }) { lastMain = before }
        lineRoles.append(resolved.0)
        return resolved
    }

    private mutating func resolveInLine(_ context: AmountContext, _ q: AmountQualifier) -> (AmountRole, String?) {
        // `令和4年度補正予算額及び令和5年度予算額の合計502億円`: a sum over the labelled years.
        if q.sum, pending.count >= 2 {
            clear()
            return (.other, nil)
        }
        if q.multiYear, pending.isEmpty { return (.other, nil) }
        if q.perUnit || q.arrow != 0 {
            // A unit price or cap belongs to no budget line; before an arrow it is the year before's.
            let year = q.arrow < 0 ? documentYear.map { $0 - 1 } : documentYear
            if !pending.isEmpty && !q.perUnit { return resolveLabel() }
            if q.arrow == 0, let supplementaryUnitYear { return (.other, supplementaryUnitYear) }
            return (.other, year.map(FiscalYear.text))
        }
        if !pending.isEmpty { return resolveLabel() }
        if q.signed { return (.change, documentYear.map(FiscalYear.text)) }
        // A third figure after `X億円（Y億円）` on one line is the 補正, with or without its 【】.
        if context == .figure || context == .firstInParen, lineRoles.count == 2, !lineLabelled, lineRoles[1] == .previousYear,
           lineRoles[0] == .budget || lineRoles[0] == .request {
            return main(.supplementary, documentYear.map { FiscalYear.text($0 - 1) })
        }
        switch context {
        case .attribute:
            // `配分対象経費:1,000億円`: an attribute of the programme, for the document's year.
            return (.other, documentYear.map(FiscalYear.text))
        case .share, .inAddition:
            if let lastMain { return lastMain }
            // A share before any main figure is a part of the document's own budget line.
            if let role = document.role { return (role, documentYear.map(FiscalYear.text)) }
            return (.other, documentYear.map(FiscalYear.text))
        case .firstInParen, .closesParen:
            return (.previousYear, previousYear().map(FiscalYear.text))
        case .firstInSquare, .closesSquare:
            return main(.supplementary, documentYear.map { FiscalYear.text($0 - 1) })
        case .figure:
            guard let role = document.role else { return (.other, nil) }
            currentYear = documentYear
            return main(role, documentYear.map(FiscalYear.text))
        case .loose:
            // A figure quoted in text: its year is not stated.
            return (.other, nil)
        }
    }

    private mutating func main(_ role: AmountRole, _ year: String?) -> (AmountRole, String?) {
        lastMain = (role, year)
        return (role, year)
    }

    private mutating func resolveLabel() -> (AmountRole, String?) {
        consumed = true
        lineLabelled = true
        let label = pending.removeFirst()
        switch label.kind {
        case .budget, .request:
            let year = label.year ?? documentYear
            if let year, let documentYear, year < documentYear, label.kind == .budget {
                return (.previousYear, FiscalYear.text(year))
            }
            currentYear = year
            return main(label.kind == .budget ? .budget : .request, year.map(FiscalYear.text))
        case .previousYear:
            return (.previousYear, previousYear().map(FiscalYear.text))
        case .supplementary:
            // Without its year: the year before the document's, unless the document is the 補正 itself.
            let year = label.year ?? (document.kind == .supplementary ? documentYear : documentYear.map { $0 - 1 })
            return main(.supplementary, year.map(FiscalYear.text))
        }
    }

    private func previousYear() -> Int? { (currentYear ?? documentYear).map { $0 - 1 } }
}
