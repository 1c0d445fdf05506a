/// The fixed list of benchmark queries, each with its nearest anchor equivalent (SQLite FTS5 trigram, tantivy).
///
/// FTS5 translation rules (the trigram tokenizer indexes 3-character windows, no NFKC, ASCII
/// case-folded):
/// - a term or quoted phrase of ≥ 3 characters becomes an FTS5 phrase `"…"` in `MATCH`; several
///   are AND-ed (`"a" "b"`), results ordered by `rank` (bm25);
/// - a term of 1–2 characters, which the trigram index cannot look up, becomes `+text LIKE '%x%'`
///   (a scan of every row), AND-ed with the rest. The unary `+` keeps SQLite from handing the
///   LIKE to FTS5: SQLite 3.40's trigram tokenizer answers a LIKE of 1–2 non-ASCII characters
///   (`%量子%`) with no rows at all, while the plain scan is correct;
/// - `-x` becomes `NOT "x"` inside MATCH when there is a MATCH, else `+text NOT LIKE '%x%'`;
/// - `a OR b` becomes `"a" OR "b"` (or `+text LIKE … OR +text LIKE …` when a side is short);
/// - `doc:` becomes a rowid range (passages are inserted in corpus order);
/// - `year:`, `programme:` and `amount…` have no FTS5 equivalent: the nearest text query is used
///   (the year or programme name as a term, 億円/百万円 for amounts), so those rows time a
///   comparable amount of work, not the same answer;
/// - the query text is otherwise passed as typed: FTS5 does not fold ＳＴＥＬＬＡ or ｽﾀｰﾄｱｯﾌﾟ, so
///   variants find nothing there (counted in `zero_hit_queries`).
struct BenchQuery {
    let kind: String
    let text: String
    /// What the query asks for, in terms every anchor can express.
    let anchor: AnchorQuery

    var fts5: FTS5Query { FTS5Query(anchor) }
}

/// A benchmark query as the anchors (FTS5, tantivy) see it: terms that must all occur, terms that
/// must not, two terms of which one must (`OR`), and an optional document stem.
struct AnchorQuery: Encodable {
    var all: [String] = []
    var none: [String] = []
    var either: [String] = []
    var doc: String?

    static func terms(_ terms: [String], not excluded: [String] = [], doc: String? = nil) -> AnchorQuery {
        AnchorQuery(all: terms, none: excluded, doc: doc)
    }

    static func or(_ a: String, _ b: String) -> AnchorQuery { AnchorQuery(either: [a, b]) }
}

/// An FTS5 query: an optional MATCH expression, extra SQL conditions, an optional document.
struct FTS5Query {
    var match: String?
    var conditions: [String] = []
    var doc: String?

    /// Terms AND-ed and excluded terms, each as MATCH phrase (≥ 3 characters) or LIKE.
    static func terms(_ terms: [String], not excluded: [String] = [], doc: String? = nil) -> FTS5Query {
        var phrases: [String] = []
        var conditions: [String] = []
        for term in terms {
            if term.count >= 3 { phrases.append(phrase(term)) } else { conditions.append("+text LIKE \(like(term))") }
        }
        for term in excluded {
            if !phrases.isEmpty && term.count >= 3 { phrases.append("NOT " + phrase(term)) }
            else { conditions.append("+text NOT LIKE \(like(term))") }
        }
        // FTS5's NOT is binary: "a" "b" NOT "c" parses as ("a" AND "b") NOT "c".
        return FTS5Query(match: phrases.isEmpty ? nil : phrases.joined(separator: " "), conditions: conditions, doc: doc)
    }

    /// Either side may match.
    static func or(_ a: String, _ b: String) -> FTS5Query {
        if a.count >= 3 && b.count >= 3 { return FTS5Query(match: "\(phrase(a)) OR \(phrase(b))") }
        return FTS5Query(match: nil, conditions: ["(+text LIKE \(like(a)) OR +text LIKE \(like(b)))"])
    }

    static func phrase(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
    static func like(_ s: String) -> String { "'%" + s.replacingOccurrences(of: "'", with: "''") + "%'" }
}

extension FTS5Query {
    /// The FTS5 form of `query`: its `OR` pair, else its terms (an `OR` query has nothing else).
    init(_ query: AnchorQuery) {
        if query.either.count == 2 {
            self = Self.or(query.either[0], query.either[1])
        } else {
            self = Self.terms(query.all, not: query.none, doc: query.doc)
        }
    }
}

enum Queries {
    static let doc0 = "000_24b64a88380a38ac"
    static let doc1 = "001_90b13c8531426e22"

