/// One figure of a table: a bare number under a column, in the table's unit.
struct TableCell: Sendable, Hashable {
    /// The cell as written (`12,345`, `△123`).
    var text: String
    var yen: Int64
    var role: AmountRole
    /// Reiwa year, or nil.
    var year: Int?
    /// The row's name (nil for 合計 and other total rows), and the line it starts on (0-based).
    var rowName: String?
    var rowLine: Int
}

/// What the table reader found in a document.
struct TableLayout: Sendable {
    /// Figures by 0-based line.
    var cells: [Int: [TableCell]] = [:]
    /// Lines that start a table row (0-based), with the row's name or nil for a total.
    var rowStarts: [Int: String?] = [:]
    /// Lines that belong to a table (header, headings, rows).
    var tableLines: Set<Int> = []
    /// The number of tables found.
    var tables = 0
}

/// Reads budget tables: a unit header (`（単位：百万円）`, `単位:千円`, `(億円)`), column headings
/// (前年度予算額 / 令和８年度予算額 / 比較増△減額 / 補正後 / `７年度 当初`), then rows of a name and
/// bare numbers, aligned by runs of spaces or written one cell per line. See docs/EXTRACTION.md, "Tables".
enum TableReader {
    /// What a column holds.
    enum Column: Sendable, Hashable {
        case amount(AmountRole, Int?)
        /// A ratio or a percentage (対前年度比, 伸率): no amount.
        case ratio
    }

    /// The multiplier of a unit header on this line, if it is one.
    static func unitHeader(_ s: [Unicode.Scalar]) -> Int64? {
        let text = s.filter { !Analyzer.isWhitespace($0.value) }
        guard text.count <= 40 else { return nil }
        let units: [(String, Int64)] = [("百万円", 1_000_000), ("千万円", 10_000_000), ("千円", 1_000), ("億円", 100_000_000),
                                        ("万円", 10_000), ("円", 1)]
        if let k = firstIndex(text, "単位") {
            var j = k + 2
            while j < text.count, text[j] == "：" || text[j] == ":" || text[j] == "　" { j += 1 }
            for (u, v) in units where FiscalYear.at(text, j, u) { return v }
            return nil
        }
        // `(億円)` or `（百万円）` standing alone, or at the end of a heading line.
        for (u, v) in units {
            for open in ["(", "（"] {
                let close = open == "(" ? ")" : "）"
                let word = open + u + close
                if let k = firstIndex(text, word), k + word.unicodeScalars.count == text.count { return v }
            }
        }
        return nil
    }

    private static func firstIndex(_ s: [Unicode.Scalar], _ word: String) -> Int? {
        guard let f = word.unicodeScalars.first else { return nil }
        for i in s.indices where s[i] == f && FiscalYear.at(s, i, word) { return i }
        return nil
    }

    /// Cells of a line split at runs of two or more spaces, a tab or an ideographic space.
    static func cells(_ s: [Unicode.Scalar]) -> [(text: [Unicode.Scalar], start: Int)] {
        var out: [(text: [Unicode.Scalar], start: Int)] = []
        var cur: [Unicode.Scalar] = []
        var start = 0
        var i = 0
        while i < s.count {
            let c = s[i]
            let breaks = c == "\t" || c == "　" || (c == " " && i + 1 < s.count && (s[i + 1] == " " || s[i + 1] == "　"))
            if breaks || (c == " " && i + 1 == s.count) {
                if !cur.isEmpty { out.append((cur, start)); cur = [] }
                while i < s.count, Analyzer.isWhitespace(s[i].value) { i += 1 }
                continue
            }
            if cur.isEmpty { start = i }
            cur.append(c)
            i += 1
        }
        if !cur.isEmpty { out.append((cur, start)) }
        return out
    }

