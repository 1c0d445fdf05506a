/// Reads lines into ``LineInfo``.
enum LineScanner {
    static func scan(_ line: Substring) -> LineInfo { scan(Array(line.unicodeScalars)) }

    static func scan(_ s: [Unicode.Scalar]) -> LineInfo {
        var info = LineInfo()
        info.length = s.count
        var a = 0
        var b = s.count
        while a < b, Analyzer.isWhitespace(s[a].value) { a += 1 }
        while b > a, Analyzer.isWhitespace(s[b - 1].value) { b -= 1 }
        if a == b { return info }
        info.isBlank = false

        var level = 0
        while a + level < b, s[a + level] == "#", level < 6 { level += 1 }
        if level > 0, a + level < b, s[a + level] == " " {
            info.markdownLevel = level
            a += level
        }
        var body = a
        while body < b {
            let c = s[body].value
            if Analyzer.isWhitespace(c) { body += 1; continue }
            if c == 0x2A, body + 1 < b, s[body + 1] == "*" { break }  // bold, not a bullet
            if isMarker(c) {
                info.hasMarker = true
                if c == 0x25C6 || c == 0x25C7 { info.hasDiamond = true }
                if body == a, headingMarkers.contains(s[body]) { info.hasHeadingMarker = true }
                if body == a, (0x2460...0x2473).contains(c) { info.opensWithCircledNumber = true }
                body += 1
                continue
            }
            break
        }
        if body < b {
            let first = s[body].value
            info.isNote = first == 0x203B  // ※
            info.startsWithBracket = first == 0x3010 || first == 0xFF3B || first == 0x5B
            if AmountParser.digit(first) != nil {
                var k = body
                while k < b, AmountParser.digit(s[k].value) != nil { k += 1 }
                info.isNumbered = k < b && (s[k] == "." || s[k] == "．") && k + 1 < b
                    && AmountParser.digit(s[k + 1].value) == nil
            }
            if first == 0x28 || first == 0xFF08 {
                // `(担当:…)` names who is in charge: the foot of a page, no subtitle.
                let inCharge = FiscalYear.at(s, body + 1, "担当") || FiscalYear.at(s, body + 1, "扫当")
                info.isSubtitle = b - body <= 60 && !inCharge
            }
        }
        scanTokens(s, from: a, to: b, body: body, into: &info)

        var nameEnd = b
        if let firstFigure = info.tokens.firstIndex(where: {
            if case .amount = $0 { return true } else { return false }
        }) {
            if case let .amount(amount, context, q) = info.tokens[firstFigure], context == .figure, !q.perUnit {
                nameEnd = amount.start
                info.namesWithFigure = true
                // `女子中高生の理系進路選択支援プログラム 令和８年度要求・要望額 134百万円`: the name ends at the label.
                if let start = info.firstTokenStart, start < nameEnd, start > body {
                    nameEnd = start
                    info.namesBeforeLabel = true
                }
            } else if case .label? = info.tokens.first, let start = info.firstTokenStart, start > body {
                // The name, then its label and figure in brackets: `… プログラム 【令和7年度補正予算額 10億円】`.
                nameEnd = start
                while nameEnd > body, "【［[（( 　".unicodeScalars.contains(s[nameEnd - 1]) { nameEnd -= 1 }
                info.namesWithFigure = true
                info.namesBeforeLabel = true
            } else {
                nameEnd = body
            }
        }
        info.name = ProgrammeFinder.name(from: s[body..<nameEnd])
        if info.amountCount == 0, !info.hasLabel { info.definedName = definedName(s, from: body, to: b) }
        if !info.namesWithFigure, info.amountCount == 0, info.hasLabel { info.name = nil }
        if info.namesWithFigure, info.name == nil { info.namesWithFigure = false; info.namesBeforeLabel = false }
        info.nameIsPagePart = info.name.map(ProgrammeFinder.isPagePart) ?? false
        let organisationEnd = organisationLabelEnd(s, from: body, to: b)
        info.isOrganisationLabel = info.amountCount == 0 && organisationEnd == b
        if info.amountCount == 0, info.hasLabel, leadsIn(s, from: body, to: b),
           case let .label(label)? = info.tokens.first(where: { if case .label = $0 { true } else { false } }),
           label.kind == .supplementary {
            info.leadInLabel = label
        }
        if info.startsWithLabel, info.amountCount == 0, let start = info.firstTokenStart,
           let (_, end) = FiscalYear.label(in: s, at: start) {
            let parts = s[end..<b].split(whereSeparator: { Analyzer.isWhitespace($0.value) })
            let names = parts.compactMap { ProgrammeFinder.name(from: $0) }
            if names.count >= 2, names.count == parts.count, names.allSatisfy({ $0.unicodeScalars.count >= 4 }) { info.columnNames = names }
        }
        var itemStart = body
        if info.amountCount > 0, let close = organisationEnd {
            info.opensWithOrganisation = true
            itemStart = close
            while itemStart < b, Analyzer.isWhitespace(s[itemStart].value) || isMarker(s[itemStart].value) { itemStart += 1 }
        }
        if info.namesWithFigure {
            info.itemName = info.name
        } else if info.amountCount > 0, info.hasMarker || info.isNote || info.opensWithOrganisation, info.tokens.contains(where: {
            // Only a line stating a budget figure names an item; `●研究費:1.5~5億円程度/チーム` states an attribute.
            guard case let .amount(_, place, q) = $0, !q.perUnit else { return false }
            return (place != .loose || info.hasLabel) && place != .share && place != .attribute
        }) {
            var from = itemStart
            while from < b, s[from] == "※" || Analyzer.isWhitespace(s[from].value) { from += 1 }
            // `※この他、次世代…プログラム(SPRING) による…`: the note's lead-in is not the name.
            for lead in ["このほか、", "この他、", "別途、", "このほか", "この他", "別途"] where FiscalYear.at(s, from, lead) {
                from += lead.unicodeScalars.count
                break
            }
            var to = from
            while to < b, !"(（【[［".unicodeScalars.contains(s[to]), AmountParser.digit(s[to].value) == nil { to += 1 }
            if let name = ProgrammeFinder.name(from: s[from..<to]), ProgrammeFinder.isItemName(name) { info.itemName = name }
        }
        // `10,635百万円(10,635百万円) 特別研究員事業(DC)`: the figures first, the item's name after them.
        if info.itemName == nil, info.amountCount > 0, case let .amount(last, _, q)? = info.tokens.last, !q.perUnit,
           last.end < b, let name = ProgrammeFinder.name(from: s[trailingTextStart(s, after: last.end, end: b)..<b]),
           ProgrammeFinder.hasProgrammeEnding(name), ProgrammeFinder.isItemName(name),
           !name.contains("/"), !name.contains("／"), !name.hasPrefix("程度") {
            info.itemName = name
        }
        let headingStart = info.isNumbered || info.markdownLevel > 0 ? a : body
        // Only a markdown line or a line that can be a name can open a section.
        if info.isNumbered && info.name != nil {
            info.headingText = ProgrammeFinder.clean(s[body..<(info.namesWithFigure ? nameEnd : b)])
        } else if info.name != nil || info.markdownLevel > 0 {
            info.headingText = info.name ?? ProgrammeFinder.clean(s[headingStart..<b])
        }
        info.isShortText = info.amountCount == 0 && !info.hasLabel && !info.hasMarker && !info.isNote
            && !info.isSubtitle && info.name != nil && b - body <= 100
            && (4...40).contains(info.name.map { $0.unicodeScalars.count } ?? 0)
        info.isIndentedOnce = a == 1 && s[0] == " "
        // A longer title names its programme in brackets (`…博士後期課程学生の育成 (次世代AI人材育成プログラム)`).
        let bracketedTitle = info.name.map { name in
            name.unicodeScalars.count <= 60 && (name.hasSuffix(")") || name.hasSuffix("）")) && ProgrammeFinder.hasProgrammeEnding(name)
        } ?? false
        let shortEnough = info.isShortText || (bracketedTitle && info.amountCount == 0 && !info.hasLabel && !info.hasMarker
            && !info.isNote && !info.isSubtitle)
        info.isPageTitle = shortEnough && info.markdownLevel == 0
            && info.name.map { ProgrammeFinder.hasProgrammeEnding($0, weak: info.isIndentedOnce) } == true
        return info
    }