    /// Fifty queries of every kind of the query language (docs/QUERY.md), as BENCHMARKS.md lists them.
    static let all: [BenchQuery] = [
        // Keywords
        .init(kind: "keyword", text: "アルテミス計画", anchor: .terms(["アルテミス計画"])),
        .init(kind: "keyword", text: "量子", anchor: .terms(["量子"])),
        .init(kind: "keyword", text: "人材育成", anchor: .terms(["人材育成"])),
        .init(kind: "keyword", text: "半導体", anchor: .terms(["半導体"])),
        .init(kind: "keyword", text: "スーパーコンピュータ", anchor: .terms(["スーパーコンピュータ"])),
        .init(kind: "keyword", text: "富岳", anchor: .terms(["富岳"])),
        .init(kind: "keyword", text: "博士後期課程", anchor: .terms(["博士後期課程"])),
        .init(kind: "keyword", text: "スタートアップ", anchor: .terms(["スタートアップ"])),
        .init(kind: "keyword", text: "国際卓越研究大学", anchor: .terms(["国際卓越研究大学"])),
        // Several terms
        .init(kind: "terms", text: "量子 人材育成", anchor: .terms(["量子", "人材育成"])),
        .init(kind: "terms", text: "データ中核拠点 要求額", anchor: .terms(["データ中核拠点", "要求額"])),
        .init(kind: "terms", text: "サーバー 更新", anchor: .terms(["サーバー", "更新"])),
        .init(kind: "terms", text: "宇宙 探査", anchor: .terms(["宇宙", "探査"])),
        .init(kind: "terms", text: "ダイバーシティ研究環境実現イニシアティブ 令和7年度 予算額",
              anchor: .terms(["ダイバーシティ研究環境実現イニシアティブ", "令和7年度", "予算額"])),
        .init(kind: "terms", text: "大学 ファンド", anchor: .terms(["大学", "ファンド"])),
        .init(kind: "terms", text: "若手研究者　研究環境", anchor: .terms(["若手研究者", "研究環境"])),
        // Quoted phrases
        .init(kind: "phrase", text: "\"研究開発マネジメント人材\"", anchor: .terms(["研究開発マネジメント人材"])),
        .init(kind: "phrase", text: "\"科学技術・イノベーション\"", anchor: .terms(["科学技術・イノベーション"])),
        .init(kind: "phrase", text: "「博士人材活躍プラン」", anchor: .terms(["博士人材活躍プラン"])),
        .init(kind: "phrase", text: "\"アルテミス計画に向けた研究開発等\"", anchor: .terms(["アルテミス計画に向けた研究開発等"])),
        .init(kind: "phrase", text: "「次世代科学技術チャレンジプログラム」", anchor: .terms(["次世代科学技術チャレンジプログラム"])),
        .init(kind: "phrase", text: "\"76億円\"", anchor: .terms(["76億円"])),
        // OR
        .init(kind: "or", text: "量子 OR 光", anchor: .or("量子", "光")),
        .init(kind: "or", text: "半導体 OR 原子力", anchor: .or("半導体", "原子力")),
        .init(kind: "or", text: "富岳 OR スパコン", anchor: .or("富岳", "スパコン")),
        // Exclusion
        .init(kind: "exclude", text: "量子 -原子力", anchor: .terms(["量子"], not: ["原子力"])),
        .init(kind: "exclude", text: "人材育成 -博士", anchor: .terms(["人材育成"], not: ["博士"])),
        .init(kind: "exclude", text: "研究 -大学", anchor: .terms(["研究"], not: ["大学"])),
        // Filters
        .init(kind: "doc", text: "doc:\(doc0) 量子", anchor: .terms(["量子"], doc: doc0)),
        .init(kind: "doc", text: "doc:\(doc1) 人材", anchor: .terms(["人材"], doc: doc1)),
        .init(kind: "year", text: "year:令和7年度 予算", anchor: .terms(["令和7年度", "予算"])),
        .init(kind: "year", text: "year:令和6年度 量子", anchor: .terms(["令和6年度", "量子"])),
        .init(kind: "programme", text: "programme:ダイバーシティ", anchor: .terms(["ダイバーシティ"])),
        .init(kind: "programme", text: "programme:アルテミス", anchor: .terms(["アルテミス"])),
        .init(kind: "amount", text: "amount>=100億円", anchor: .terms(["億円"])),
        .init(kind: "amount", text: "amount<5000百万円 人材", anchor: .terms(["百万円", "人材"])),
        .init(kind: "amount", text: "amount>=1000億円 研究", anchor: .terms(["億円", "研究"])),
        // Variants (width, kana, okurigana)
        .init(kind: "variant", text: "ＳＴＥＬＬＡ", anchor: .terms(["ＳＴＥＬＬＡ"])),
        .init(kind: "variant", text: "ｽﾀｰﾄｱｯﾌﾟ", anchor: .terms(["ｽﾀｰﾄｱｯﾌﾟ"])),
        .init(kind: "variant", text: "ｽｰﾊﾟｰｺﾝﾋﾟｭｰﾀ", anchor: .terms(["ｽｰﾊﾟｰｺﾝﾋﾟｭｰﾀ"])),
        .init(kind: "variant", text: "取り組み", anchor: .terms(["取り組み"])),
        // English
        .init(kind: "english", text: "AI", anchor: .terms(["AI"])),
        .init(kind: "english", text: "Society 5.0", anchor: .terms(["Society", "5.0"])),
        .init(kind: "english", text: "STELLA", anchor: .terms(["STELLA"])),
        .init(kind: "english", text: "SSH", anchor: .terms(["SSH"])),
        // One character
        .init(kind: "one_char", text: "光", anchor: .terms(["光"])),
        .init(kind: "one_char", text: "人", anchor: .terms(["人"])),
        // No hit
        .init(kind: "no_hit", text: "存在しない語句", anchor: .terms(["存在しない語句"])),
        .init(kind: "no_hit", text: "xyzzy", anchor: .terms(["xyzzy"])),
        .init(kind: "no_hit", text: "\"量子もつれ工学\"", anchor: .terms(["量子もつれ工学"])),
    ]
}
