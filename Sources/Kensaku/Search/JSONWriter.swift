import Foundation

/// A small, fast JSON writer for the result types: keys sorted, no slashes escaped, non-ASCII
/// written as is — byte for byte what `JSONEncoder` with `.sortedKeys, .withoutEscapingSlashes`
/// writes, at a fraction of its cost (encoding ten hits took longer than finding them).
struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(4096) }

    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ s: String) {
        bytes.append(0x22)
        var s = s
        s.withUTF8 { utf8 in
            var runStart = 0
            for (i, b) in utf8.enumerated() where b < 0x20 || b == 0x22 || b == 0x5C {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                switch b {
                case 0x22: raw("\\\"")
                case 0x5C: raw("\\\\")
                case 0x0A: raw("\\n")
                case 0x0D: raw("\\r")
                case 0x09: raw("\\t")
                case 0x08: raw("\\b")
                case 0x0C: raw("\\f")
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    raw("\\u00")
                    bytes.append(hex[Int(b >> 4)])
                    bytes.append(hex[Int(b & 0xF)])
                }
                runStart = i + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(0x22)
    }

    mutating func int<T: BinaryInteger>(_ v: T) {
        bytes.append(contentsOf: Array(String(v).utf8))
    }

    mutating func double(_ v: Double) {
        if v.isFinite, v == v.rounded(), abs(v) < 1e15 {
            int(Int64(v))
        } else {
            bytes.append(contentsOf: Array("\(v)".utf8))
        }
    }

    mutating func key(_ k: StaticString, first: Bool = false) {
        if !first { bytes.append(0x2C) }
        bytes.append(0x22)
        raw(k)
        raw("\":")
    }

    /// An array of strings.
    mutating func strings(_ values: [String]) {
        raw("[")
        for (i, v) in values.enumerated() {
            if i > 0 { raw(",") }
            string(v)
        }
        raw("]")
    }

    mutating func programme(_ p: Programme?) {
        guard let p else { raw("null"); return }
        raw("{")
        key("line", first: true); int(p.line)
        key("name"); string(p.name)
        key("source"); string(p.source.rawValue)
        raw("}")
    }

    mutating func amount(_ a: Amount) {
        raw("{")
        key("fiscal_year", first: true)
        if let y = a.fiscalYear { string(y) } else { raw("null") }
        key("included_in"); raw(a.includedIn ? "true" : "false")
        key("line"); int(a.line)
        key("per_unit"); raw(a.perUnit ? "true" : "false")
        key("programme"); programme(a.programme)
        key("role"); string(a.role.rawValue)
        key("text"); string(a.text)
        key("yen"); int(a.yen)
        key("yen_max")
        if let m = a.yenMax { int(m) } else { raw("null") }
        raw("}")
    }

    /// An array of integer arrays (highlight ranges).
    mutating func ranges(_ list: [[Int]]) {
        raw("[")
        for (i, h) in list.enumerated() {
            if i > 0 { raw(",") }
            raw("[")
            for (j, v) in h.enumerated() {
                if j > 0 { raw(",") }
                int(v)
            }
            raw("]")
        }
        raw("]")
    }

    /// The passage's keys (sorted), interleaved with a hit's when `hit` is given.
    mutating func passage(_ p: Passage, hit: SearchHit? = nil) {
        raw("{")
        key("amounts", first: true)
        raw("[")
        for (i, a) in p.amounts.enumerated() {
            if i > 0 { raw(",") }
            amount(a)
        }
        raw("]")
        key("doc"); string(p.doc)
        key("doc_fiscal_years")
        strings(p.docFiscalYears)
        key("doc_kind")
        if let k = p.docKind { string(k.rawValue) } else { raw("null") }
        if let explain = hit?.explain {
            key("explain")
            raw("[")
            for (i, e) in explain.enumerated() {
                if i > 0 { raw(",") }
                raw("{")
                key("field", first: true); string(e.field)
                key("folded"); string(e.folded)
                key("folds"); strings(e.folds)
                key("matched"); string(e.matched)
                key("term"); string(e.term)
                raw("}")
            }
            raw("]")
        }
        if let hit {
            key("highlights")
            ranges(hit.highlights)
        }
        key("id"); string(p.id)
        key("lines"); raw("["); int(p.lines.first ?? 0); raw(","); int(p.lines.last ?? 0); raw("]")
        if let hit { key("matched_in"); strings(hit.matchedIn) }
        if let hit, hit.partial {
            key("matched_terms")
            strings(hit.matchedTerms ?? [])
            key("partial"); raw("true")
        }
        key("programme"); programme(p.programme)
        if let hit { key("programme_highlights"); ranges(hit.programmeHighlights) }
        if let hit { key("score"); double((hit.score * 1000).rounded() / 1000) }
        if let parts = hit?.scoreParts { key("score_parts"); scoreParts(parts) }
        key("section"); strings(p.section)
        if let hit { key("section_highlights"); ranges(hit.sectionHighlights) }
        key("text"); string(p.text)
        key("title"); string(p.title)
        raw("}")
    }

    /// `ScoreExplanation`, keys sorted as its Codable form has them.
    mutating func scoreParts(_ s: ScoreExplanation) {
        raw("{")
        key("clauses", first: true)
        raw("[")
        for (i, c) in s.clauses.enumerated() {
            if i > 0 { raw(",") }
            raw("{")
            key("average_field_length", first: true); double(c.averageFieldLength)
            key("bm25"); double(c.bm25)
            key("df"); int(c.df)
            key("expansion_only"); raw(c.expansionOnly ? "true" : "false")
            key("field_length"); int(c.fieldLength)
            key("idf"); double(c.idf)
            key("in_programme"); raw(c.inProgramme ? "true" : "false")
            key("in_section"); raw(c.inSection ? "true" : "false")
            key("query"); string(c.query)
            key("score"); double(c.score)
            key("tf"); int(c.tf)
            key("whole_word"); raw(c.wholeWord ? "true" : "false")
            raw("}")
        }
        raw("]")
        key("factor"); double(s.factor)
        key("preferences"); double(s.preferences)
        key("score"); double(s.score)
        key("tier"); int(s.tier)
        raw("}")
    }

    mutating func page(_ page: SearchPage) {
        raw("{")
        key("hits", first: true)
        raw("[")
        for (i, hit) in page.hits.enumerated() {
            if i > 0 { raw(",") }
            passage(hit.passage, hit: hit)
        }
        raw("]")
        key("query"); string(page.query)
        key("took_us"); int(page.tookUs)
        key("total"); int(page.total)
        raw("}")
    }
}

extension KensakuJSON {
    /// The search page as compact JSON (sorted keys), written without `JSONEncoder`.
    public static func encode(_ page: SearchPage) -> Data {
        var w = JSONWriter()
        w.page(page)
        return Data(w.bytes)
    }

    /// A hit as compact JSON (sorted keys).
    public static func encode(_ hit: SearchHit) -> Data {
        var w = JSONWriter()
        w.passage(hit.passage, hit: hit)
        return Data(w.bytes)
    }

    /// The search page as a compact JSON string.
    public static func string(_ page: SearchPage) -> String {
        String(decoding: encode(page), as: UTF8.self)
    }

    /// A passage as compact JSON (sorted keys).
    public static func encode(_ passage: Passage) -> Data {
        var w = JSONWriter()
        w.passage(passage)
        return Data(w.bytes)
    }
}