    /// The offsets of the line's top-level square brackets (【 ［ [), one per bracketed group.
    static func bracketStarts(_ s: [Unicode.Scalar]) -> [Int] {
        var starts: [Int] = []
        var depth = 0
        for (k, c) in s.enumerated() {
            if "【［[".unicodeScalars.contains(c) { if depth == 0 { starts.append(k) }; depth += 1 }
            if "】］]".unicodeScalars.contains(c) { depth = max(0, depth - 1) }
        }
        return starts
    }

    /// Past `＜文部科学省＞` when the line opens with an organisation's label, else nil.
    static func organisationLabelEnd(_ s: [Unicode.Scalar], from body: Int, to b: Int) -> Int? {
        guard body < b, s[body] == "＜" || s[body] == "<" || s[body] == "〈",
              let close = s[body..<b].firstIndex(where: { $0 == "＞" || $0 == ">" || $0 == "〉" }), close > body + 1,
              ProgrammeFinder.isOrganisation(Array(s[(body + 1)..<close])) else { return nil }
        return close + 1
    }

    /// `…補正予算において、以下について基金を措置`: a sentence that introduces the figures after it.
    static func leadsIn(_ s: [Unicode.Scalar], from a: Int, to b: Int) -> Bool {
        var end = b
        while end > a, s[end - 1] == "。" || s[end - 1] == "：" || s[end - 1] == ":" { end -= 1 }
        let introduces = ["措置", "計上", "以下の通り", "以下のとおり"].contains { word in
            let n = word.unicodeScalars.count
            return end - a >= n && FiscalYear.at(s, end - n, word)
        }
        return introduces && (FiscalYear.contains(s, "において", in: a..<b) || FiscalYear.contains(s, "により", in: a..<b))
    }

