/// Second looks at what a line opens, given what is running on the page (docs/EXTRACTION.md,
/// "What opens a programme"): subtitles, definitions, goal captions and catch-copy lines that
/// look like titles but are not.
extension PassageSplitter {
    typealias Opening = (heading: Int?, programme: (Int, String)?)

    /// `start` as ``opening(_:_:markdown:titleLine:titleBlockEnd:)`` found it for line `first`, or
    /// less. `running` is the stack of programmes, `namedAt` turns a line index into its 1-based
    /// line, `footers` counts the footers since the running programme was named.
    static func refine(_ start: Opening, _ infos: [LineInfo], _ scalars: [[Unicode.Scalar]], _ first: Int,
                       running: [(level: Int, programme: Programme)], namedAt: (Int) -> Int,
                       footers: Int, titleAwaitingBox: Int?) -> Opening {
        let info = infos[first]
        guard let (level, name) = start.programme else { return start }
        let onThisPage = running.contains { $0.level <= 2 } && footers == 0
        // `# AIP: Advanced Integrated Intelligence Platform Project` / `## 人工知能/…統合プロジェクト`: a
        // Japanese heading right under an English-led `#` title, nothing between, is its subtitle.
        if start.heading == 2, info.markdownLevel == 2, let above = infos[..<first].lastIndex(where: { !$0.isBlank }),
           infos[above].markdownLevel == 1, let top = running.last, top.level == 1, top.programme.line == namedAt(above),
           let lead = top.programme.name.unicodeScalars.first, ProgrammeFinder.isLatin(lead.value),
           let own = name.unicodeScalars.first, !ProgrammeFinder.isLatin(own.value) {
            return (start.heading, nil)
        }
        if let defined = info.definedName, start.heading == nil {
            // A definition (`X（以下「Y」という。）`) names a page only when nothing names it: the
            // running programme was named before the page's footer, or nothing runs. A programme
            // already running, under either name, names nothing new.
            let same = running.contains { $0.programme.name.contains(defined) || defined.contains(stripped($0.programme.name)) }
            if same || onThisPage { return (nil, nil) }
        }
        // A caption right over the page's amount box (`…研究大学群の形成` / `令和8年度要求・要望額 2億円`)
        // while the page's title still waits for its box: the box is the title's.
        if level == 2, info.amountCount == 0, !info.isPageTitle, !ProgrammeFinder.hasProgrammeEnding(name),
           ProgrammeFinder.readsAsPhrase(name), let waiting = titleAwaitingBox, running.last?.programme.line == waiting,
           let next = infos[(first + 1)...].firstIndex(where: { !$0.isBlank }),
           infos[next].isLabelOnly || infos[next].startsWithLabel || infos[next].isAmountLine {
            return (nil, nil)
        }
        // A catch-copy line over the page's first part (`地域と共に未来を創る大学づくりの推進` /
        // `背景・課題`) while the page's title runs: no new title.
        if info.markdownLevel == 0, ProgrammeFinder.readsAsPhrase(name), onThisPage,
           first + 1 < infos.count, infos[first + 1].nameIsPagePart {
            return (nil, nil)
        }
        return start
    }

    /// A programme's name without its leading abbreviation (`WPI: 世界…` → `世界…`).
    private static func stripped(_ name: String) -> String {
        guard let colon = name.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return name }
        return String(name[name.index(after: colon)...]).trimmingSpaces()
    }
}
