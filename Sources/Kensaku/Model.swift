/// The programme (事業・プログラム・制度) a passage belongs to.
public struct Programme: Codable, Hashable, Sendable {
    /// The programme's name as written, e.g. `博士後期課程学生の処遇向上と研究環境確保`.
    public var name: String
    /// The 1-based line of the document where the programme is named.
    public var line: Int

    /// A programme named `name` on line `line`.
    public init(name: String, line: Int) {
        self.name = name
        self.line = line
    }
}

/// What an amount stands for.
public enum AmountRole: String, Codable, Hashable, Sendable, CaseIterable {
    /// The budget (予算額, 予算額（案）).
    case budget
    /// The request (要求・要望額).
    case request
    /// The previous year's budget: in （） after a current figure, or 前年度予算額.
    case previousYear = "previous_year"
    /// A supplementary budget: in 【】 or [], or 補正予算額.
    case supplementary
    /// Anything else.
    case other
}

/// An amount of yen stated in a passage.
public struct Amount: Codable, Hashable, Sendable {
    /// The amount as written, e.g. `1,133百万円`, `207億円`, `177億円の内数`.
    public var text: String
    /// The value in yen (for a range, its lower bound).
    public var yen: Int64
    /// What the amount stands for.
    public var role: AmountRole
    /// The fiscal year as the document writes it, e.g. `令和7年度`, or nil when unknown.
    public var fiscalYear: String?

    /// An amount as written, its value in yen, its role and fiscal year.
    public init(text: String, yen: Int64, role: AmountRole, fiscalYear: String?) {
        self.text = text
        self.yen = yen
        self.role = role
        self.fiscalYear = fiscalYear
    }

    enum CodingKeys: String, CodingKey {
        case text, yen, role
        case fiscalYear = "fiscal_year"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encode(yen, forKey: .yen)
        try c.encode(role, forKey: .role)
        try c.encode(fiscalYear, forKey: .fiscalYear)  // always present, null when unknown
    }
}

/// A passage: a paragraph, a bullet block, or a heading with its amount line.
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

    /// A passage with every field of the JSON schema.
    public init(id: String, doc: String, title: String, lines: [Int], section: [String], text: String,
                programme: Programme?, amounts: [Amount]) {
        self.id = id
        self.doc = doc
        self.title = title
        self.lines = lines
        self.section = section
        self.text = text
        self.programme = programme
        self.amounts = amounts
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
    }
}