    /// Where the text after a line's last figure starts: past closing brackets, the brackets of
    /// figures (`(10,635百万円)`) and spaces.
    static func trailingTextStart(_ s: [Unicode.Scalar], after end: Int, end b: Int) -> Int {
        var i = end
        while i < b, ")）】]］ 　".unicodeScalars.contains(s[i]) { i += 1 }
        return i
    }

    /// Markers that head a block of their own.
    static let headingMarkers: Set<Unicode.Scalar> = Set("▶▷►◆◇●■□◎○▼".unicodeScalars)

    /// Bullets and markers that open a line.
    static func isMarker(_ c: UInt32) -> Bool {
        switch c {
        case 0x2D, 0x2A, 0x3E, 0xFF0D, 0x2010...0x2015, 0x2212, 0x30FB, 0xFF65, 0x2022, 0x25A0...0x25FF,
             0x2600...0x27BF, 0x2460...0x24FF, 0x3007, 0x2B50...0x2B55, 0x1F000...0x1FAFF, 0x226B,
             0xE000...0xF8FF:  // private-use glyphs left by PDF extraction
            return true
        default:
            return false
        }
    }

    /// Words that may stand beside amounts on an amount line.
    private static let smallWords: [[Unicode.Scalar]] = ["対前年度同額", "新規", "同額", "総額", "内数", "（案）", "(案)", "等", "計", "案"]
        .map { Array($0.unicodeScalars) }

    /// The length of the small word at `i`, or 0.
    private static func smallWord(_ s: [Unicode.Scalar], at i: Int) -> Int {
        for word in smallWords where word[0] == s[i] && i + word.count <= s.count {
            if s[i..<(i + word.count)].elementsEqual(word) { return word.count }
        }
        return 0
    }

