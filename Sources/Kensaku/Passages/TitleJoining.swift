/// Titles that PDF extraction broke over several lines, joined back before passages are cut
/// (the rules: docs/EXTRACTION.md, "What opens a programme").
extension PassageSplitter {
    /// A title wrapped over two lines, the second with the figure (`3GeV高輝度放射光施設` /
    /// `(NanoTerasu)の整備・共用等 令和8年度要求・要望額 55億円`): the first line takes the whole name
    /// and becomes a page title; the second names nothing of its own.
    static func joinWrappedTitles(_ infos: inout [LineInfo], _ lines: [[Unicode.Scalar]]) {
        guard infos.count > 1 else { return }
        for i in 0..<(infos.count - 1) {
            let a = infos[i], b = infos[i + 1]
            // Without the figure: the second line continues the first from a particle.
            if !a.isBlank, !b.isBlank, a.amountCount == 0, b.amountCount == 0, !a.hasLabel, !b.hasLabel, !b.hasMarker,
               !a.isNote, a.markdownLevel == 0, b.markdownLevel == 0, a.length <= 40, b.length <= 30, a.name != nil,
               i + 2 == infos.count || infos[i + 2].isBlank, i == 0 || infos[i - 1].isBlank {
                let first = lines[i].drop { Analyzer.isWhitespace($0.value) || LineScanner.isMarker($0.value) }
                let second = lines[i + 1].drop { Analyzer.isWhitespace($0.value) }
                if let head = second.first, "にのとを".unicodeScalars.contains(head), !second.contains("。"),
                   let joined = ProgrammeFinder.name(from: ArraySlice(Array(first) + Array(second))) {
                    infos[i].takeTitle(joined, pageTitle: false)
                    infos[i + 1].giveUpName()
                    infos[i + 1].continuesTitle = true
                    continue
                }
            }
            guard !a.isBlank, !b.isBlank, a.amountCount == 0, !a.hasLabel, !a.hasMarker, !a.isNote, a.markdownLevel == 0,
                  a.length <= 40, b.amountCount > 0, !b.hasMarker, let cut = b.firstTokenStart else { continue }
            let first = lines[i].drop { Analyzer.isWhitespace($0.value) }
            let second = lines[i + 1][..<cut].drop { Analyzer.isWhitespace($0.value) }
            // The second part continues the first: it opens with a bracket or a particle, or the first is no name alone.
            var tail = first.last
            if let t = tail, Analyzer.isWhitespace(t.value) { tail = first.last { !Analyzer.isWhitespace($0.value) } }
            guard let head = second.first, !first.isEmpty,
                  "(（のと・".unicodeScalars.contains(head) || a.name == nil || tail.map({ "/／・、の".unicodeScalars.contains($0) }) == true,
                  let joined = ProgrammeFinder.name(from: ArraySlice(Array(first) + Array(second))),
                  ProgrammeFinder.hasProgrammeEnding(joined, weak: true) || joined.hasSuffix("等") else { continue }
            infos[i].takeTitle(joined, pageTitle: true)
            infos[i + 1].giveUpName()
        }
    }

    /// Words that leave a title unfinished at the end of its first line.
    static let connectives = ["に向けた", "のための", "における", "に関する", "による", "を支える", "に係る", "を通じた", "に資する"]

    /// `生成AIモデルの透明性・信頼性の確保に向けた` / (blank) / `研究開発拠点形成`: a title whose
    /// first line ends in a connective, broken apart by extraction. The first line takes the whole
    /// name and becomes the title; the second names nothing of its own.
    static func joinTitlesAfterConnectives(_ infos: inout [LineInfo], _ lines: [[Unicode.Scalar]]) {
        for i in infos.indices where infos[i].isShortText && infos[i].name != nil && !infos[i].nameIsPagePart {
            var j = i - 1
            if j >= 0, infos[j].isBlank { j -= 1 }
            guard j >= 0, !infos[j].isBlank, infos[j].amountCount == 0, !infos[j].hasLabel, !infos[j].hasMarker,
                  !infos[j].isNote, infos[j].markdownLevel == 0, infos[j].length <= 40 else { continue }
            let first = lines[j].drop { Analyzer.isWhitespace($0.value) }
            var end = first.endIndex
            while end > first.startIndex, Analyzer.isWhitespace(first[end - 1].value) { end -= 1 }
            let head = Array(first[..<end])
            guard connectives.contains(where: { head.count > $0.unicodeScalars.count + 2 && FiscalYear.at(head, head.count - $0.unicodeScalars.count, $0) }),
                  let second = infos[i].name,
                  let joined = ProgrammeFinder.name(from: ArraySlice(head + Array(second.unicodeScalars))) else { continue }
            infos[j].takeTitle(joined, pageTitle: true)
            infos[i].giveUpName()
        }
    }

    /// `国際青少年サイエンス交流事業` / `頭脳循環人材の日本での活躍促進` / (blank): a page's title
    /// right under the umbrella programme it belongs to, with nothing else in its box. The lower
    /// line, the item, names the page.
    static func preferItemUnderUmbrella(_ infos: inout [LineInfo]) {
        guard infos.count > 2 else { return }
        for i in 1..<(infos.count - 1) where infos[i].isPageTitle && (infos[i - 1].isBlank || infos[i].isIndentedOnce) {
            let next = infos[i + 1]
            guard next.isShortText, let item = next.name, !next.nameIsPagePart, !next.isSubtitle,
                  i + 2 == infos.count || infos[i + 2].isBlank, item.unicodeScalars.count >= 8 else { continue }
            infos[i].takeTitle(item, pageTitle: true)
            infos[i + 1].giveUpName()
        }
    }
}

extension LineInfo {
    /// This line holds the whole of a title joined from several lines.
    mutating func takeTitle(_ name: String, pageTitle: Bool) {
        self.name = name
        headingText = name
        nameIsPagePart = false
        if pageTitle {
            isShortText = true
            isPageTitle = true
        }
    }

    /// This line's words went into the title of another line: it names nothing of its own.
    mutating func giveUpName() {
        name = nil
        itemName = nil
        namesWithFigure = false
        namesBeforeLabel = false
        isShortText = false
        isPageTitle = false
    }
}
