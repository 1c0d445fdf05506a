/// Finds programme names (事業・プログラム・制度) in the shapes the documents write them:
/// `◆ name 31百万円(31百万円)`, `### ◆ name`, bullets with a name and an amount, a name line
/// followed by an amount line, a title above `令和3年度要求・要望額 4,232百万円`, `**name**`.
enum ProgrammeFinder {
    /// Words that make a text a budget label rather than a name.
    private static let labelWords: [[Unicode.Scalar]] = ["予算額", "要求・要望額", "要求額", "補正予算", "補下予算", "前年度", "年度予算"]
        .map { Array($0.unicodeScalars) }
    /// Words of a scheme table's attribute cells: a line holding one is no name.
    private static let attributeWords: [[Unicode.Scalar]] = ["交付先", "実施期間", "事業期間", "件数・単価", "補助率", "支援対象", "補助対象"]
        .map { Array($0.unicodeScalars) }
    /// Headings of the parts of a page, never a programme's name.
    private static let pageParts: Set<String> = [
        "事業内容", "事業概要", "事業の概要", "支援内容", "現状・課題", "背景・課題", "背景", "課題", "目的", "概要",
        "事業スキーム", "成果", "これまでの成果", "取組概要", "事業目的", "期待される成果", "実施内容",
    ]
    /// Endings that show a line broken in mid-sentence.
    private static let badEndings: Set<Unicode.Scalar> = ["、", "，", ",", "を", "に", "が", "は", "と", "で", "の", "・"]
    /// Suffixes dropped from a name.
    private static let droppedSuffixes: [[Unicode.Scalar]] = [
        "【再掲】", "［再掲］", "[再掲]", "（新規）", "(新規)", "【新規】", "（拡充）", "(拡充)", "総額", "：", ":", "(", "（", "-", "～", "~", "/", " ",
    ].map { Array($0.unicodeScalars) }
    /// Brackets that may wrap a whole name: `<AI基盤モデルの研究開発やデータの充実>`.
    private static let wrappers: [(Unicode.Scalar, Unicode.Scalar)] = [("<", ">"), ("＜", "＞"), ("〈", "〉"), ("【", "】"), ("《", "》")]