    /// Labels and amounts of `s[a..<b]`; `body` is where the line's text starts past its markers.
    private static func scanTokens(_ s: [Unicode.Scalar], from a: Int, to b: Int, body: Int, into info: inout LineInfo) {
        var brackets: [(square: Bool, seen: Bool)] = []
        var residue = 0
        var countResidue = true
        var i = a
        // `※このほか…を計上`: figures in addition to the box's own, with its role.
        let inAddition = FiscalYear.contains(s, "このほか", in: a..<b) || FiscalYear.contains(s, "この他", in: a..<b)
        var previousEnd: Int?     // where the line's previous figure ends
        var lineItem: String?     // a second item of the line, named after the first one's figures
        func markSeen() { if !brackets.isEmpty { brackets[brackets.count - 1].seen = true } }
        while i < b {
            let c = s[i].value
            // `（2025年度 8億円）`, `（令和7年度 18億円）`: a year right before a figure in brackets is
            // that figure's label; the figure stays the first thing in its brackets.
            if !brackets.isEmpty, c == 0x4EE4 || c == 0x4ECA || c == 0x46 || c == 0xFF26 || AmountParser.digit(c) != nil,
               let (year, end) = FiscalYear.yearBeforeFigure(s, at: i, to: b) {
                if info.tokens.isEmpty { info.firstTokenStart = i }
                info.tokens.append(.label(BudgetLabel(kind: .budget, year: year)))
                info.hasLabel = true
                i = end
                continue
            }
            if AmountParser.digit(c) != nil || AmountParser.startsOCRNumber(s, i) {
                if let amount = AmountParser.scan(s, at: i), amount.end <= b {
                    if info.tokens.isEmpty { info.firstTokenStart = amount.start }
                    var place = context(s, amount, end: b, brackets: brackets)
                    if isShare(s, before: amount.start, lineStart: a) {
                        place = isAttribute(s, before: amount.start, lineStart: a) ? .attribute : .share
                    }
                    if inAddition, place == .loose || place == .figure { place = .inAddition }
                    var q = qualifier(s, amount, lineStart: a, end: b)
                    if place == .share, !q.perUnit { q.ownName = shareName(s, before: amount.start, lineStart: a) }
                    if place == .inAddition, !q.perUnit { q.ownName = noteName(s, before: amount.start, lineStart: a) }
                    if let prev = previousEnd {
                        // A second item after a marker; other text before a figure ends the last one.
                        if let name = secondItemName(s, from: prev, to: amount.start) { lineItem = name }
                        else if s[prev..<amount.start].contains(where: { ProgrammeFinder.isLetter($0.value) }),
                                !["年度", "予算", "要求", "補正"].contains(where: { FiscalYear.contains(s, $0, in: prev..<amount.start) }) { lineItem = nil }
                    }
                    if q.ownName == nil, let sized = sizedName(s, after: amount.end, to: b) { q.ownName = sized }
                    if q.ownName == nil, !q.perUnit, place != .share, place != .attribute {
                        // A name right before a figure also names the figures in brackets after it
                        // (`…事業に12億円（前年度10億円）を計上`), until other text comes.
                        if let named = namedBefore(s, figure: amount.start, from: previousEnd ?? a, body: body) { lineItem = named }
                        q.ownName = lineItem
                    }
                    previousEnd = amount.end
                    // `年額4,344千円 ⇒ 5,292千円`: the figure after the arrow is of the same kind.
                    if q.arrow > 0, case let .amount(_, _, before)? = info.tokens.last(where: { if case .amount = $0 { true } else { false } }),
                       before.perUnit { q.perUnit = true }
                    // `最大25億円程度（５億円程度／年）`: the figure before a per-year one covers several years.
                    if q.perYear, case let .amount(outer, outerPlace, outerQ)? = info.tokens.last, outerQ.perUnit,
                       amount.start - outer.end <= 4 {
                        var total = outerQ
                        total.multiYear = true
                        info.tokens[info.tokens.count - 1] = .amount(outer, outerPlace, total)
                    }
                    info.tokens.append(.amount(amount, place, q))
                    info.amountCount += 1
                    i = amount.end
                } else {
                    i = AmountParser.skipNumber(s, from: i)
                }
                markSeen()
                continue
            }
            if let (label, end) = FiscalYear.label(in: s, at: i) {
                if let label {
                    if info.tokens.isEmpty && residue == 0 { info.startsWithLabel = true }
                    if info.tokens.isEmpty { info.firstTokenStart = i }
                    info.tokens.append(.label(label))
                    info.hasLabel = true
                } else if countResidue {
                    residue += 1  // a year mentioned in text
                }
                markSeen()
                i = max(end, i + 1)
                continue
            }
            switch c {
            case 0x28, 0xFF08:
                brackets.append((false, false))
            case 0x3010, 0x5B, 0xFF3B, 0x3014:
                brackets.append((true, false))
            case 0x29, 0xFF09, 0x3011, 0x5D, 0xFF3D, 0x3015:
                if !brackets.isEmpty { brackets.removeLast() }
            case 0x203B:  // ※: what follows a figure is a note
                if info.amountCount > 0 { countResidue = false }
                markSeen()
            default:
                if Analyzer.isWhitespace(c) { break }
                markSeen()
                let word = smallWord(s, at: i)
                if word > 0 {
                    i += word
                    continue
                }
                if isPunctuation(c) { break }
                if countResidue { residue += 1 }
            }
            i += 1
        }
        info.isAmountLine = info.amountCount > 0 && residue == 0
        info.isLabelOnly = info.amountCount == 0 && info.hasLabel && residue == 0
    }

