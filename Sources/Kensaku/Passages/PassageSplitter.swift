import Foundation

/// What the index and the CLI show about one document.
public struct DocumentInfo: Codable, Sendable, Hashable {
    /// The file name, e.g. `000_24b64a88380a38ac.txt`.
    public var doc: String
    /// The first non-empty line.
    public var title: String
    /// The fiscal year the document is about (`令和7年度`), from its title; nil if none.
    public var fiscalYear: String?
    /// The number of passages.
    public var passages: Int
    /// Every fiscal year its title and column headings name, the main one first.
    public var fiscalYears: [String]
    /// The kind of budget document, or nil.
    public var kind: DocumentKind?

    /// A document's summary.
    public init(doc: String, title: String, fiscalYear: String?, passages: Int, fiscalYears: [String] = [],
                kind: DocumentKind? = nil) {
        self.doc = doc
        self.title = title
        self.fiscalYear = fiscalYear
        self.passages = passages
        self.fiscalYears = fiscalYears
        self.kind = kind
    }

    enum CodingKeys: String, CodingKey {
        case doc, title, passages, kind
        case fiscalYear = "fiscal_year"
        case fiscalYears = "fiscal_years"
    }

    /// Reads the current schema and the first one (no `fiscal_years`, no `kind`).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        doc = try c.decode(String.self, forKey: .doc)
        title = try c.decode(String.self, forKey: .title)
        fiscalYear = try c.decodeIfPresent(String.self, forKey: .fiscalYear)
        passages = try c.decode(Int.self, forKey: .passages)
        fiscalYears = try c.decodeIfPresent([String].self, forKey: .fiscalYears) ?? fiscalYear.map { [$0] } ?? []
        kind = try c.decodeIfPresent(DocumentKind.self, forKey: .kind)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(doc, forKey: .doc)
        try c.encode(title, forKey: .title)
        try c.encode(fiscalYear, forKey: .fiscalYear)  // always present, null when unknown
        try c.encode(passages, forKey: .passages)
        try c.encode(fiscalYears, forKey: .fiscalYears)
        try c.encode(kind, forKey: .kind)  // always present, null when unknown
    }
}

/// Splits a document into passages: paragraphs, bullet blocks, table rows, headings with their
/// amount lines; long blocks are cut at line boundaries, and a line longer than
/// ``PassageSplitter/longLine`` at sentence ends and list markers. Every non-empty line lands in
/// exactly one passage (a long line's pieces in consecutive ones). Each passage gets its section,
/// its programme and its amounts. The rules are in docs/EXTRACTION.md.
public enum PassageSplitter {
    /// A passage shorter than this takes in the next paragraph.
    static let shortPassage = 80
    /// A block is cut before a line that would make it longer than this (in scalars).
    static let longPassage = 400
    /// A line longer than this (in scalars) is cut into pieces at sentence ends and list markers.
    static let longLine = 400
    /// The level of a programme named on a bullet or a plain line: below every heading.
    static let itemLevel = 100

    /// The passages of one document, in line order, with programme and amounts.
    public static func passages(of document: CorpusDocument) -> [Passage] {
        analyse(document).passages
    }

    /// A document read once: its passages, its summary for the index, and its report.
    public struct Analysis: Sendable {
        public var passages: [Passage]
        public var info: DocumentInfo
        public var report: DocumentReport
    }

