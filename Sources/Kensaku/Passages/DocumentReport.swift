/// How well one document was understood: what `kensaku inspect FILE` prints.
public struct DocumentReport: Codable, Sendable, Hashable {
    /// The file name.
    public var doc: String
    /// The document's fiscal years (`令和8年度`, the main one first).
    public var fiscalYears: [String]
    /// Its kind, or nil.
    public var kind: DocumentKind?
    /// The number of passages.
    public var passages = 0
    /// The number of amounts, by role (`budget`, `request`, …).
    public var amountsByRole: [String: Int] = [:]
    /// Amounts whose programme is unknown, as `line N: text`.
    public var amountsWithoutProgramme: [String] = []
    /// Passages without a programme.
    public var passagesWithoutProgramme = 0
    /// Tables found (a unit header with column headings).
    public var tables = 0
    /// Numbers parsed whole after a repair (split over two lines, spaced by OCR), as `line N: text`.
    public var repairedNumbers: [String] = []

    /// An empty report for a document.
    public init(doc: String, fiscalYears: [String], kind: DocumentKind?, tables: Int) {
        self.doc = doc
        self.fiscalYears = fiscalYears
        self.kind = kind
        self.tables = tables
    }

    enum CodingKeys: String, CodingKey {
        case doc, kind, passages, tables
        case fiscalYears = "fiscal_years"
        case amountsByRole = "amounts_by_role"
        case amountsWithoutProgramme = "amounts_without_programme"
        case passagesWithoutProgramme = "passages_without_programme"
        case repairedNumbers = "repaired_numbers"
    }

    /// Counts the passages' amounts into the report.
    mutating func add(_ list: [Passage]) {
        passages += list.count
        for p in list {
            if p.programme == nil { passagesWithoutProgramme += 1 }
            for a in p.amounts {
                amountsByRole[a.role.rawValue, default: 0] += 1
                if a.programme == nil { amountsWithoutProgramme.append("line \(p.lines[0]): \(a.text)") }
            }
        }
    }
}