    private static func isCloser(_ c: UInt32) -> Bool {
        c == 0x29 || c == 0xFF09 || c == 0x3011 || c == 0x5D || c == 0xFF3D || c == 0x3015
    }

    private static func isPunctuation(_ c: UInt32) -> Bool {
        switch c {
        case 0x21...0x2F, 0x3A...0x40, 0x7C, 0x7E, 0xFF1A, 0xFF0C, 0x3001, 0x3002, 0x30FB, 0xFF0D, 0xFF0B, 0xFF5E,
             0x301C, 0xFF5C, 0xFF0F, 0xFF0E, 0x2010...0x2015, 0x2212, 0x00B7:
            return true
        default:
            return AmountParser.digit(c) != nil || (c >= 0x2460 && c <= 0x24FF)
        }
    }

    /// Words before a figure that make it a per-unit, average or cap figure.
    private static let perUnitBefore = ["あたり", "当たり", "当り", "上限", "平均", "単価", "年額", "月額", "日額", "年間",
                                        "最大", "最高額", "限度額", "×", "1件", "１件", "1人", "１人", "一人", "毎年"]
    /// Words after a figure that make it one.
    private static let perUnitAfter = ["（平均）", "(平均)", "/", "／", "×", "程度/", "程度／", "/年", "を上限", "上限"]

    /// Words before a figure that make it a total over a programme's years.
    private static let multiYearWords = ["総額", "総事業費", "総整備費", "総経費", "総工費"]

    /// Per-unit words and arrows around `amount` (see ``AmountQualifier``).
    private static func qualifier(_ s: [Unicode.Scalar], _ amount: ScannedAmount, lineStart: Int, end b: Int) -> AmountQualifier {
        var q = AmountQualifier()
        q.signed = amount.signed
        // The clause before the figure: back to a comma, a full stop, a closing bracket or another figure.
        var from = amount.start
        while from > lineStart, amount.start - from < 12 {
            let c = s[from - 1]
            if c == "、" || c == "。" || c == "，" || c == "）" || c == ")" || c == "】" || c == "円" || c == "⇒" || c == "→" { break }
            from -= 1
        }
        let before = Array(s[from..<amount.start])
        let after = Array(s[amount.end..<min(b, amount.end + 6)])
        // `【～5億円、7年】`: "up to", a cap.
        let capped = amount.start > lineStart && AmountParser.isTilde(s[amount.start - 1].value)
        // A range quoted in a bracket or in text (`【5,000万円～2億円、5年】`) is the size of one grant.
        let looseRange = amount.yenMax != nil && !(amount.start > lineStart && "（(【[［".unicodeScalars.contains(s[amount.start - 1])
            && amount.end < b && ")）】]］".unicodeScalars.contains(s[amount.end]))
        q.perUnit = capped || looseRange || perUnitBefore.contains { FiscalYear.contains(before, $0) }
            || perUnitAfter.contains { FiscalYear.at(after, 0, $0) }
        q.multiYear = multiYearWords.contains { FiscalYear.contains(before, $0) }
            || FiscalYear.contains(s, "年間で", in: max(lineStart, amount.start - 20)..<amount.start)
        q.sum = FiscalYear.contains(before, "合計")
        q.perYear = ["／年", "/年", "程度／年", "程度/年"].contains { FiscalYear.at(after, 0, $0) }
        let next = AmountParser.skipSpaces(s, from: amount.end)
        if next < b, s[next] == "⇒" || s[next] == "→" { q.arrow = -1 }
        var prev = amount.start
        while prev > lineStart, s[prev - 1] == " " || s[prev - 1] == "　" { prev -= 1 }
        if prev > lineStart, s[prev - 1] == "⇒" || s[prev - 1] == "→" { q.arrow = 1 }
        return q
    }

