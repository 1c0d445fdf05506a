/// A search hit: a passage with its score, highlights and, for partial hits, the terms it matched.
/// Encodes as the passage JSON (README.md) with `score`, `highlights`, `matched_in`,
/// `programme_highlights`, `section_highlights` and, on partial hits, `partial: true` and `matched_terms`.
public struct SearchHit: Codable, Sendable, Hashable {
    /// The passage.
    public var passage: Passage
    /// The ranking score (higher is better).
    public var score: Double
    /// `[start, end)` offsets into `passage.text`, in Unicode scalars, of the matches.
    public var highlights: [[Int]]
    /// True when the passage matches only some of the query's terms.
    public var partial: Bool
    /// On partial hits, the terms it matched, as written in the query.
    public var matchedTerms: [String]?
    /// Where the query matched: any of `"text"`, `"programme"`, `"section"`, in that order.
    public var matchedIn: [String]
    /// `[start, end)` offsets into `passage.programme.name`, in Unicode scalars, of the matches.
    public var programmeHighlights: [[Int]]
    /// `[heading, start, end)` triples: `heading` indexes `passage.section`, `start` and `end`
    /// are offsets into that heading in Unicode scalars.
    public var sectionHighlights: [[Int]]
    /// With ``SearchOptions/explain``: what each highlighted match stands for; nil otherwise.
    public var explain: [MatchExplanation]?
    /// With ``SearchOptions/explain``: how the score is made; nil otherwise.
    public var scoreParts: ScoreExplanation?

    /// A hit: the passage, its score, its highlights and, when partial, the terms it matched.
    /// `matchedIn` defaults to `["text"]` when there are text highlights.
    public init(passage: Passage, score: Double, highlights: [[Int]], partial: Bool = false, matchedTerms: [String]? = nil,
                matchedIn: [String]? = nil, programmeHighlights: [[Int]] = [], sectionHighlights: [[Int]] = []) {
        self.passage = passage
        self.score = score
        self.highlights = highlights
        self.partial = partial
        self.matchedTerms = matchedTerms
        self.matchedIn = matchedIn ?? (highlights.isEmpty ? [] : ["text"])
        self.programmeHighlights = programmeHighlights
        self.sectionHighlights = sectionHighlights
    }

    enum CodingKeys: String, CodingKey {
        case id, doc, title, lines, section, text, programme, amounts, score, highlights, partial
        case matchedTerms = "matched_terms", matchedIn = "matched_in", programmeHighlights = "programme_highlights"
        case sectionHighlights = "section_highlights", explain, scoreParts = "score_parts"
    }

    public init(from decoder: Decoder) throws {
        passage = try Passage(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        score = try c.decode(Double.self, forKey: .score)
        highlights = try c.decode([[Int]].self, forKey: .highlights)
        partial = try c.decodeIfPresent(Bool.self, forKey: .partial) ?? false
        matchedTerms = try c.decodeIfPresent([String].self, forKey: .matchedTerms)
        matchedIn = try c.decodeIfPresent([String].self, forKey: .matchedIn) ?? []
        programmeHighlights = try c.decodeIfPresent([[Int]].self, forKey: .programmeHighlights) ?? []
        sectionHighlights = try c.decodeIfPresent([[Int]].self, forKey: .sectionHighlights) ?? []
        explain = try c.decodeIfPresent([MatchExplanation].self, forKey: .explain)
        scoreParts = try c.decodeIfPresent(ScoreExplanation.self, forKey: .scoreParts)
    }

    public func encode(to encoder: Encoder) throws {
        try passage.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode((score * 1000).rounded() / 1000, forKey: .score)
        try c.encode(highlights, forKey: .highlights)
        try c.encode(matchedIn, forKey: .matchedIn)
        try c.encode(programmeHighlights, forKey: .programmeHighlights)
        try c.encode(sectionHighlights, forKey: .sectionHighlights)
        if let explain { try c.encode(explain, forKey: .explain) }
        if let scoreParts { try c.encode(scoreParts, forKey: .scoreParts) }
        if partial {
            try c.encode(true, forKey: .partial)
            try c.encode(matchedTerms ?? [], forKey: .matchedTerms)
        }
    }
}

/// One page of results: `{"query","total","took_us","hits":[…]}`.
public struct SearchPage: Codable, Sendable, Hashable {
    /// The query as given.
    public var query: String
    /// The number of full matches (partial hits are not counted).
    public var total: Int
    /// Time spent in the engine, in microseconds.
    public var tookUs: Int
    /// The hits of this page: full matches first, then partial ones.
    public var hits: [SearchHit]

    /// A page of results.
    public init(query: String, total: Int, tookUs: Int, hits: [SearchHit]) {
        self.query = query
        self.total = total
        self.tookUs = tookUs
        self.hits = hits
    }

    enum CodingKeys: String, CodingKey {
        case query, total, hits
        case tookUs = "took_us"
    }
}

/// Search options beyond the query text.
public struct SearchOptions: Sendable, Equatable {
    /// At most this many hits (1…``SearchOptions/maximumLimit``).
    public var limit: Int
    /// Skip this many hits first.
    public var offset: Int
    /// Full matches only (no partial hits).
    public var strict: Bool
    /// The most time one search may take, in ms; past it the search throws
    /// ``KensakuError/tooCostly(_:)``. Nil: no limit.
    public var timeBudgetMilliseconds: Int?
    /// Explain each hit's matches (``SearchHit/explain``).
    public var explain = false

    /// The time budget the CLI, `--batch`, MCP and HTTP give each query (ms).
    public static let defaultTimeBudgetMilliseconds = 2_000

    /// The largest `limit` accepted by the HTTP front; the library accepts any positive limit.
    public static let maximumLimit = 100

    /// Options: at most `limit` hits after skipping `offset`; `strict` drops partial hits.
    public init(limit: Int = 10, offset: Int = 0, strict: Bool = false,
                timeBudgetMilliseconds: Int? = SearchOptions.defaultTimeBudgetMilliseconds, explain: Bool = false) {
        self.explain = explain
        self.limit = limit
        self.offset = offset
        self.strict = strict
        self.timeBudgetMilliseconds = timeBudgetMilliseconds
    }
}