    /// The passages of one document and what was found on the way (see ``DocumentReport``).
    public static func analyse(_ document: CorpusDocument) -> Analysis {
        let physical = splitLines(document.text)
        let pieces = LineSegmenter.pieces(of: physical, longLine: longLine)
        var scalars = pieces.map { Array($0.text.unicodeScalars) }
        let repairs = LineSegmenter.joinSplitAmounts(&scalars)
        var context = DocumentContext.read(scalars)
        let tables = TableReader.read(scalars, context: &context)
        var infos = scalars.map(LineScanner.scan)
        joinWrappedTitles(&infos, scalars)
        joinTitlesAfterConnectives(&infos, scalars)
        preferItemUnderUmbrella(&infos)
        let title = self.title(of: physical)
        let stem = (document.name as NSString).deletingPathExtension
        let markdown = infos.contains { $0.markdownLevel > 0 }
        var resolver = RoleResolver(document: context)
        let docYears = context.years.map(FiscalYear.text)

        var sections: [(level: Int, text: String)] = []
        var programmes: [(level: Int, programme: Programme)] = []
        var partsSeen: Set<String> = []
        var footers = 0            // （担当：…） footers since the running programme was named
        var endPage = false        // the previous passage ended a page
        var pageProgramme: Programme?  // the programme of the page just ended, for its amount box
        var itemPiece = 0              // where the running item was named
        var pageItem: Programme?       // the last item with its own figure under the running title
        var titleAwaitingBox: Int?     // the line of a page title whose amount box has not come yet
        var passages: [Passage] = []
        var marks: [TitlesAfterContent.Mark] = []  // parallel to passages
        var report = DocumentReport(doc: document.name, fiscalYears: docYears, kind: context.kind, tables: tables.tables)
        report.repairedNumbers = repairs.map { "line \(pieces[$0.piece].line + 1): \($0.text)" }
        let titleLine = infos.firstIndex { !$0.isBlank }
        let titleBlockEnd = infos.indices.filter { !infos[$0].isBlank }.dropFirst(2).first
        let boundaries = Set(infos.indices.filter {
            !tables.tableLines.contains($0) && LineSegmenter.isBoundary(infos[$0], scalars[$0])
        })
        for range in units(infos, markdown: markdown, titleLine: titleLine, titleBlockEnd: titleBlockEnd,
                               tables: tables, boundaries: boundaries) {
            let first = range.lowerBound
            let line = pieces[first].line + 1
            // A page ends at a form feed, a page number, or a second footer under one programme
            // (PDF extraction puts the footer anywhere on its page, but a page has only one).
            if endPage {
                pageProgramme = programmes.first?.programme
                pageItem = nil
                programmes.removeAll()
                partsSeen.removeAll()
                resolver.reset()
                footers = 0
            }
            if pageProgramme != nil, !range.allSatisfy({ infos[$0].isBlank || infos[$0].isAmountLine || infos[$0].isLabelOnly || infos[$0].startsWithLabel || infos[$0].isNote }) {
                pageProgramme = nil
            }
            endPage = false
            let footersBefore = footers  // this unit's own footer comes after its first line
            for i in range where boundaries.contains(i) {
                if LineSegmenter.isFooter(scalars[i]) {
                    footers += 1
                    // The document's own title (its total) covers its first page only.
                    let fromTitle = programmes.first.map { p in titleBlockEnd.map { p.programme.line - 1 <= pieces[$0].line } ?? false } ?? false
                    if footers >= 2 || fromTitle { endPage = true }
                } else {
                    endPage = true
                }
            }
            var start = opening(infos, first, markdown: markdown, titleLine: titleLine, titleBlockEnd: titleBlockEnd)
            start = refine(start, infos, scalars, first, running: programmes, namedAt: { pieces[$0].line + 1 },
                           footers: footersBefore, titleAwaitingBox: titleAwaitingBox)
            // The same part of a page (背景・課題) twice under one programme: a new page whose title was lost.
            if infos[first].nameIsPagePart, let part = infos[first].name {
                if partsSeen.contains(part) { programmes.removeAll(); partsSeen.removeAll(); footers = 0 }
                partsSeen.insert(part)
            }
            if let level = start.heading {
                sections.removeAll { $0.level >= level }
                programmes.removeAll { $0.level >= level }
            }
            let section = sections.map(\.text)
            if let level = start.heading { sections.append((level, infos[first].headingText)) }
            var passageProgramme: Programme?
            if let rowName = tables.rowStarts[first] {
                passageProgramme = rowName.map { Programme(name: $0, line: line, source: .tableRow) }
            } else {
                if let (level, name) = start.programme {
                    programmes.removeAll { $0.level >= level }
                    let source: ProgrammeSource = infos[first].namesWithFigure && start.heading == nil ? .inline : .heading
                    programmes.append((level, Programme(name: name, line: line, source: source)))
                    if level == itemLevel { itemPiece = first }
                    if level == itemLevel, infos[first].namesWithFigure { pageItem = programmes.last?.programme }
                    if level < itemLevel { partsSeen.removeAll(); footers = 0; pageProgramme = nil; pageItem = nil }
                    titleAwaitingBox = level == 2 && infos[first].isPageTitle ? line : nil
                }
                // An item (a bullet with its figure) names only its own block: a blank line ends it.
                // A numbered item (`② …プログラム 107百万円`) heads the lines under it until the next one.
                if let top = programmes.last, top.level == itemLevel, top.programme.line < line,
                   !infos[itemPiece].opensWithCircledNumber,
                   (itemPiece..<first).contains(where: { infos[$0].isBlank }) {
                    programmes.removeLast()
                }
                passageProgramme = programmes.last?.programme
                if let p = passageProgramme, p.line < line { passageProgramme?.source = .inherited }
                // The amount box of a page that extraction put after its footer.
                if passageProgramme == nil, let p = pageProgramme {
                    passageProgramme = Programme(name: p.name, line: p.line, source: .inherited)
                }
            }
            if range.contains(where: { infos[$0].isLabelOnly || (infos[$0].hasLabel && infos[$0].amountCount > 0) }) { titleAwaitingBox = nil }
            var amounts: [Amount] = []
            var columns: [Programme] = []  // names over the figures below, in order
            var column = -1
            for i in range where !infos[i].isBlank {
                if let cells = tables.cells[i] {
                    for cell in cells {
                        let programme = cell.rowName.map { Programme(name: $0, line: pieces[cell.rowLine].line + 1, source: .tableRow) }
                        amounts.append(Amount(text: cell.text, yen: cell.yen, role: cell.role, fiscalYear: cell.year.map(FiscalYear.text),
                                              programme: programme, line: pieces[i].line + 1))
                    }
                    continue
                }
                let info = infos[i]
                if !info.columnNames.isEmpty {
                    columns = info.columnNames.map { Programme(name: $0, line: pieces[i].line + 1, source: .inline) }
                    column = -1
                } else if info.amountCount == 0 && !info.isLabelOnly {
                    columns = []
                }
                if info.amountCount == 0 && !info.isLabelOnly {
                    resolver.clear()
                    if let label = info.leadInLabel { resolver.push(label) }
                    continue
                }
                if info.isLabelOnly { resolver.startLabelLine() }
                resolver.startLine()
                // A line naming its own item beside its figures (a second bullet, `名 40億円（32億円）`).
                var own = passageProgramme
                // Diagram nodes over as many bracketed figures (`「若手研究」「研究活動スタート支援」` /
                // `【～500万円、2～5年】、【～300万円、～2年】`): the k-th bracket is the k-th node's.
                var nodes: [Programme] = []
                var groups: [Int] = []  // where each bracketed group of the line starts
                if info.startsWithBracket, !info.hasLabel, i > first, infos[i - 1].amountCount == 0, !infos[i - 1].hasMarker {
                    let names = ProgrammeFinder.quotedNames(scalars[i - 1])
                    groups = LineScanner.bracketStarts(scalars[i])
                    if names.count >= 2, names.count == groups.count {
                        nodes = names.map { Programme(name: $0, line: pieces[i - 1].line + 1, source: .inline) }
                    }
                }
                // A diagram node over its figure in brackets (`国際先導研究` / `【～5億円、7年】`).
                if !nodes.isEmpty {
                    own = nil
                } else if info.itemName == nil, info.startsWithBracket, !info.hasLabel, i > first, !infos[i - 1].isBlank,
                   infos[i - 1].amountCount == 0, !infos[i - 1].hasMarker,
                   !infos[i - 1].hasLabel, !infos[i - 1].nameIsPagePart, !infos[i - 1].startsWithBracket, let name = infos[i - 1].name,
                   name.unicodeScalars.count <= 30 {
                    own = Programme(name: name, line: pieces[i - 1].line + 1, source: .inline)
                } else if let name = info.itemName, i != first || passageProgramme?.name != name {
                    own = Programme(name: name, line: pieces[i].line + 1, source: .inline)
                } else if info.isNote, let j = footnoteItem(infos, scalars, before: i),
                          let name = infos[j].itemName {
                    // A footnote under the item that carries its mark (`… 260百万円 ( ー※)` / `※…措置【1,620百万円】`).
                    own = Programme(name: name, line: pieces[j].line + 1, source: .inline)
                } else if i == first, let p = passageProgramme, p.source == .heading || p.source == .inline {
                    own = p
                }
                for token in info.tokens {
                    switch token {
                    case let .label(label): resolver.push(label)
                    case let .amount(amount, place, qualifier):
                        // `＜日本学術振興会＞` over `（39百万円）`: that organisation's share.
                        let shared = (place == .firstInParen || place == .closesParen) && i > 0
                            && (info.opensWithOrganisation || (infos[..<i].last { !$0.isBlank }?.isOrganisationLabel ?? false))
                        let (role, fiscalYear) = resolver.resolve(shared ? .share : place, qualifier)
                        if !columns.isEmpty, place == .figure { column += 1 }
                        let inColumn = columns.indices.contains(column) ? columns[column] : nil
                        let group = groups.lastIndex { $0 < amount.start } ?? 0
                        let node = nodes.isEmpty ? nil : nodes[group]
                        var own = qualifier.ownName.map { Programme(name: $0, line: pieces[i].line + 1, source: .inline) } ?? inColumn ?? node ?? own
                        // `件数・単価 13機関 × 34百万円程度/年` under a page's box: the unit price of the
                        // last item named with its own figure on the page, not of the page's total.
                        if qualifier.perUnit, qualifier.ownName == nil, inColumn == nil, node == nil, let item = pageItem,
                           let p = own, p.source == .inherited, p.line < item.line {
                            own = Programme(name: item.name, line: item.line, source: .inherited)
                        }
                        // A figure of a trillion yen or more quoted in prose, named by nothing (`輸出総額（109兆円）`,
                        // `社会的コスト…約21兆円`): a statistic, no programme's figure.
                        if place == .loose, amount.yen >= 1_000_000_000_000, qualifier.ownName == nil, inColumn == nil, node == nil,
                           info.itemName == nil, !info.isAmountLine, !info.hasLabel,
                           !["計上", "確保", "措置", "要求", "交付", "予算"].contains(where: { FiscalYear.contains(scalars[i], $0, in: 0..<scalars[i].count) }) {
                            own = nil
                        }
                        if amount.repaired { report.repairedNumbers.append("line \(pieces[i].line + 1): \(amount.text)") }
                        amounts.append(Amount(text: amount.text, yen: amount.yen, role: role, fiscalYear: fiscalYear,
                                              yenMax: amount.yenMax, perUnit: qualifier.perUnit, includedIn: amount.includedIn,
                                              programme: own, line: pieces[i].line + 1))
                    }
                }
            }
            // A programme whose title line states only a 補正 (`○ …事業 令和6年度補正予算額 50億円`):
            // its unit prices are of the 補正's year.
            if let (level, _) = start.programme, level < itemLevel {
                let mains = amounts.filter { !$0.perUnit && [.budget, .request, .supplementary].contains($0.role) }
                let onlySupplementary = infos[first].namesBeforeLabel && !mains.isEmpty && mains.allSatisfy { $0.role == .supplementary }
                resolver.supplementaryUnitYear = onlySupplementary ? mains[0].fiscalYear : nil
            }
            let lastPiece = range.upperBound - 1
            let text = LineSegmenter.join(pieces[range])
            let id = pieces[first].segment == 0 ? "\(stem):\(line)" : "\(stem):\(line).\(pieces[first].segment + 1)"
            passages.append(Passage(
                id: id, doc: document.name, title: title, lines: [line, pieces[lastPiece].line + 1],
                section: section, text: text, programme: passageProgramme, amounts: amounts,
                docFiscalYears: docYears, docKind: context.kind))
            if range.contains(where: boundaries.contains) { titleAwaitingBox = nil }  // a page's box comes before its end
            marks.append(TitlesAfterContent.Mark(
                isBox: range.contains { infos[$0].hasLabel } && amounts.contains { !$0.perUnit && ($0.role == .budget || $0.role == .request) },
                hasFooter: range.contains { LineSegmenter.isFooter(scalars[$0]) },
                hasPagePart: range.contains { infos[$0].nameIsPagePart }))
        }
        TitlesAfterContent.apply(&passages, marks)
        report.add(passages)
        let info = DocumentInfo(doc: document.name, title: title, fiscalYear: docYears.first, passages: passages.count,
                                fiscalYears: docYears, kind: context.kind)
        return Analysis(passages: passages, info: info, report: report)
    }