    /// Headings spaced out letter by letter (`比    較`) come apart as one-letter cells: join them.
    static func joinedSpacedOut(_ cs: [(text: [Unicode.Scalar], start: Int)]) -> [(text: [Unicode.Scalar], start: Int)] {
        var out: [(text: [Unicode.Scalar], start: Int)] = []
        for c in cs {
            if c.text.count == 1, let last = out.last, last.text.count == 1 || (out.count > 0 && last.text.count < 4 && last.text.allSatisfy { Folding.isKanji($0.value) } && Folding.isKanji(c.text[0].value) && last.text.count == 1),
               Folding.isKanji(c.text[0].value), last.text.allSatisfy({ Folding.isKanji($0.value) }) {
                out[out.count - 1].text.append(contentsOf: c.text)
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// A bare table number: digits with commas or a point, maybe after ▲, △, − or -.
    /// Returns its value in units and whether it has a decimal point.
    static func bareNumber(_ t: [Unicode.Scalar]) -> (value: Double, decimal: Bool)? {
        var s = t
        var negative = false
        if let f = s.first, AmountParser.isMinus(f.value) || f == "-" || f == "－" { negative = true; s.removeFirst() }
        guard !s.isEmpty, s.count <= 20, AmountParser.digit(s[0].value) != nil else { return nil }
        var digits = ""
        var decimal = false
        for c in s {
            if let d = AmountParser.digit(c.value) { digits.append(Character(String(d))) }
            else if c == "," || c == "，" { continue }
            else if (c == "." || c == "．"), !decimal { decimal = true; digits.append(".") }
            else { return nil }
        }
        guard let v = Double(digits) else { return nil }
        return (negative ? -v : v, decimal)
    }

    /// Where the trailing run of figure cells (numbers, ratios, empty cells) starts, or nil.
    static func trailingFigures(_ cs: [(text: [Unicode.Scalar], start: Int)]) -> Int? {
        var k = cs.count
        while k > 0 {
            let t = cs[k - 1].text
            let isFigure = bareNumber(t) != nil || (isEmptyCell(t) && k > 1) || isRatio(t)
            guard isFigure else { break }
            k -= 1
        }
        // A leading number followed by nothing else is a figure; a lone small number before a
        // name is the row's numbering (`1  議会費  …` is split before 議会費, so this is rare).
        guard k < cs.count, cs[k...].contains(where: { bareNumber($0.text) != nil }) else { return nil }
        return k
    }

    /// `105.2%`, `1.05倍`: a ratio cell.
    private static func isRatio(_ t: [Unicode.Scalar]) -> Bool {
        guard let last = t.last, last == "%" || last == "％" || last == "倍" else { return false }
        return bareNumber(Array(t.dropLast())) != nil
    }

    /// Cells that hold no figure but take a column's place (`-`, `皆増`, `新規`).
    private static func isEmptyCell(_ t: [Unicode.Scalar]) -> Bool {
        let s = String(String.UnicodeScalarView(t))
        return ["-", "－", "―", "—", "‐", "皆増", "皆減", "新規", "…", "―――", "0", "事項要求"].contains(s)
    }

    /// A column's mark under its heading: letters in brackets and the formula between them
    /// (`(A)`, `（B）`, `(B-A)`, `(A)-(B)`), no figure and no word.
    static func isColumnMark(_ cell: [Unicode.Scalar]) -> Bool {
        let c = cell.filter { !Analyzer.isWhitespace($0.value) }
        guard let first = c.first, "(（".unicodeScalars.contains(first), let last = c.last, ")）".unicodeScalars.contains(last) else { return false }
        return c.allSatisfy { ProgrammeFinder.isLatin($0.value) || "()（）-−－+＋/／×".unicodeScalars.contains($0) }
            && c.contains { ProgrammeFinder.isLatin($0.value) }
    }

    /// The column a heading text stands for, or nil for a name column (区分, 事項, 款, 項).
    static func column(_ heading: [Unicode.Scalar], context: DocumentContext) -> Column? {
        let h = heading.filter { !Analyzer.isWhitespace($0.value) }
        func has(_ w: String) -> Bool { FiscalYear.contains(h, w) }
        if has("%") || has("％") || has("率") || (has("比") && !has("比較") && !has("増") && !has("減")) { return .ratio }
        let year = DocumentContext.yearsNamed(in: h, reiwa: context.reiwa || context.year != nil).first
        let current = context.year
        if has("増") || has("減") || has("比較") || has("差引") || has("差額") { return .amount(.change, current) }
        // `補正前` is the year's budget before its 補正 (`補正後`, after it, is read with the 補正).
        if has("補正前") {
            if let year, let current, year < current { return .amount(.previousYear, year) }
            return .amount(.budget, year ?? current)
        }
        // In a 補正 document its own 補正 is of its year; elsewhere a 補正 column is the year before's.
        if has("補正") { return .amount(.supplementary, year ?? (context.kind == .supplementary ? current : current.map { $0 - 1 })) }
        if has("当初") {
            if let year, let current, year < current { return .amount(.previousYear, year) }
            return .amount(.budget, year ?? current)
        }
        if has("要求") || has("要望") { return .amount(.request, year ?? current) }
        if has("前年度") || has("前年") || has("前回") { return .amount(.previousYear, year ?? current.map { $0 - 1 }) }
        if let year, let current, year < current { return .amount(.previousYear, year) }
        if let year {
            return .amount(context.kind == .request && !has("予算") ? .request : (context.role ?? .budget), year)
        }
        if has("本年度") || has("当初") || has("予算") || has("決定") || has("計上") || has("金額") || has("額") {
            return .amount(context.role == .request && !has("予算") ? .request : (context.role ?? .budget), current)
        }
        return nil
    }

    /// A heading of a name column: 区分, 事項, 款, 項, 目, 名称, 事業名, 科目, 会計名.
    static func isNameHeading(_ t: [Unicode.Scalar]) -> Bool {
        let s = String(String.UnicodeScalarView(t.filter { !Analyzer.isWhitespace($0.value) }))
        return ["区分", "事項", "款", "項", "目", "名称", "事業名", "科目", "会計名", "款項", "事業", "項目"].contains(s)
    }

    /// Whether a row name is a total (合計, 計, 総計, 小計, 歳出合計).
    static func isTotal(_ name: String) -> Bool {
        let n = name.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "　", with: "")
        return n == "計" || n.hasSuffix("合計") || n.hasSuffix("総計") || n.hasSuffix("小計") || n == "総額"
    }

    /// Every table of a document's lines.
    static func read(_ lines: [[Unicode.Scalar]], context: inout DocumentContext) -> TableLayout {
        var layout = TableLayout()
        var i = 0
        while i < lines.count {
            guard let unit = unitHeader(lines[i]) else { i += 1; continue }
            i = readTable(lines, header: i, unit: unit, context: &context, into: &layout)
        }
        return layout
    }

    /// Reads the table whose unit header is on line `header`; returns the line after it.
    private static func readTable(_ lines: [[Unicode.Scalar]], header: Int, unit: Int64, context: inout DocumentContext,
                                  into layout: inout TableLayout) -> Int {
        // Column headings: up to four lines after the header (or the header line itself) before the first row.
        var columns: [Column] = []
        var headingLines: [[Column?]] = []
        var headingTexts: [[[Unicode.Scalar]]] = []  // the cells of each heading line, name columns out
        var j = header
        var rowsStart = header + 1
        while j < min(lines.count, header + 6) {
            let line = lines[j]
            let cs = joinedSpacedOut(cells(line))
            if j > header, cs.contains(where: { bareNumber($0.text) != nil }) { break }
            if j > header, unitHeader(line) != nil { break }
            // `(A)  (B)  (B-A)`: the columns' letters under their headings, no row.
            if j > header, !cs.isEmpty, cs.allSatisfy({ isColumnMark($0.text) }) {
                rowsStart = j + 1
                j += 1
                continue
            }
            var heads: [Column?] = []
            var headingWords = 0
            for c in cs {
                if j == header, unitHeader(c.text) != nil { continue }
                let col = column(c.text, context: context)
                heads.append(col)
                if col != nil { headingWords += 1 }
            }
            if headingWords > 0 {
                headingLines.append(heads.filter { $0 != nil })
                headingTexts.append(cs.filter { c in !(j == header && unitHeader(c.text) != nil) && !isNameHeading(c.text) }.map(\.text))
                rowsStart = j + 1
            }
            else if j > header, !cs.isEmpty, !(cs.count == 1 && cs[0].text.count <= 6) { break }
            j += 1
        }
        // The heading line with the most columns wins; a line of as many columns refines it
        // (`７年度` over `当初`: the year from one, the role from the other).
        func dated(_ line: [Column?]) -> Int {
            line.filter { if case .amount(_, let y) = $0, y != nil { return true } else { return false } }.count
        }
        if headingLines.count > 1, headingLines.allSatisfy({ $0.count <= 1 }) {
            // One heading per line: a table written one cell per line.
            columns = headingLines.flatMap { $0.compactMap { $0 } }
        } else if let widest = headingLines.max(by: { ($0.count, dated($0)) < ($1.count, dated($1)) }) {
            columns = widest.compactMap { $0 }
            // Headings over two or more lines with the same cells (`７年度` / `補正後`): read each
            // column's words together.
            let width = headingTexts.map(\.count).max() ?? 0
            let same = headingTexts.filter { $0.count == width }
            if same.count > 1, width > 0 {
                let merged = (0..<width).map { k in same.flatMap { $0[k] } }
                let read = merged.map { TableReader.column($0, context: context) }
                if read.allSatisfy({ $0 != nil }) { columns = read.compactMap { $0 } }
            }
        }
        guard !columns.isEmpty else { return header + 1 }
        for case let .amount(_, year?) in columns { context.note(year: year) }
        layout.tables += 1
        for k in header..<rowsStart { layout.tableLines.insert(k) }

        // Rows.
        var pendingName: (text: String, line: Int, indent: Int)?
        var rowIndent: Int?  // the indentation of the last row with figures
        var rowName: String?
        var lastRowRawName: String?  // the last row's name as written, for a name wrapped after its figures
        var rowLine = rowsStart
        var column = 0
        var lastRowLine = -1
        var k = rowsStart
        var misses = 0
        while k < lines.count {
            let line = lines[k]
            if line.allSatisfy({ Analyzer.isWhitespace($0.value) }) {
                k += 1
                if k - max(lastRowLine, rowsStart) > 3 { break }
                continue
            }
            if unitHeader(line) != nil || line.contains("。") || !AmountParser.amounts(in: line).isEmpty { break }
            // A one-cell line of `―` or `皆増` in a table written one cell per line takes its column's place.
            if column > 0 || pendingName != nil, let only = Optional(cells(line)), only.count == 1, isEmptyCell(only[0].text) {
                if let p = pendingName { rowName = rowNameFor(p.text); layout.rowStarts[p.line] = rowName; rowLine = p.line; pendingName = nil; column = 0 }
                column += 1
                layout.tableLines.insert(k)
                k += 1
                continue
            }
            let cs = rowCells(line)
            let numeric = trailingFigures(cs)
            let nameCells = numeric.map { Array(cs[..<$0]) } ?? cs
            var name = nameCells.map { String(String.UnicodeScalarView($0.text)) }.joined(separator: " ")
            if numeric == nil {
                // `(2) インバウンドの地方誘客の  3,410 …` / `促進`: the end of the name of the row right
                // above, indented under it, when that name stops at a particle.
                if k == lastRowLine + 1, let raw = lastRowRawName, let last = raw.unicodeScalars.last,
                   "のをにとや・、".unicodeScalars.contains(last), let rowIndent, indent(line) > rowIndent,
                   name.unicodeScalars.count <= 20, let first = name.unicodeScalars.first, ProgrammeFinder.isLetter(first.value) {
                    lastRowRawName = raw + name
                    rowName = rowNameFor(raw + name)
                    layout.rowStarts[rowLine] = rowName
                    for c in (layout.cells[lastRowLine] ?? []).indices { layout.cells[lastRowLine]?[c].rowName = rowName }
                    layout.tableLines.insert(k)
                    k += 1
                    continue
                }
                // A heading of a column without figures (`備考`), written one cell per line after the
                // others, is no row's name.
                if ["備考", "摘要", "説明", "事項", "区分", "事業名"].contains(name.filter { !$0.isWhitespace }), lastRowLine < 0 {
                    layout.tableLines.insert(k)
                    k += 1
                    continue
                }
                // A name alone: a row written one cell per line, or the first line of a wrapped name.
                if name.unicodeScalars.count > 40 { misses += 1; if misses > 1 { break } else { k += 1; continue } }
                if let p = pendingName, column == 0 { pendingName = (p.text + name, p.line, p.indent) } else { pendingName = (name, k, indent(line)) }
                column = 0
                layout.tableLines.insert(k)
                k += 1
                continue
            }
            misses = 0
            // A name line less indented than the rows (`一般会計` over its rows) is a group's heading,
            // not the first half of a wrapped name.
            if let p = pendingName, !name.isEmpty, p.indent < (rowIndent ?? indent(line)) { pendingName = nil }
            if !name.isEmpty || pendingName != nil { rowIndent = pendingName?.indent ?? indent(line) }
            var startsRow = !name.isEmpty || pendingName != nil || column >= columns.count
            if let p = pendingName {
                name = p.text + name
                rowLine = p.line
                pendingName = nil
            } else if !name.isEmpty {
                rowLine = k
            }
            if name.isEmpty && column > 0 && column < columns.count { startsRow = false }
            if startsRow {
                column = 0
                rowName = rowNameFor(name)
                layout.rowStarts[rowLine] = rowName
                lastRowRawName = name
            }
            layout.tableLines.insert(k)
            for c in cs[(numeric ?? cs.count)...] {
                defer { column += 1 }
                guard column < columns.count, case let .amount(role, year) = columns[column],
                      let (value, _) = bareNumber(c.text) else { continue }
                let yen = Int64((value * Double(unit)).rounded())
                layout.cells[k, default: []].append(TableCell(
                    text: String(String.UnicodeScalarView(c.text)), yen: yen, role: role, year: year,
                    rowName: rowName, rowLine: rowLine))
            }
            lastRowLine = k
            k += 1
        }
        // Name lines after the last row that never got figures are the text after the table.
        let end = max(lastRowLine + 1, rowsStart)
        for line in end..<max(end, k) { layout.tableLines.remove(line) }
        return max(end, header + 1)
    }

    /// The programme a row name gives: nil for a total (合計, 計) or an empty name.
    static func rowNameFor(_ name: String) -> String? {
        let clean = cleanRowName(name)
        return clean.isEmpty || isTotal(clean) ? nil : clean
    }

    /// The cells of a table row: split at every space, `|` or `｜` (OCR and some tools keep one
    /// space between columns), with the pieces OCR spaced apart joined again (`36,904, 330`,
    /// `1. 9`, `▲ 12`).
    static func rowCells(_ s: [Unicode.Scalar]) -> [(text: [Unicode.Scalar], start: Int)] {
        var tokens: [(text: [Unicode.Scalar], start: Int)] = []
        var cur: [Unicode.Scalar] = []
        var start = 0
        for (i, c) in s.enumerated() {
            if Analyzer.isWhitespace(c.value) || c == "|" || c == "｜" {
                if !cur.isEmpty { tokens.append((cur, start)); cur = [] }
                continue
            }
            if cur.isEmpty { start = i }
            cur.append(c)
        }
        if !cur.isEmpty { tokens.append((cur, start)) }
        var out: [(text: [Unicode.Scalar], start: Int)] = []
        for t in tokens {
            if let last = out.last, let end = last.text.last, let first = t.text.first, AmountParser.digit(first.value) != nil,
               (",，.．".unicodeScalars.contains(end) && AmountParser.digit(last.text[last.text.count - 2 < 0 ? 0 : last.text.count - 2].value) != nil)
                || (last.text.count == 1 && (AmountParser.isMinus(end.value) || end == "-")) {
                out[out.count - 1].text.append(contentsOf: t.text)
            } else {
                out.append(t)
            }
        }
        return out
    }

    /// Leading whitespace, in scalars (an ideographic space counts two, as layout text aligns it).
    static func indent(_ s: [Unicode.Scalar]) -> Int {
        var n = 0
        for c in s {
            guard Analyzer.isWhitespace(c.value) else { break }
            n += c == "　" ? 2 : 1
        }
        return n
    }

    /// A row name without its numbering (`１ 議会費` → `議会費`, `(1) 観光振興` → `観光振興`).
    static func cleanRowName(_ name: String) -> String {
        var s = Array(name.unicodeScalars)
        while let f = s.first, Analyzer.isWhitespace(f.value) || AmountParser.digit(f.value) != nil
            || "()（）.．、".unicodeScalars.contains(f) || (0x2460...0x24FF).contains(f.value) || LineScanner.isMarker(f.value) {
            s.removeFirst()
        }
        return ProgrammeFinder.clean(s[...])
    }
}
