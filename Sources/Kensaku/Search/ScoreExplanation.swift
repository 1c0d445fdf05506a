/// How a hit's score is made (`--explain`, HTTP `explain=true`; docs/QUERY.md, "Explain"):
/// `score = (Σ clauses[i].score + preferences) × factor`, ranked after `tier`. Encoded as
/// `{"clauses","factor","preferences","score","tier"}`; numbers rounded to 3 decimals.
public struct ScoreExplanation: Codable, Sendable, Hashable {
    /// One clause of the query (a term or phrase, or several joined by OR) that the passage matches.
    public struct Clause: Codable, Sendable, Hashable {
        /// The clause as written (`量子`, `量子 OR 光`).
        public var query: String
        /// Occurrences in the passage's text (BM25's term frequency); 0 when only a label matched.
        public var tf: Int
        /// Passages the clause matches (BM25's document frequency).
        public var df: Int
        /// `ln(1 + (N − df + 0.5) / (df + 0.5))`, N the passages of the index.
        public var idf: Double
        /// The passage's length in characters of the character stream (the field length).
        public var fieldLength: Int
        /// The index's average field length.
        public var averageFieldLength: Double
        /// `idf · tf · (k1 + 1) / (tf + k1 · (1 − b + b · fieldLength / averageFieldLength))`,
        /// k1 = 1.2, b = 0.75 (Robertson and Zaragoza, "The Probabilistic Relevance Framework:
        /// BM25 and Beyond", 2009), before the weights below.
        public var bm25: Double
        /// The match is of whole words; otherwise bm25 is weighted by 0.3.
        public var wholeWord: Bool
        /// The clause matches the passage's programme name: + idf × 0.8 (with text) or 0.45 (alone).
        public var inProgramme: Bool
        /// The clause matches a section heading: + idf × 0.2 (with text) or 0.15 (alone).
        public var inSection: Bool
        /// Matched only through an abbreviation's other form: the clause's score × 0.6.
        public var expansionOnly: Bool
        /// The clause's part of the score, after the weights and boosts.
        public var score: Double

        enum CodingKeys: String, CodingKey {
            case query, tf, df, idf, bm25, score
            case fieldLength = "field_length", averageFieldLength = "average_field_length", wholeWord = "whole_word"
            case inProgramme = "in_programme", inSection = "in_section", expansionOnly = "expansion_only"
        }
    }

    /// The matched clauses, in query order.
    public var clauses: [Clause]
    /// 0.2 for each preference term (`~term`) the passage matches.
    public var preferences: Double
    /// The intent and year factor: × 1.5 when the query asks for an amount and the passage states
    /// one (× 1.3 more for the asked role), × 1.5 for an amount of the asked year (× 1.25 when only
    /// the document's year is); 1 otherwise.
    public var factor: Double
    /// Clauses the passage holds literally where NFKC changed their meaning (① for ①): a higher
    /// tier ranks first whatever the score.
    public var tier: Int
    /// The hit's score.
    public var score: Double

    static func rounded(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
}