    /// The programme name `text` can be, or nil: markers, markdown and bold removed.
    static func name(from text: ArraySlice<Unicode.Scalar>) -> String? {
        // Far too long for a name, or a sentence: no need to look closer.
        if text.count > 200 || text.contains("。") || text.contains("：") { return nil }
        var name = cleanScalars(lastNamedPart(firstCell(withoutLogoInitial(text))))
        // `先端研究基盤刷新事業～研究の創造性と…実現～`: a subtitle in ～…～ after the name.
        if let last = name.last, "～〜".unicodeScalars.contains(last),
           let open = name.firstIndex(where: { "～〜".unicodeScalars.contains($0) }), open >= 4, open < name.count - 1 {
            name = Array(name[..<open])
            while name.last == " " { name.removeLast() }
        }
        var changed = true
        while changed {
            changed = false
            for suffix in droppedSuffixes where name.count >= suffix.count && name.suffix(suffix.count).elementsEqual(suffix) {
                name.removeLast(suffix.count)
                changed = true
            }
        }
        for (open, close) in wrappers where name.count > 2 && name.first == open && name.last == close {
            name = Array(name.dropFirst().dropLast())
            while name.first == " " { name.removeFirst() }
            while name.last == " " { name.removeLast() }
        }
        name = withoutEnumerator(name)
        name = withoutLeadingProse(name)
        if name.count > 4, name[0] == "う", name[1] == "ち" { name.removeFirst(2) }  // `うち…分`: a share's name
        name = withoutTrailingNode(name)
        guard isPlausible(name) else { return nil }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: name)
        return String(view)
    }

    /// Endings of programme names: 事業, プログラム, 制度…
    private static let programmeEndings: [[Unicode.Scalar]] = [
        "事業", "プログラム", "プロジェクト", "制度", "イニシアティブ", "プラン", "構想", "基金", "ファンド",
    ].map { Array($0.unicodeScalars) }
    /// Endings that make a name only when the layout says title too (an indented title box).
    private static let weakEndings: [[Unicode.Scalar]] = ["強化", "構築", "支援", "推進", "整備"].map { Array($0.unicodeScalars) }

    /// Endings of a measure (施策) heading a block: a programme's, a weak one, or 育成, 形成, 配分, 創出, 確保.
    static func hasMeasureEnding(_ name: String) -> Bool {
        hasProgrammeEnding(name, weak: true) || ["育成", "形成", "配分", "創出", "確保"].contains { name.hasSuffix($0) }
    }

    /// Whether `name` ends like a programme (an abbreviation in brackets after it is allowed).
    static func hasProgrammeEnding(_ name: String, weak: Bool = false) -> Bool {
        var s = Array(name.unicodeScalars)
        // `外国人研究者招へい事業 <外国人特別研究員>`: a scheme's name in angle brackets after the programme's.
        if let last = s.last, ">＞〉".unicodeScalars.contains(last), let open = s.lastIndex(where: { "<＜〈".unicodeScalars.contains($0) }), open >= 4 {
            s = Array(s[..<open])
            while s.last == " " || s.last == "　" { s.removeLast() }
        }
        if let last = s.last, last == ")" || last == "）", let open = s.lastIndex(where: { $0 == "(" || $0 == "（" }) {
            // `…博士後期課程学生の育成 (次世代AI人材育成プログラム)`: the bracket names the programme.
            let inner = String(String.UnicodeScalarView(s[(open + 1)..<(s.count - 1)]))
            if open >= 4, inner.unicodeScalars.count >= 6, hasProgrammeEnding(inner, weak: false) { return true }
            s = Array(s[..<open])
        }
        while s.last == " " { s.removeLast() }
        if s.contains("、") || s.contains("，") { return false }  // a sentence
        if contains(s, Array("再掲".unicodeScalars)) { return false }  // a list of programmes
        // Japanese words before the ending: `Flagshipプロジェクト` is a caption, not a title.
        return (weak ? programmeEndings + weakEndings : programmeEndings).contains { ending in
            guard s.count > ending.count, s.suffix(ending.count).elementsEqual(ending) else { return false }
            return s.dropLast(ending.count).filter { isLetter($0.value) && !isLatin($0.value) }.count >= 2
        }
    }

    /// Whether a bullet's text names an item of its own (`宇宙戦略基金の拡充`) rather than
    /// describing one (`このほか`, `うち…`, `別途…`): no sentence, no note words.
    static func isItemName(_ name: String) -> Bool {
        let s = Array(name.unicodeScalars)
        for word in ["このほか", "この他", "うち", "別途", "合計", "総額", "計上", "措置", "対前年度"] where contains(s, Array(word.unicodeScalars)) {
            return false
        }
        // `このため、受入環境の整備を推進`: a clause, not a name.
        return s.count <= 40 && !s.contains("、") && !s.contains("，")
    }

    /// Whether `name` reads as a phrase (a goal, a caption) rather than a name: four or more
    /// hiragana (`地域の社会経済を活性化し課題解決に貢献する研究大学群の形成`), where names of
    /// programmes and organisations are kanji and katakana (`革新知能統合研究センター`).
    static func readsAsPhrase(_ name: String) -> Bool {
        name.unicodeScalars.filter { (0x3041...0x309F).contains($0.value) }.count >= 4
    }

    /// Whether `name` is the heading of a part of a page (事業概要, 現状・課題…), not a programme.
    static func isPagePart(_ name: String) -> Bool { pageParts.contains(name) }

    /// The plausible names quoted in 「…」 on a line: `「若手研究」「研究活動スタート支援」` → both.
    static func quotedNames(_ s: [Unicode.Scalar]) -> [String] {
        var names: [String] = []
        var open: Int?
        for (k, c) in s.enumerated() {
            if c == "「" { open = k + 1 }
            if c == "」", let o = open {
                if let name = name(from: s[o..<k]) { names.append(name) }
                open = nil
            }
        }
        return names
    }

    /// `科 科学研究費助成事業` → `科学研究費助成事業`: a page logo's initial, extracted before the
    /// name it repeats, is dropped.
    static func withoutLogoInitial(_ text: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
        let s = text.drop { Analyzer.isWhitespace($0.value) }
        guard s.count > 4, let first = s.first, isLetter(first.value) else { return text }
        let i = s.startIndex
        return Analyzer.isWhitespace(s[i + 1].value) && s[i + 2] == first ? s[(i + 2)...] : text
    }

    /// Verb phrases that end a sentence of a neighbouring column merged before a name.
    private static let proseEnds: [[Unicode.Scalar]] = ["を推進", "を実施", "を支援", "を強化", "を促進", "を図る", "を目指す", "する"]
        .map { Array($0.unicodeScalars) }

    /// `社会に関わる研究開発、関連する人材育成等を推進特別研究員（DC）` → `特別研究員（DC）`: prose of
    /// another column, with a comma and ending in a verb phrase, merged before the name by extraction.
    static func withoutLeadingProse(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
        // A fragment that opens with a particle (`の各要素を含み、…将来構想`) is no name at all.
        guard let first = s.first, !badStarts.contains(first),
              let comma = s.firstIndex(where: { $0 == "、" || $0 == "，" }) else { return s }
        var cut: Int?
        for end in proseEnds {
            var i = s.count - end.count - 4
            while i > comma {
                if s[i..<(i + end.count)].elementsEqual(end) { cut = max(cut ?? 0, i + end.count); break }
                i -= 1
            }
        }
        guard let cut, s.count - cut >= 4 else { return s }
        return Array(s[cut...])
    }

    /// `自然共生サイト活動支援      地域環境保全対策費`: layout text puts a column gap (two or more
    /// spaces) between a name and the account it is paid from; the name is the first cell.
    static func firstCell(_ text: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
        var start = text.startIndex
        while start < text.endIndex, Analyzer.isWhitespace(text[start].value) { start += 1 }
        var i = start
        while i + 1 < text.endIndex {
            if Analyzer.isWhitespace(text[i].value), Analyzer.isWhitespace(text[i + 1].value) {
                var j = i
                while j < text.endIndex, Analyzer.isWhitespace(text[j].value) { j += 1 }
                // Only a gap between two parts of text, the first long enough to be a name.
                if j < text.endIndex, i - start >= 4 { return text[start..<i] }
                return text
            }
            i += 1
        }
        return text
    }

    /// `公私立大学の…機能強化 特色ある…支援プログラム`: a parent heading and its item on one line,
    /// apart by a space; the item (the last part, with a programme's ending) is the name.
    static func lastNamedPart(_ text: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
        var end = text.endIndex
        while end > text.startIndex, Analyzer.isWhitespace(text[end - 1].value) { end -= 1 }
        guard let space = text[..<end].lastIndex(where: { Analyzer.isWhitespace($0.value) }), space > text.startIndex,
              text[space - 1].value >= 0x3000, space + 1 < end, text[space + 1].value >= 0x3000 else { return text }
        let last = text[(space + 1)..<end]
        let before = cleanScalars(text[..<space])
        guard last.count >= 10, before.count >= 6, hasProgrammeEnding(clean(last)),
              !hasProgrammeEnding(String(String.UnicodeScalarView(before))), !"(（".unicodeScalars.contains(last.first!) else { return text }
        return last
    }

    /// Without a leading enumerator: `1 `, `4-2 `, `1. `, `I. `, `V `, `(1)`, `①`.
    static func withoutEnumerator(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var i = 0
        let roman = Set("IVXⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ".unicodeScalars)
        if i < s.count, (0x2460...0x2473).contains(s[i].value) { i += 1 }
        else {
            var j = 0
            while j < s.count, AmountParser.digit(s[j].value) != nil || s[j] == "-" || roman.contains(s[j]) { j += 1 }
            // Digits or roman numerals, then a point or a space, then a letter: an enumerator.
            if j > 0, j <= 4, j < s.count, s[j] == "." || s[j] == "．" || s[j] == " " || s[j] == "　" {
                var k = j + 1
                while k < s.count, s[k] == " " || s[k] == "　" { k += 1 }
                if k < s.count, isLetter(s[k].value) || "「『(（".unicodeScalars.contains(s[k]) { i = k }
            }
        }
        return Array(s[i...])
    }

    /// Suffixes of an organisation's name: a diagram node or an agency label, never a programme.
    private static let organisationEndings: [[Unicode.Scalar]] = [
        "省", "庁", "機構", "研究所", "法人", "振興会", "学会", "本部", "会議", "委員会", "局", "課", "大学",
    ].map { Array($0.unicodeScalars) }

    /// Whether `s` (a name without brackets) is an organisation's name.
    static func isOrganisation(_ s: [Unicode.Scalar]) -> Bool {
        var t = s
        if let last = t.last, last == "】" || last == "]", let open = t.lastIndex(where: { $0 == "【" || $0 == "[" }) { t = Array(t[..<open]) }
        while t.last == " " { t.removeLast() }
        return t.count <= 16 && organisationEndings.contains { t.count > $0.count && t.suffix($0.count).elementsEqual($0) }
            && !programmeEndings.contains { contains(t, $0) }
    }

    /// Without a diagram node after a space: `AIPセンター) 理化学研究所【拠点】` → `AIPセンター)`.
    static func withoutTrailingNode(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
        guard let space = s.lastIndex(of: " "), space > 2 else { return s }
        let tail = Array(s[(space + 1)...])
        return isOrganisation(tail) ? Array(s[..<space]) : s
    }

    /// Words that end a fragment cut before a figure (`25箇所×約`, `支援規模最大`, `研究費 : 上限`).
    private static let fragmentEndings: [[Unicode.Scalar]] = ["約", "最大", "上限", "規模", "単価", "平均", "あたり", "当たり", "程度", "総額", "合計", "計"]
        .map { Array($0.unicodeScalars) }

    /// Whether `name` reads like a programme name rather than a sentence, a label or a fragment.
    static func isPlausible(_ scalars: [Unicode.Scalar]) -> Bool {
        guard (3...160).contains(scalars.count), weightedLength(scalars) <= 80, let first = scalars.first, let last = scalars.last else { return false }
        if badStarts.contains(first) || badEndings.contains(last) || last == "額" || last == ":" { return false }
        if scalars.contains("。") || scalars.contains("：") { return false }  // a sentence; `件数・単価：…`
        if labelWords.contains(where: { contains(scalars, $0) }) { return false }
        // The attributes of a 事業スキーム table (交付先, 事業実施期間, 件数・単価, 補助率).
        if attributeWords.contains(where: { contains(scalars, $0) }) { return false }
        if badPrefixes.contains(where: { starts(scalars, $0) }) { return false }
        if closesUnopenedBracket(scalars) || containsDate(scalars) { return false }  // 学術政策研究所）令和４年１月
        // A figure's fragment, a caption in ～…～, an organisation (a page logo, a diagram node).
        if scalars.contains("×") || fragmentEndings.contains(where: { scalars.count >= $0.count && scalars.suffix($0.count).elementsEqual($0) }) { return false }
        if "～〜~".unicodeScalars.contains(first) || isOrganisation(scalars) { return false }
        // `科学技術予算のポイント`: the highlights of a budget, a document's title, no programme.
        if scalars.count >= 4, scalars.suffix(4).elementsEqual("ポイント".unicodeScalars) { return false }
        // A sentence's end: a verb or a goal (`…を目指す`, `…を想定`).
        if ["る", "た", "す", "へ", "想定", "など"].contains(where: { scalars.count > 2 && scalars.suffix($0.unicodeScalars.count).elementsEqual($0.unicodeScalars) }) { return false }
        return scalars.contains { isLetter($0.value) }
    }

    /// The length of a name with each run of Latin letters counted once: an English-led title
    /// (`AIP: Advanced Integrated Intelligence Platform Project 人工知能/…統合プロジェクト`) spends
    /// many scalars on few words, a Japanese sentence does not.
    static func weightedLength(_ s: [Unicode.Scalar]) -> Int {
        var n = 0
        var inWord = false
        for c in s {
            let latin = isLatin(c.value)
            if !latin || !inWord { n += 1 }
            inWord = latin
        }
        return n
    }

    private static let openers: Set<Unicode.Scalar> = Set("(（「『［[〔【".unicodeScalars)
    private static let closers: Set<Unicode.Scalar> = Set(")）」』］]〕】".unicodeScalars)

    /// A fragment cut from the middle of a line: a bracket closes that never opened.
    static func closesUnopenedBracket(_ s: [Unicode.Scalar]) -> Bool {
        var depth = 0
        for c in s {
            if openers.contains(c) { depth += 1 }
            if closers.contains(c) { depth -= 1; if depth < 0 { return true } }
        }
        return false
    }

    /// A date such as 令和４年１月 or 2024年4月: a citation or a footnote, not a name.
    static func containsDate(_ s: [Unicode.Scalar]) -> Bool {
        func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) || ("０"..."９").contains(c) }
        for i in s.indices where s[i] == "年" {
            var j = i + 1
            while j < s.count, isDigit(s[j]) { j += 1 }
            if j > i + 1, j < s.count, s[j] == "月" { return true }
        }
        return false
    }

    /// A source, a person in charge, a fiscal year: never a name's start.
    private static let badPrefixes: [[Unicode.Scalar]] = ["出典", "担当", "令和"].map { Array($0.unicodeScalars) }

    private static let badStarts: Set<Unicode.Scalar> = Set("※*＊(（〔[［のをにがはとで、".unicodeScalars)

    private static func starts(_ s: [Unicode.Scalar], _ word: [Unicode.Scalar]) -> Bool {
        s.count >= word.count && s[..<word.count].elementsEqual(word)
    }

    private static func contains(_ s: [Unicode.Scalar], _ word: [Unicode.Scalar]) -> Bool {
        guard s.count >= word.count else { return false }
        for i in 0...(s.count - word.count) where s[i] == word[0] && s[i..<(i + word.count)].elementsEqual(word) {
            return true
        }
        return false
    }

    /// An ASCII or full-width Latin letter.
    static func isLatin(_ c: UInt32) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A)
    }

    /// A CJK ideograph, kana or Latin letter.
    static func isLetter(_ c: UInt32) -> Bool {
        Folding.isKanji(c) || (c >= 0x3041 && c <= 0x30FF) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
            || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A)
    }

    /// `text` without `**`, `<u>`/`</u>` and surplus spaces; a space that PDF extraction put
    /// between two Japanese characters is dropped (`研究環境実現 イニシアティブ`).
    static func clean(_ text: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: cleanScalars(text))
        return String(view)
    }

    private static let tags: [[Unicode.Scalar]] = ["<u>", "</u>"].map { Array($0.unicodeScalars) }

    static func cleanScalars(_ text: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(text.count)
        var pendingSpace = false
        var lastValue: UInt32 = 0
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if c == "*", i + 1 < text.endIndex, text[i + 1] == "*" { i += 2; continue }
            if c == "<", let tag = tags.first(where: { text[i...].starts(with: $0) }) {
                i += tag.count
                continue
            }
            if Analyzer.isWhitespace(c.value) {
                pendingSpace = !out.isEmpty
                i += 1
                continue
            }
            if pendingSpace, lastValue < 0x3000 || c.value < 0x3000 { out.append(" ") }
            pendingSpace = false
            out.append(c)
            lastValue = c.value
            i += 1
        }
        return out
    }

    /// Whether the name on line `i` is followed by the line stating its amount, skipping blank
    /// lines and up to two label or subtitle lines. Nil when not; otherwise whether a budget
    /// label (予算額, 要求・要望額…) comes with it, which makes the name a page title.
    static func amountFollows(_ lines: [LineInfo], after i: Int) -> Bool? {
        var j = i + 1
        var skipped = 0
        var blanks = 0
        var labelled = false
        var prose = 0
        // A title standing alone (a blank line after it) may have a short paragraph between it and its box.
        let standalone = i + 1 < lines.count && lines[i + 1].isBlank && lines[i].isShortText
            && (lines[i].name.map { $0.unicodeScalars.count >= 8 && !$0.contains("、") } ?? false)
        while j < lines.count {
            let line = lines[j]
            j += 1
            if line.isBlank {
                blanks += 1
                if blanks > 8 { return nil }
                continue
            }
            if line.markdownLevel > 0 { return nil }
            // A bracketed note (`【令和７年度補正予算額 120億円】`) belongs to the block above the name.
            if line.isAmountLine {
                if prose > 0 { return line.startsWithLabel ? true : nil }
                // A bracketed 補正 note under a bullet (`【令和７年度補正予算額 120億円】`) belongs to the block above it.
                if line.startsWithBracket, line.hasLabel, !labelled, lines[i].markdownLevel == 0, lines[i].hasMarker { return nil }
                return labelled || line.hasLabel
            }
            if standalone, prose < 3, skipped == 0, line.amountCount == 0, !line.hasLabel, !line.hasMarker, line.name == nil {
                prose += 1
                continue
            }
            guard line.isLabelOnly || line.isSubtitle || line.startsWithLabel || line.continuesTitle, skipped < 2 else { return nil }
            labelled = labelled || line.isLabelOnly || line.startsWithLabel
            skipped += 1
        }
        return nil
    }
}

extension String {
    /// Without leading and trailing spaces.
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !Analyzer.isWhitespace($0.value) }),
              let last = scalars.lastIndex(where: { !Analyzer.isWhitespace($0.value) }) else { return "" }
        return String(scalars[first...last])
    }
}
