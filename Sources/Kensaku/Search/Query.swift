/// A parsed query (see docs/QUERY.md, "Syntax").
public struct Query: Sendable, Equatable {
    /// One thing to look for.
    public enum Atom: Sendable, Hashable {
        /// An unquoted term: variant folds, abbreviations, matched in text, programme or section.
        case term(String)
        /// A quoted phrase: NFKC + case fold only, whitespace-insensitive, in the text only.
        case phrase(String)

        /// The atom as the user wrote its content.
        public var text: String {
            switch self {
            case let .term(s), let .phrase(s): s
            }
        }
    }

    /// A comparison for `amount` filters.
    public enum Comparison: String, Sendable, Equatable {
        case greaterOrEqual = ">=", lessOrEqual = "<=", greater = ">", less = "<", equal = "="

        func holds(_ value: Int64, _ bound: Int64) -> Bool {
            switch self {
            case .greaterOrEqual: value >= bound
            case .lessOrEqual: value <= bound
            case .greater: value > bound
            case .less: value < bound
            case .equal: value == bound
            }
        }
    }

    /// A filter on passages.
    public enum Filter: Sendable, Equatable {
        case document(String)
        case year(Int)
        case programme(String)
        case amount(Comparison, Int64)
    }

    /// What a person asks for besides text: an amount, of a role, in a year.
    public struct Intent: Sendable, Equatable {
        /// The query asks for an amount (予算, 要求額, いくら…).
        public var wantsAmount = false
        /// The role it asks for, if any (要求額 → request, 補正 → supplementary).
        public var role: AmountRole?
        /// The fiscal years it prefers (Reiwa numbers).
        public var years: [Int] = []
    }

    /// Clauses that must all match; each clause is a list of alternatives (`a OR b`).
    public var clauses: [[Atom]] = []
    /// Atoms whose passages are excluded (`-term`).
    public var excluded: [Atom] = []
    /// Filters every hit must pass.
    public var filters: [Filter] = []
    /// Intent and year words: preferences, not text requirements (they still match where present).
    public var preferences: [Atom] = []
    /// What the intent words ask for.
    public var intent = Intent()

    /// Whether the query is made of quoted phrases alone (then only full matches are returned).
    public var isPhrasesOnly: Bool {
        !clauses.isEmpty && clauses.allSatisfy { $0.allSatisfy { if case .phrase = $0 { true } else { false } } }
            && preferences.isEmpty
    }
}
