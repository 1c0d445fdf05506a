/// A piece of a physical line: the whole line, or one part of a line longer than
/// ``PassageSplitter/longLine`` cut at a sentence end or a list marker.
struct LinePiece: Sendable {
    /// The 0-based physical line.
    var line: Int
    /// The 0-based piece of that line (0 for a line that was not cut).
    var segment: Int
    var text: Substring
}

/// Line-level repairs done before lines are read: long lines cut into pieces, figures split
/// over two lines joined, page boundaries found. See docs/EXTRACTION.md, "Lines".
enum LineSegmenter {
    /// The pieces of the physical lines: a line up to `longLine` scalars is one piece; a longer one
    /// is cut after `。` and before a list marker (○ ● ◆ ◇ ■ □ ・ ① … ⑳ ※ 【) that follows a space or
    /// a sentence end, the pieces staying as close to `longLine / 2`… `longLine` scalars as the text allows.
    static func pieces(of lines: [Substring], longLine: Int) -> [LinePiece] {
        var out: [LinePiece] = []
        out.reserveCapacity(lines.count)
        for (n, line) in lines.enumerated() {
            guard line.unicodeScalars.count > longLine else {
                out.append(LinePiece(line: n, segment: 0, text: line))
                continue
            }
            var cuts: [String.Index] = []
            let scalars = line.unicodeScalars
            var sinceCut = 0
            var previous: Unicode.Scalar = " "
            var i = scalars.startIndex
            while i != scalars.endIndex {
                let c = scalars[i]
                // Before a list marker after a space or a full stop, or after a full stop.
                let markerHere = isListMarker(c) && (previous == " " || previous == "　" || previous == "。")
                if markerHere, sinceCut >= 20 || cuts.isEmpty {
                    cuts.append(i)
                    sinceCut = 0
                } else if markerHere, let last = cuts.last, last != i {
                    // A short sentence before a marker (`…とする。○ 次の事業…`) stays with the piece
                    // before it: the item the marker opens still starts its own piece.
                    cuts[cuts.count - 1] = i
                    sinceCut = 0
                }
                sinceCut += 1
                previous = c
                i = scalars.index(after: i)
                if c == "。", sinceCut >= 20, i != scalars.endIndex, !isCloser(scalars[i]) {
                    cuts.append(i)
                    sinceCut = 0
                }
            }
            var start = line.startIndex
            var segment = 0
            for cut in cuts + [line.endIndex] where cut > start {
                out.append(LinePiece(line: n, segment: segment, text: line[start..<cut]))
                segment += 1
                start = cut
            }
        }
        return out
    }

    private static func isListMarker(_ c: Unicode.Scalar) -> Bool {
        "○●◆◇■□・※【◎".unicodeScalars.contains(c) || (0x2460...0x2473).contains(c.value)
    }

    private static func isCloser(_ c: Unicode.Scalar) -> Bool { "）)」』】".unicodeScalars.contains(c) }

    /// The text of consecutive pieces: pieces of one line joined as they were, lines with `\n`.
    static func join(_ pieces: ArraySlice<LinePiece>) -> String {
        var text = ""
        var previous: Int?
        for piece in pieces {
            if let previous { text += previous == piece.line ? "" : "\n" }
            text += piece.text
            previous = piece.line
        }
        return text
    }

    /// A figure split over two lines, `１兆 2,390` then `億円…`: the unit is moved up to the first
    /// line (the second keeps spaces in its place, so offsets stay). Returns the repairs made.
    static func joinSplitAmounts(_ lines: inout [[Unicode.Scalar]]) -> [(piece: Int, text: String)] {
        var repairs: [(piece: Int, text: String)] = []
        guard lines.count > 1 else { return repairs }
        for i in 0..<(lines.count - 1) {
            var end = lines[i].count
            while end > 0, Analyzer.isWhitespace(lines[i][end - 1].value) { end -= 1 }
            guard end > 0, AmountParser.digit(lines[i][end - 1].value) != nil else { continue }
            let next = lines[i + 1]
            var j = 0
            while j < next.count, Analyzer.isWhitespace(next[j].value) { j += 1 }
            guard let (_, length) = AmountParser.unitAt(next, j) else { continue }
            // The first line's tail must not already be a complete figure (`2,390` alone in a table is no amount).
            var start = end - 1
            while start > 0, AmountParser.digit(lines[i][start - 1].value) != nil || ",，.． 兆億".unicodeScalars.contains(lines[i][start - 1]) {
                start -= 1
            }
            let unit = Array(next[j..<(j + length)])
            lines[i] = Array(lines[i][..<end]) + unit + Array(lines[i][end...])
            for k in j..<(j + length) { lines[i + 1][k] = " " }
            guard let amount = AmountParser.scan(lines[i], at: firstDigit(lines[i], from: start)) else { continue }
            repairs.append((i, amount.text))
        }
        return repairs
    }

    private static func firstDigit(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var k = start
        while k < s.count, AmountParser.digit(s[k].value) == nil { k += 1 }
        return min(k, s.count - 1)
    }

    /// A `（担当：…）` footer naming who is in charge of a page.
    static func isFooter(_ s: [Unicode.Scalar]) -> Bool {
        let t = s.filter { !Analyzer.isWhitespace($0.value) }
        guard t.count <= 60, let f = t.first, f == "(" || f == "（" else { return false }
        return FiscalYear.at(t, 1, "担当") || FiscalYear.at(t, 1, "扫当")
    }

    /// A line that ends a page: a `（担当：…）` footer, a form feed, or a page number alone
    /// (`12`, `- 12 -`, `12/30`).
    static func isBoundary(_ info: LineInfo, _ s: [Unicode.Scalar]) -> Bool {
        if s.contains("\u{0C}") { return true }
        guard !info.isBlank else { return false }
        if isFooter(s) { return true }
        let t = s.filter { !Analyzer.isWhitespace($0.value) }
        let core = t.filter { $0 != "-" && $0 != "－" && $0 != "―" && $0 != "/" && $0 != "／" }
        return !core.isEmpty && core.count <= 4 && t.count <= 9 && core.allSatisfy { AmountParser.digit($0.value) != nil }
    }
}
