/// How a programme was found (see docs/EXTRACTION.md, "Programmes").
public enum ProgrammeSource: String, Codable, Hashable, Sendable, CaseIterable {
    /// A title line above the passage (a page title, `◆ name`, a name line over its amount line).
    case heading
    /// Named on the same line as the amount (`未来共創推進事業 40億円（32億円）`).
    case inline
    /// The name of a table row whose cells are the amounts.
    case tableRow = "table_row"
    /// Carried over from an earlier passage of the same page or block.
    case inherited
}

/// The programme (事業・プログラム・制度) a passage or an amount belongs to.
public struct Programme: Codable, Hashable, Sendable {
    /// The programme's name as written, e.g. `博士後期課程学生の処遇向上と研究環境確保`.
    public var name: String
    /// The 1-based line of the document where the programme is named.
    public var line: Int
    /// How it was found.
    public var source: ProgrammeSource

    /// A programme named `name` on line `line`, found by `source`.
    public init(name: String, line: Int, source: ProgrammeSource = .heading) {
        self.name = name
        self.line = line
        self.source = source
    }

    enum CodingKeys: String, CodingKey { case name, line, source }

    /// Reads the current schema and the first one (no `source`: `heading`).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        line = try c.decode(Int.self, forKey: .line)
        source = try c.decodeIfPresent(ProgrammeSource.self, forKey: .source) ?? .heading
    }
}

/// What an amount stands for.
public enum AmountRole: String, Codable, Hashable, Sendable, CaseIterable {
    /// The budget (予算額, 予算額（案）, 当初予算, 本年度予算額).
    case budget
    /// The request (要求・要望額, 概算要求).
    case request
    /// The previous year's budget: in （） after a current figure, or 前年度予算額.
    case previousYear = "previous_year"
    /// A supplementary budget: in 【】 or [], or 補正予算額, 補正後.
    case supplementary
    /// Anything else: unit prices, caps, averages, figures quoted in text.
    case other
    /// An increase or decrease against the previous year (比較増△減額, 増減, 比較); negative when it fell.
    case change

    /// The roles by their code in the amount table and the store (docs/FORMAT.md: 0 budget …
    /// 5 change), kept once: `allCases` builds a new array at every use.
    static let byCode = AmountRole.allCases

    /// The role stored as `code`; `other` for a code this build does not know.
    @inline(__always)
    static func stored(_ code: Int) -> AmountRole { code >= 0 && code < byCode.count ? byCode[code] : .other }
}

/// An amount of yen stated in a passage.
public struct Amount: Codable, Hashable, Sendable {
    /// The amount as written, e.g. `1,133百万円`, `207億円`, `177億円の内数`, or a table cell `△123`.
    public var text: String
    /// The value in yen (for a range, its lower bound); negative for ▲, △ or − before it.
    public var yen: Int64
    /// For a range (`1.5～5億円`), the upper bound in yen; nil otherwise.
    public var yenMax: Int64?
    /// What the amount stands for.
    public var role: AmountRole
    /// The fiscal year as `令和N年度` (`令和元年度` for 1), or nil when unknown.
    public var fiscalYear: String?
    /// A per-unit, average or cap figure (`1拠点あたり上限3千万円`, `年間700万円（平均）`); role `other`.
    public var perUnit: Bool
    /// Written `…の内数`: part of a larger figure, not a sum of its own.
    public var includedIn: Bool
    /// The 1-based line of the document where the amount is written (0 when unknown).
    public var line: Int
    /// The programme this amount belongs to (a table row, a second item of a list), or the
    /// passage's programme; nil when none is known.
    public var programme: Programme?

    /// An amount as written, its value in yen, its role and fiscal year.
    public init(text: String, yen: Int64, role: AmountRole, fiscalYear: String?, yenMax: Int64? = nil,
                perUnit: Bool = false, includedIn: Bool = false, programme: Programme? = nil, line: Int = 0) {
        self.text = text
        self.line = line
        self.yen = yen
        self.yenMax = yenMax
        self.role = role
        self.fiscalYear = fiscalYear
        self.perUnit = perUnit
        self.includedIn = includedIn
        self.programme = programme
    }

    enum CodingKeys: String, CodingKey {
        case text, yen, role, programme, line
        case yenMax = "yen_max"
        case fiscalYear = "fiscal_year"
        case perUnit = "per_unit"
        case includedIn = "included_in"
    }

