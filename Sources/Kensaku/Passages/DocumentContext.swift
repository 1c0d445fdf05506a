/// What a document says about itself: its fiscal year(s) and its kind (see docs/EXTRACTION.md,
/// "Document context"). Read from the title lines and the column headings of its tables.
struct DocumentContext: Sendable, Hashable {
    /// The main fiscal year (Reiwa N), or nil.
    var year: Int?
    /// Every fiscal year the title and column headings name, the main one first.
    var years: [Int] = []
    /// The kind, from the title's words.
    var kind: DocumentKind?
    /// Whether the era is known to be Reiwa, so that a bare `８年度` means 令和8年度.
    var reiwa = false

    /// The role a figure standing for the document's own year has.
    var role: AmountRole? {
        switch kind {
        case .request: .request
        case .supplementary: .supplementary
        case .budget, .budgetProposal, .budgetBook: .budget
        case nil: year == nil ? nil : .budget
        }
    }

    /// How many non-empty lines at the top count as the title block.
    static let titleLines = 12

    /// The context of a document given as scanned lines.
    static func read(_ lines: [[Unicode.Scalar]]) -> DocumentContext {
        var context = DocumentContext()
        context.reiwa = lines.prefix(400).contains { FiscalYear.contains($0, "令和") || FiscalYear.contains($0, "今和") }
        var seen = 0
        var fallback: Int?
        var supplementary: Int?
        var named: [Int] = []
        for line in lines {
            guard line.contains(where: { !Analyzer.isWhitespace($0.value) }) else { continue }
            seen += 1
            if seen > titleLines { break }
            // Each year with the words after it, up to the next year: `令和6年度補正予算および 令和7年度予算`.
            let found = yearSpans(in: line, reiwa: context.reiwa)
            for (k, span) in found.enumerated() {
                if !named.contains(span.year) { named.append(span.year) }
                let end = k + 1 < found.count ? found[k + 1].start : line.count
                guard let kind = kindNamed(in: Array(line[span.end..<end])) else { continue }
                if kind == .supplementary {
                    if supplementary == nil { supplementary = span.year }
                } else if context.year == nil {
                    context.year = span.year
                    context.kind = kind
                }
            }
            if context.kind == nil, found.isEmpty, let kind = kindNamed(in: line), kind != .supplementary { context.kind = kind }
            if fallback == nil { fallback = found.first?.year }
        }
        if context.year == nil, let supplementary {
            context.year = supplementary
            context.kind = .supplementary
        }
        if context.year == nil { context.year = fallback }
        if let y = context.year { context.years = [y] + named.filter { $0 != y } }
        return context
    }

    /// Adds a year named by a column heading.
    mutating func note(year: Int) {
        if !years.contains(year) { years.append(year) }
        if self.year == nil { self.year = year; years = [year] + years.filter { $0 != year } }
    }

    /// The kind a line's words name: 概算要求 or 要求・要望 → request; 補正予算 → supplementary;
    /// 予算書 or 一般会計/特別会計予算 → budget book; 予算案, 予算額（案） → proposal; 予算 → budget.
    static func kindNamed(in s: [Unicode.Scalar]) -> DocumentKind? {
        if FiscalYear.contains(s, "概算要求") || FiscalYear.contains(s, "要求・要望") || FiscalYear.contains(s, "要求額") {
            return .request
        }
        if FiscalYear.contains(s, "補正予算") { return .supplementary }
        if FiscalYear.contains(s, "予算書") || FiscalYear.contains(s, "会計予算") { return .budgetBook }
        if FiscalYear.contains(s, "予算案") || FiscalYear.contains(s, "予算額（案）") || FiscalYear.contains(s, "予算額(案)") {
            return .budgetProposal
        }
        if FiscalYear.contains(s, "予算") { return .budget }
        return nil
    }

    /// The Reiwa years a line names, in order: 令和N年度 (N in ASCII or full-width digits, or 元),
    /// RN / Ｒ８, 20XX年度 (2019 = 令和元年), and a bare N年度 when the era is Reiwa.
    static func yearsNamed(in s: [Unicode.Scalar], reiwa: Bool) -> [Int] {
        yearSpans(in: s, reiwa: reiwa).map(\.year)
    }

    /// The years a line names with where each is written.
    static func yearSpans(in s: [Unicode.Scalar], reiwa: Bool) -> [(year: Int, start: Int, end: Int)] {
        var years: [(year: Int, start: Int, end: Int)] = []
        var i = 0
        while i < s.count {
            if let (year, end) = year(in: s, at: i, reiwa: reiwa) {
                // A date (令和7年4月16日) names a day, not a fiscal year.
                var k = end
                while k < s.count, s[k] == "年" || s[k] == "度" { k += 1 }
                let isDate = k < s.count && AmountParser.digit(s[k].value) != nil && !FiscalYear.at(s, end, "年度")
                if !isDate { years.append((year, i, end)) }
                i = end
            } else {
                i += 1
            }
        }
        return years
    }

    /// The Reiwa year written at `i`, and where it ends.
    static func year(in s: [Unicode.Scalar], at i: Int, reiwa: Bool) -> (Int, Int)? {
        let c = s[i].value
        if (c == 0x4EE4 || c == 0x4ECA), FiscalYear.at(s, i + 1, "和") {  // 令和, 今和
            var j = AmountParser.skipSpaces(s, from: i + 2)
            if FiscalYear.at(s, j, "元") { j += 1; return FiscalYear.at(s, j, "年") ? (1, j + 1) : nil }
            let (n, end) = digits(s, from: j)
            guard let n, (1...99).contains(n), FiscalYear.at(s, AmountParser.skipSpaces(s, from: end), "年") else { return nil }
            return (n, end)
        }
        if c == 0x52 || c == 0xFF32 {  // R8, Ｒ８ (not inside a Latin word)
            if i > 0, ProgrammeFinder.isLatin(s[i - 1].value) { return nil }
            let (n, end) = digits(s, from: i + 1)
            guard let n, (1...99).contains(n), end == s.count || !ProgrammeFinder.isLatin(s[end].value) else { return nil }
            if end < s.count, AmountParser.digit(s[end].value) != nil || s[end] == "." { return nil }
            return (n, end)
        }
        guard AmountParser.digit(c) != nil, i == 0 || AmountParser.digit(s[i - 1].value) == nil else { return nil }
        let (n, end) = digits(s, from: i)
        guard let n, FiscalYear.at(s, end, "年度") || (FiscalYear.at(s, end, "年") && !FiscalYear.at(s, end + 1, "間")) else { return nil }
        if (2019...2099).contains(n) { return FiscalYear.at(s, end, "年度") ? (n - 2018, end) : nil }
        // A bare `８年度` means 令和8年度 once the document is known to count in Reiwa.
        if reiwa, FiscalYear.at(s, end, "年度"), (1...40).contains(n) { return (n, end) }
        return nil
    }

    private static func digits(_ s: [Unicode.Scalar], from start: Int) -> (Int?, Int) {
        var j = start
        var n = 0
        while j < s.count, j - start < 4, let d = AmountParser.digit(s[j].value) {
            n = n * 10 + d
            j += 1
        }
        return (j == start ? nil : n, j)
    }
}