    /// The name before `：` in `…、GIGAスクール構想の推進:26億円`: back to a comma, a bracket or the
    /// line's start; nil for an agency's acronym (`JST`) or no plausible name.
    private static func shareName(_ s: [Unicode.Scalar], before start: Int, lineStart: Int) -> String? {
        var j = start
        while j > lineStart, s[j - 1] == " " || s[j - 1] == "　" { j -= 1 }
        guard j > lineStart, s[j - 1] == "：" || s[j - 1] == ":" else { return nil }
        let end = j - 1
        var k = end
        while k > lineStart, !"、，,（(【[「 　".unicodeScalars.contains(s[k - 1]) { k -= 1 }
        let text = s[k..<end]
        guard text.count >= 4, !text.allSatisfy({ ProgrammeFinder.isLatin($0.value) || $0 == "-" }) else { return nil }
        guard let name = ProgrammeFinder.name(from: text), ProgrammeFinder.isItemName(name),
              !["費", "額", "数", "単価"].contains(where: { name.hasSuffix($0) }) else { return nil }  // `研究費：`, `件数・単価：`
        return name
    }

    /// `配分対象経費:1,000億円`, `研究費：`: a colon after a word for a kind of cost or count
    /// (費, 額, 数) gives an attribute, not an organisation's share.
    private static func isAttribute(_ s: [Unicode.Scalar], before start: Int, lineStart: Int) -> Bool {
        var j = start
        while j > lineStart, s[j - 1] == " " || s[j - 1] == "　" { j -= 1 }
        guard j - 1 > lineStart, s[j - 1] == "：" || s[j - 1] == ":" else { return false }
        return "費額数".unicodeScalars.contains(s[j - 2])
    }

    /// The item of a note in the middle of a line: `…を推進 ※このほか、国立大学法人先端研究推進費補助金等
    /// 131億円(…)を計上` → `国立大学法人先端研究推進費補助金等`; nil when the note is at the line's start
    /// (the line's own item names it) or names nothing.
    private static func noteName(_ s: [Unicode.Scalar], before start: Int, lineStart: Int) -> String? {
        guard let mark = s[lineStart..<start].lastIndex(of: "※"), s[lineStart..<mark].contains(where: { !Analyzer.isWhitespace($0.value) }) else { return nil }
        var from = mark + 1
        for lead in ["このほか、", "この他、", "このほか", "この他"] where FiscalYear.at(s, from, lead) {
            from += lead.unicodeScalars.count
            break
        }
        guard from < start, let name = ProgrammeFinder.name(from: s[from..<start]), ProgrammeFinder.isItemName(name) else { return nil }
        return name
    }

    /// A share of the figure before it: `JST：20億円`, `うちAMED 583億円`.
    private static func isShare(_ s: [Unicode.Scalar], before start: Int, lineStart: Int) -> Bool {
        var j = start
        while j > lineStart, s[j - 1] == " " || s[j - 1] == "　" { j -= 1 }
        guard j > lineStart else { return false }
        if s[j - 1] == "：" || s[j - 1] == ":" { return true }
        return FiscalYear.contains(s, "うち", in: max(lineStart, j - 12)..<j)
    }

    /// The position of `amount` in its line (see ``AmountContext``).
    private static func context(_ s: [Unicode.Scalar], _ amount: ScannedAmount, end b: Int,
                                brackets: [(square: Bool, seen: Bool)]) -> AmountContext {
        let j = AmountParser.skipSpaces(s, from: amount.end)
        let next: UInt32? = j < b ? s[j].value : nil
        if let top = brackets.last, !top.seen {
            // Alone in its brackets: `(9,780億円)`, `【3,677億円】`, `【74億円(DX…事業)の内数】`,
            // not `【5,000万円～2億円、5年】`.
            let afterIncludedIn = amount.includedInEnd.map { AmountParser.skipSpaces(s, from: $0) }
            guard next.map(isCloser) ?? true || afterIncludedIn.map({ $0 < b && isCloser(s[$0].value) }) == true else { return .loose }
            return top.square ? .firstInSquare : .firstInParen
        }
        if brackets.isEmpty, let next {
            if next == 0x29 || next == 0xFF09 { return .closesParen }
            if next == 0x3011 || next == 0x5D || next == 0xFF3D { return .closesSquare }
        }
        guard brackets.isEmpty else { return .loose }
        // `…事業に12億円を計上`: a figure a budget verb takes is the budget's.
        if ["を計上", "を措置", "を確保", "を要求", "を要望"].contains(where: { FiscalYear.at(s, j, $0) }) { return .figure }
        switch next {
        case nil, 0x28, 0xFF08, 0x3010, 0x5B, 0xFF3B, 0x203B: return .figure
        case 0x7B49: return .figure  // 等
        case let c? where AmountParser.digit(c) != nil: return .figure  // `250億円 247億円)`
        default: return .loose
        }
    }
}