    /// The document's name, title, fiscal years, kind and passage count.
    public static func info(of document: CorpusDocument, passages: [Passage]) -> DocumentInfo {
        let lines = Array(splitLines(document.text).prefix(200))
        let years: [String]
        let kind: DocumentKind?
        if let first = passages.first {
            years = first.docFiscalYears
            kind = first.docKind
        } else {
            let context = DocumentContext.read(lines.map { Array($0.unicodeScalars) })
            years = context.years.map(FiscalYear.text)
            kind = context.kind
        }
        return DocumentInfo(doc: document.name, title: title(of: lines), fiscalYear: years.first,
                            passages: passages.count, fiscalYears: years, kind: kind)
    }

    /// The lines of `text`, split at `\n` only (a `\r` stays in its line, as written).
    static func splitLines(_ text: String) -> [Substring] {
        if text.isEmpty { return [] }
        var lines: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var i = utf8.startIndex
        while i != utf8.endIndex {
            if utf8[i] == 0x0A {
                lines.append(text[start..<i])
                start = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        if start != utf8.endIndex { lines.append(text[start..<utf8.endIndex]) }
        return lines
    }

    /// The first non-empty line (its first piece when it is longer than ``longLine``), without
    /// markdown `#`. Only that line is read.
    static func title(of lines: [Substring]) -> String {
        guard let line = lines.first(where: { !LineScanner.scan($0).isBlank }),
              let piece = LineSegmenter.pieces(of: [line], longLine: longLine).first?.text else { return "" }
        var title = Substring(String(piece).trimmingSpaces())
        if LineScanner.scan(piece).markdownLevel > 0 { title = title.drop { $0 == "#" } }
        return String(title).trimmingSpaces()
    }

    /// What line `i` opens: a heading (its level) and/or a programme (its level and name).
    static func opening(_ infos: [LineInfo], _ i: Int, markdown: Bool, titleLine: Int?, titleBlockEnd: Int? = nil)
        -> (heading: Int?, programme: (Int, String)?) {
        let info = infos[i]
        if info.markdownLevel > 0 {
            let level = info.markdownLevel
            guard let name = info.name, !info.nameIsPagePart else { return (level, nil) }
            // A `# ` heading is a page title, and every page of these documents is a programme.
            if level == 1 || info.namesWithFigure || info.hasDiamond
                || ProgrammeFinder.amountFollows(infos, after: i) != nil {
                return (level, (level, name))
            }
            return (level, nil)
        }
        if info.isNote { return (nil, nil) }
        if let name = info.definedName, !info.hasMarker { return (nil, (markdown ? 1 : 2, name)) }
        // The document's own title (its first three lines) names a programme only with a figure.
        let inTitleBlock = titleBlockEnd.map { i <= $0 } ?? true
        if !markdown, info.isPageTitle, !info.nameIsPagePart, !inTitleBlock, i == 0 || infos[i - 1].isBlank || info.isIndentedOnce,
           ProgrammeFinder.amountFollows(infos, after: i) == nil, let name = info.name {
            return (2, (2, name))
        }
        // The last item of a bulleted list is no title, whatever box follows it.
        let listItem = info.hasMarker && i > 0 && !infos[i - 1].isBlank && infos[i - 1].hasMarker && infos[i - 1].amountCount == 0
        // A name with its budget label and figure, standing alone: the title box of a page.
        if info.namesBeforeLabel, !info.nameIsPagePart, !listItem, i == 0 || infos[i - 1].isBlank, let name = info.name {
            return (nil, (2, name))
        }
        if info.namesWithFigure, !info.nameIsPagePart, let name = info.name { return (nil, (itemLevel, name)) }
        if let name = info.name, !info.nameIsPagePart, info.amountCount == 0,
           let labelled = ProgrammeFinder.amountFollows(infos, after: i), !(labelled && listItem) {
            if labelled && !markdown {
                let level = info.isNumbered ? 1 : 2
                return (level, (level, name))
            }
            return (nil, (itemLevel, name))
        }
        // `▶ 世界の学術フロンティアを先導する大規模プロジェクトの推進` alone, its prose and figures
        // below: a block heading names what follows it, up to the next one.
        if info.hasHeadingMarker, info.amountCount == 0, !info.hasLabel, info.length <= 45, !listItem,
           i == 0 || infos[i - 1].isBlank, let name = info.name, !info.nameIsPagePart, name.unicodeScalars.count >= 6,
           !name.contains("、"), !name.contains(":"), ProgrammeFinder.hasMeasureEnding(name), figureInBlock(infos, after: i) {
            return (nil, (itemLevel - 1, name))
        }
        // A name right above a page's first part, nothing between (`SPring-8の高度化(SPring-8-Ⅱ)` /
        // `現状・課題`): the page's title, whatever its ending.
        if !markdown, !inTitleBlock, info.amountCount == 0, !info.hasLabel, let name = info.name, !info.nameIsPagePart,
           i == 0 || infos[i - 1].isBlank, i + 1 < infos.count, infos[i + 1].nameIsPagePart, infos[i + 1].amountCount == 0 {
            return (2, (2, name))
        }
        if !markdown, i != titleLine, info.isShortText, i == 0 || infos[i - 1].isBlank, i + 1 == infos.count || infos[i + 1].isBlank {
            return (3, nil)
        }
        return (nil, nil)
    }

    /// The item line above note line `i` that carries the note's mark (`… 260百万円 ( ー※)`):
    /// looked for through the list of items right above the note (at most eight lines, blank
    /// lines and item lines only).
    static func footnoteItem(_ infos: [LineInfo], _ scalars: [[Unicode.Scalar]], before i: Int) -> Int? {
        let number = LineScanner.footnoteNumber(scalars[i], last: false)
        var j = i - 1
        while j >= 0, j >= i - 8 {
            let line = infos[j]
            // Other notes of the same block are passed over (`※1 …` above `※2 …`).
            if !line.isBlank, !line.isNote {
                guard line.itemName != nil else { return nil }
                // A numbered note goes to the item with its number, and to no other.
                if LineScanner.hasFootnoteMark(scalars[j]), number == nil || LineScanner.footnoteNumber(scalars[j], last: true) == number { return j }
            }
            j -= 1
        }
        return nil
    }

    /// Whether a figure comes in the block under a block heading (line `i`): within six lines of
    /// text, before the next block heading or markdown heading.
    static func figureInBlock(_ infos: [LineInfo], after i: Int) -> Bool {
        var seen = 0
        for line in infos[(i + 1)...] where !line.isBlank {
            if line.amountCount > 0 { return true }
            seen += 1
            if seen >= 6 || line.hasHeadingMarker || line.markdownLevel > 0 { return false }
        }
        return false
    }

    /// The line ranges of the passages (each starts and ends on a non-empty line).
    static func units(_ infos: [LineInfo], markdown: Bool, titleLine: Int?, titleBlockEnd: Int? = nil, tables: TableLayout = TableLayout(),
                      boundaries: Set<Int> = []) -> [Range<Int>] {
        var units: [Range<Int>] = []
        var start = -1
        var last = -1
        var length = 0
        var openedHeader = false  // the unit so far is a heading or a programme with its amount lines
        var openedByItem = false  // the unit opened with an item naming its own figure
        func close() { if start >= 0 { units.append(start..<(last + 1)) } }
        for i in infos.indices where !infos[i].isBlank {
            let info = infos[i]
            let opens = opening(infos, i, markdown: markdown, titleLine: titleLine, titleBlockEnd: titleBlockEnd)
            // A table row opens its own passage; a line after a page boundary or a table ends one.
            let afterBoundary = last >= 0 && (boundaries.contains(last) || tables.tableLines.contains(last) != tables.tableLines.contains(i))
            let isStart = opens.heading != nil || opens.programme != nil || tables.rowStarts[i] != nil || afterBoundary
            var join = false
            // A labelled amount box after an item and its prose is the page's, not the item's.
            if start >= 0 && !isStart && !(openedByItem && !openedHeader && info.startsWithLabel) {
                if last == i - 1 {
                    join = length + info.length <= longPassage || length < shortPassage
                } else if info.isAmountLine {
                    join = length + info.length <= longPassage
                } else if info.isLabelOnly {
                    join = openedHeader || length < shortPassage
                } else {
                    join = length < shortPassage
                }
            }
            if join {
                length += info.length
                if !(info.isAmountLine || info.isLabelOnly || info.isSubtitle) { openedHeader = false }
            } else {
                close()
                start = i
                length = info.length
                openedHeader = isStart
                openedByItem = opens.programme?.0 == itemLevel
            }
            last = i
        }
        close()
        return units
    }
}
