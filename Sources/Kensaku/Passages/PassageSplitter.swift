import Foundation

/// What the index and the CLI show about one document.
public struct DocumentInfo: Codable, Sendable, Hashable {
    /// The file name, e.g. `000_24b64a88380a38ac.txt`.
    public var doc: String
    /// The first non-empty line.
    public var title: String
    /// The fiscal year the document is about (`令和7年度`), from its first lines; nil if none.
    public var fiscalYear: String?
    /// The number of passages.
    public var passages: Int

    /// A document's summary.
    public init(doc: String, title: String, fiscalYear: String?, passages: Int) {
        self.doc = doc
        self.title = title
        self.fiscalYear = fiscalYear
        self.passages = passages
    }

    enum CodingKeys: String, CodingKey {
        case doc, title, passages
        case fiscalYear = "fiscal_year"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(doc, forKey: .doc)
        try c.encode(title, forKey: .title)
        try c.encode(fiscalYear, forKey: .fiscalYear)  // always present, null when unknown
        try c.encode(passages, forKey: .passages)
    }
}

/// Splits a document into passages: paragraphs, bullet blocks, headings with their amount
/// lines; long blocks are cut at line boundaries. Every non-empty line lands in exactly one
/// passage. Each passage gets its section, its programme and its amounts.
public enum PassageSplitter {
    /// A passage shorter than this takes in the next paragraph.
    static let shortPassage = 80
    /// A block is cut before a line that would make it longer than this (in scalars).
    static let longPassage = 400
    /// The level of a programme named on a bullet or a plain line: below every heading.
    static let itemLevel = 100

    /// The passages of one document, in line order, with programme and amounts.
    public static func passages(of document: CorpusDocument) -> [Passage] {
        let lines = splitLines(document.text)
        let infos = lines.map(LineScanner.scan)
        let title = self.title(of: infos, lines: lines)
        let stem = (document.name as NSString).deletingPathExtension
        let markdown = infos.contains { $0.markdownLevel > 0 }
        let year = RoleResolver.documentYear(of: infos)
        var resolver = RoleResolver(documentYear: year?.0, documentRole: year?.1)

        var sections: [(level: Int, text: String)] = []
        var programmes: [(level: Int, programme: Programme)] = []
        var passages: [Passage] = []
        let titleLine = infos.firstIndex { !$0.isBlank }
        for range in units(infos, markdown: markdown, titleLine: titleLine) {
            let first = range.lowerBound
            let start = opening(infos, first, markdown: markdown, titleLine: titleLine)
            if let level = start.heading {
                sections.removeAll { $0.level >= level }
                programmes.removeAll { $0.level >= level }
            }
            let section = sections.map(\.text)
            if let level = start.heading { sections.append((level, infos[first].headingText)) }
            if let (level, name) = start.programme {
                programmes.removeAll { $0.level >= level }
                programmes.append((level, Programme(name: name, line: first + 1)))
            }
            var amounts: [Amount] = []
            for i in range where !infos[i].isBlank {
                let info = infos[i]
                if info.amountCount == 0 && !info.isLabelOnly { resolver.clear() }
                if info.amountCount == 0 && !info.isLabelOnly { continue }
                if info.isLabelOnly { resolver.startLabelLine() }
                for token in info.tokens {
                    switch token {
                    case let .label(label): resolver.push(label)
                    case let .amount(amount, context):
                        let (role, fiscalYear) = resolver.resolve(context)
                        amounts.append(Amount(text: amount.text, yen: amount.yen, role: role, fiscalYear: fiscalYear))
                    }
                }
            }
            passages.append(Passage(
                id: "\(stem):\(first + 1)", doc: document.name, title: title, lines: [first + 1, range.upperBound],
                section: section, text: lines[range].joined(separator: "\n"),
                programme: programmes.last?.programme, amounts: amounts))
        }
        return passages
    }

    /// The document's name, title, fiscal year and passage count.
    public static func info(of document: CorpusDocument, passages: [Passage]) -> DocumentInfo {
        // The title and the year come from the first lines: scan no more than those.
        let lines = Array(splitLines(document.text).prefix(200))
        let infos = lines.map(LineScanner.scan)
        let year = RoleResolver.documentYear(of: infos)
        return DocumentInfo(doc: document.name, title: title(of: infos, lines: lines),
                            fiscalYear: year.map { FiscalYear.text($0.0) }, passages: passages.count)
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

    /// The first non-empty line, without markdown `#`.
    static func title(of infos: [LineInfo], lines: [Substring]) -> String {
        guard let i = infos.firstIndex(where: { !$0.isBlank }) else { return "" }
        var title = Substring(String(lines[i]).trimmingSpaces())
        if infos[i].markdownLevel > 0 { title = title.drop { $0 == "#" } }
        return String(title).trimmingSpaces()
    }

    /// What line `i` opens: a heading (its level) and/or a programme (its level and name).
    static func opening(_ infos: [LineInfo], _ i: Int, markdown: Bool, titleLine: Int?)
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
        if !markdown, info.isPageTitle, !info.nameIsPagePart, i == 0 || infos[i - 1].isBlank || info.isIndentedOnce,
           ProgrammeFinder.amountFollows(infos, after: i) == nil, let name = info.name {
            return (2, (2, name))
        }
        if info.namesWithFigure, !info.nameIsPagePart, let name = info.name { return (nil, (itemLevel, name)) }
        if let name = info.name, !info.nameIsPagePart, info.amountCount == 0,
           let labelled = ProgrammeFinder.amountFollows(infos, after: i) {
            if labelled && !markdown {
                let level = info.isNumbered ? 1 : 2
                return (level, (level, name))
            }
            return (nil, (itemLevel, name))
        }
        if !markdown, i != titleLine, info.isShortText, i == 0 || infos[i - 1].isBlank, i + 1 == infos.count || infos[i + 1].isBlank {
            return (3, nil)
        }
        return (nil, nil)
    }

    /// The line ranges of the passages (each starts and ends on a non-empty line).
    static func units(_ infos: [LineInfo], markdown: Bool, titleLine: Int?) -> [Range<Int>] {
        var units: [Range<Int>] = []
        var start = -1
        var last = -1
        var length = 0
        var openedHeader = false  // the unit so far is a heading or a programme with its amount lines
        func close() { if start >= 0 { units.append(start..<(last + 1)) } }
        for i in infos.indices where !infos[i].isBlank {
            let info = infos[i]
            let opens = opening(infos, i, markdown: markdown, titleLine: titleLine)
            let isStart = opens.heading != nil || opens.programme != nil
            var join = false
            if start >= 0 && !isStart {
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
            }
            last = i
        }
        close()
        return units
    }
}