    /// Reads the current schema and the first one (text, yen, role, fiscal_year only).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        text = try c.decode(String.self, forKey: .text)
        yen = try c.decode(Int64.self, forKey: .yen)
        yenMax = try c.decodeIfPresent(Int64.self, forKey: .yenMax)
        role = try c.decode(AmountRole.self, forKey: .role)
        fiscalYear = try c.decodeIfPresent(String.self, forKey: .fiscalYear)
        perUnit = try c.decodeIfPresent(Bool.self, forKey: .perUnit) ?? false
        includedIn = try c.decodeIfPresent(Bool.self, forKey: .includedIn) ?? false
        programme = try c.decodeIfPresent(Programme.self, forKey: .programme)
        line = try c.decodeIfPresent(Int.self, forKey: .line) ?? 0
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encode(line, forKey: .line)
        try c.encode(yen, forKey: .yen)
        try c.encode(yenMax, forKey: .yenMax)  // always present, null unless a range
        try c.encode(role, forKey: .role)
        try c.encode(fiscalYear, forKey: .fiscalYear)  // always present, null when unknown
        try c.encode(perUnit, forKey: .perUnit)
        try c.encode(includedIn, forKey: .includedIn)
        try c.encode(programme, forKey: .programme)  // always present, null when none
    }
}

/// The kind of budget document, from its title and headings.
public enum DocumentKind: String, Codable, Hashable, Sendable, CaseIterable {
    /// 予算 (an enacted budget, 予算のポイント, 予算総括表).
    case budget = "予算"
    /// 予算案 / 予算額（案）: a budget proposed to the Diet.
    case budgetProposal = "予算案"
    /// 概算要求 / 要求・要望額.
    case request = "概算要求"
    /// 補正予算.
    case supplementary = "補正"
    /// A local government's 予算書 (款・項 tables).
    case budgetBook = "予算書"
}

/// A passage: a paragraph, a bullet block, a table, or a heading with its amount line.
public struct Passage: Codable, Hashable, Sendable {
    /// `<doc stem>:<first line>`, stable across rebuilds of the same document.
    public var id: String
    /// The document's file name, e.g. `000_24b64a88380a38ac.txt`.
    public var doc: String
    /// The document's title (its first non-empty line).
    public var title: String
    /// The first and last line (1-based, inclusive).
    public var lines: [Int]
    /// The headings above the passage, outermost first.
    public var section: [String]
    /// The passage's text as written (lines joined with `\n`).
    public var text: String
    /// The programme the passage belongs to, or nil.
    public var programme: Programme?
    /// Every amount the passage states, in order of appearance.
    public var amounts: [Amount]
    /// The document's fiscal years (`令和8年度`, the main one first); empty when none is found.
    public var docFiscalYears: [String]
    /// The document's kind, or nil when its title and headings don't say.
    public var docKind: DocumentKind?

    /// A passage with every field of the JSON schema.
    public init(id: String, doc: String, title: String, lines: [Int], section: [String], text: String,
                programme: Programme?, amounts: [Amount], docFiscalYears: [String] = [], docKind: DocumentKind? = nil) {
        self.id = id
        self.doc = doc
        self.title = title
        self.lines = lines
        self.section = section
        self.text = text
        self.programme = programme
        self.amounts = amounts
        self.docFiscalYears = docFiscalYears
        self.docKind = docKind
    }

    enum CodingKeys: String, CodingKey {
        case id, doc, title, lines, section, text, programme, amounts
        case docFiscalYears = "doc_fiscal_years"
        case docKind = "doc_kind"
    }

    /// Reads the current schema and the first one (no document year or kind).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        doc = try c.decode(String.self, forKey: .doc)
        title = try c.decode(String.self, forKey: .title)
        lines = try c.decode([Int].self, forKey: .lines)
        section = try c.decode([String].self, forKey: .section)
        text = try c.decode(String.self, forKey: .text)
        programme = try c.decodeIfPresent(Programme.self, forKey: .programme)
        amounts = try c.decode([Amount].self, forKey: .amounts)
        docFiscalYears = try c.decodeIfPresent([String].self, forKey: .docFiscalYears) ?? []
        docKind = try c.decodeIfPresent(DocumentKind.self, forKey: .docKind)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(doc, forKey: .doc)
        try c.encode(title, forKey: .title)
        try c.encode(lines, forKey: .lines)
        try c.encode(section, forKey: .section)
        try c.encode(text, forKey: .text)
        try c.encode(programme, forKey: .programme)  // always present, null when none
        try c.encode(amounts, forKey: .amounts)
        try c.encode(docFiscalYears, forKey: .docFiscalYears)
        try c.encode(docKind, forKey: .docKind)  // always present, null when unknown
    }
}
