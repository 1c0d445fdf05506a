/// Pages whose title PDF extraction put after their content (docs/EXTRACTION.md, "Titles after
/// their page"): a diagram page's title box often comes out last, so the previous page's programme
/// runs on over the page and claims its amount box.
///
/// A page has one amount box. A second box under the same inherited programme is another page's;
/// when a title follows it before any other box, with no figure beside it (a block heading over
/// its own figure is no page title), no part of a page after it (then it heads its own page), and
/// no box of its own before the next title, the box and the passages of its page (from the last footer before it) are that
/// title's.
enum TitlesAfterContent {
    /// What the splitter noted about one passage.
    struct Mark {
        /// The passage holds a labelled budget or request figure (`令和8年度要求・要望額 1億円`).
        var isBox = false
        /// The passage holds a `（担当：…）` footer.
        var hasFooter = false
        /// The passage holds the heading of a part of a page (現状・課題, 事業概要…).
        var hasPagePart = false
    }

    /// How far after a box its title may come, in passages.
    static let reach = 40

    /// Reassigns the programme of pages whose title comes after their box; `marks` is parallel to
    /// `passages`.
    static func apply(_ passages: inout [Passage], _ marks: [Mark]) {
        var previousBox: Int?
        var k = 0
        while k < passages.count {
            defer { k += 1 }
            guard marks[k].isBox else { continue }
            defer { previousBox = k }
            guard let owner = passages[k].programme, owner.source == .inherited, let b = previousBox,
                  let before = passages[b].programme, before.name == owner.name, before.line == owner.line,
                  let t = titleAfter(passages, marks, box: k, owner: owner) else { continue }
            let title = passages[t].programme!
            // The page starts after the last footer between the two boxes, else at the box.
            let start = ((b + 1)..<k).last { marks[$0].hasFooter }.map { $0 + 1 } ?? k
            for j in start..<t {
                guard let p = passages[j].programme, p.name == owner.name, p.line == owner.line else { continue }
                passages[j].programme = Programme(name: title.name, line: title.line, source: .inherited)
                for a in passages[j].amounts.indices where passages[j].amounts[a].programme.map({ $0.name == owner.name && $0.line == owner.line }) == true {
                    passages[j].amounts[a].programme = Programme(name: title.name, line: title.line, source: .inherited)
                }
            }
        }
    }

    /// The passage of the first title after box `k` (within ``reach``), when no other box comes
    /// before it and the title gets no box of its own before the next title; nil otherwise.
    static func titleAfter(_ passages: [Passage], _ marks: [Mark], box k: Int, owner: Programme) -> Int? {
        let end = min(passages.count, k + 1 + reach)
        guard let t = ((k + 1)..<end).first(where: { j in
            marks[j].isBox || (passages[j].programme.map { $0.source == .heading && $0.name != owner.name } ?? false)
        }), !marks[t].isBox, !marks[t].hasPagePart, passages[t].amounts.isEmpty, let title = passages[t].programme else { return nil }
        // A title at the top of its own page (its parts follow it) opens that page; it closes none.
        for j in (t + 1)..<min(passages.count, t + 1 + reach) {
            if marks[j].isBox {
                return passages[j].programme.map { $0.name == title.name && $0.line == title.line } == true ? nil : t
            }
            if marks[j].hasPagePart { return nil }
            if let p = passages[j].programme, p.source == .heading, p.name != title.name { return t }
        }
        return t
    }
}
