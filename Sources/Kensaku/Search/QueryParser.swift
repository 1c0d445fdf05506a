/// Parses the query language of docs/QUERY.md into a ``Query``.
///
/// Terms are separated by ASCII or ideographic spaces; `"…"` and `「…」` are exact phrases;
/// `OR` joins alternatives; `-` excludes; `doc:`, `year:`, `programme:` and `amount>=` etc. filter.
/// Errors say what is wrong and at which character.
public enum QueryParser {
    /// The longest query accepted, in characters.
    public static let maximumLength = 1000
    /// The most distinct terms and phrases a query may hold (repeats count once): each costs a
    /// postings walk, so a query of hundreds of terms could hold the machine (README, "Limits").
    public static let maximumAtoms = 16
    /// The longest term or phrase, in characters after NFKC: a longer one is a pasted paragraph,
    /// and its cost grows with its length.
    public static let maximumAtomLength = 200

    /// Words that ask for an amount rather than being text to find, with the role they imply.
    static let intentWords: [String: AmountRole?] = [
        "予算": nil, "予算額": .budget, "予算案": .budget, "予算額(案)": .budget, "金額": nil, "総額": nil,
        "いくら": nil, "額": nil, "要求": .request, "要求額": .request, "要求・要望額": .request, "要望額": .request,
        "補正": .supplementary, "補正予算": .supplementary, "補正予算額": .supplementary,
        "前年度": .previousYear, "前年度予算額": .previousYear,
    ]

    /// Parses `text`. Throws ``KensakuError/badQuery(message:position:)``.
    public static func parse(_ text: String) throws -> Query {
        let chars = Array(text)
        guard chars.count <= maximumLength else {
            throw KensakuError.badQuery(message: "the query is \(chars.count) characters long; the limit is \(maximumLength)",
                                        position: maximumLength)
        }
        for (i, c) in chars.enumerated() {
            for scalar in c.unicodeScalars where scalar.properties.generalCategory == .control {
                if scalar == "\t" || scalar == "\n" || scalar == "\r" { continue }
                throw KensakuError.badQuery(message: "control character U+\(String(scalar.value, radix: 16, uppercase: true)) is not allowed", position: i)
            }
        }
        var query = Query()
        var pendingOr = false
        var i = 0
        func isSpace(_ c: Character) -> Bool { c == " " || c == "\u{3000}" || c == "\t" || c == "\n" || c == "\r" }

        while i < chars.count {
            if isSpace(chars[i]) { i += 1; continue }
            let start = i
            var negate = false
            if chars[i] == "-" || chars[i] == "−" {
                negate = true
                i += 1
                if i >= chars.count || isSpace(chars[i]) {
                    throw KensakuError.badQuery(message: "'-' must be followed by a term to exclude", position: start)
                }
            }
            // Quoted phrase.
            if chars[i] == "\"" || chars[i] == "＂" || chars[i] == "「" || chars[i] == "『" {
                let close: Character = chars[i] == "「" ? "」" : (chars[i] == "『" ? "』" : chars[i])
                let open = i
                i += 1
                var content = ""
                while i < chars.count && chars[i] != close && !(close == "\"" && chars[i] == "＂") {
                    content.append(chars[i])
                    i += 1
                }
                guard i < chars.count else {
                    throw KensakuError.badQuery(message: "unclosed quote \(chars[open]): add the closing \(close)", position: open)
                }
                i += 1
                let normalized = String(Normalizer.fold(content).unicodeScalars.filter { !Analyzer.isWhitespace($0.value) })
                guard !normalized.isEmpty else {
                    throw KensakuError.badQuery(message: "empty phrase", position: open)
                }
                try add(.phrase(content), negate: negate, to: &query, pendingOr: &pendingOr, position: start)
                continue
            }
            var word = ""
            while i < chars.count && !isSpace(chars[i]) {
                if chars[i] == "\"" || chars[i] == "「" {
                    break
                }
                word.append(chars[i])
                i += 1
            }
            if word.isEmpty {
                continue
            }
            if word == "OR" && !negate {
                guard !query.clauses.isEmpty, !pendingOr else {
                    throw KensakuError.badQuery(message: "OR must stand between two terms", position: start)
                }
                pendingOr = true
                continue
            }
            if let filter = try parseFilter(word, position: start) {
                if negate {
                    throw KensakuError.badQuery(message: "a filter cannot be excluded with '-'", position: start)
                }
                if pendingOr {
                    throw KensakuError.badQuery(message: "OR cannot join a filter", position: start)
                }
                query.filters.append(filter)
                continue
            }
            try add(.term(word), negate: negate, to: &query, pendingOr: &pendingOr, position: start)
        }
        if pendingOr {
            throw KensakuError.badQuery(message: "OR at the end of the query: add a term after it", position: chars.count)
        }
        // A repeated clause or exclusion adds nothing (`の の の …` is one term); the meaning of
        // the query does not change, since clauses are joined by AND.
        var seenClauses = Set<[Query.Atom]>()
        query.clauses = query.clauses.filter { seenClauses.insert($0).inserted }
        var seenExcluded = Set<Query.Atom>()
        query.excluded = query.excluded.filter { seenExcluded.insert($0).inserted }
        // Intent and year words become preferences when other content remains.
        var content: [[Query.Atom]] = []
        var preferences: [Query.Atom] = []
        var intent = Query.Intent()
        for clause in query.clauses {
            if clause.count == 1, case let .term(word) = clause[0], let kind = preference(of: word) {
                preferences.append(clause[0])
                switch kind {
                case let .amount(role):
                    intent.wantsAmount = true
                    if let role { intent.role = role }
                case let .year(year):
                    intent.years.append(year)
                case let .both(year, role):
                    intent.years.append(year)
                    intent.wantsAmount = true
                    if let role { intent.role = role }
                }
            } else {
                content.append(clause)
            }
        }
        if !content.isEmpty || !query.filters.isEmpty {
            query.clauses = content
            query.preferences = preferences
            query.intent = intent
        }
        if query.clauses.isEmpty && query.filters.isEmpty {
            throw KensakuError.badQuery(message: "the query has no term to search for", position: 0)
        }
        return query
    }

    private static func add(_ atom: Query.Atom, negate: Bool, to query: inout Query, pendingOr: inout Bool, position: Int) throws {
        let normalized = Normalizer.fold(atom.text).unicodeScalars.filter { !Analyzer.isWhitespace($0.value) }
        if case .term = atom, normalized.isEmpty {
            throw KensakuError.badQuery(message: "empty term", position: position)
        }
        guard normalized.count <= maximumAtomLength else {
            throw KensakuError.badQuery(message: "a term of \(normalized.count) characters; the limit is \(maximumAtomLength)",
                                        position: position)
        }
        let distinct = Set(query.clauses.flatMap { $0 } + query.excluded + [atom]).count
        guard distinct <= maximumAtoms else {
            throw KensakuError.badQuery(message: "more than \(maximumAtoms) distinct terms; ask for fewer", position: position)
        }
        if negate {
            if pendingOr { throw KensakuError.badQuery(message: "OR cannot join an exclusion", position: position) }
            query.excluded.append(atom)
        } else if pendingOr, !query.clauses.isEmpty {
            query.clauses[query.clauses.count - 1].append(atom)
            pendingOr = false
        } else {
            query.clauses.append([atom])
        }
    }

    enum PreferenceKind { case amount(AmountRole?), year(Int), both(Int, AmountRole?) }

    /// Whether an unquoted word is an intent word or a fiscal year (or both, like 令和8年度要求).
    static func preference(of word: String) -> PreferenceKind? {
        let folded = Normalizer.fold(word)
        if let role = intentWords[folded] { return .amount(role) }
        if let year = yearPrefix(folded) {
            let rest = String(folded[year.end...])
            if rest.isEmpty { return .year(year.reiwa) }
            if let role = intentWords[rest] { return .both(year.reiwa, role) }
        }
        return nil
    }

    /// A fiscal year at the start of `s` (令和7年度, 令和7年, r7, 2025年度) and where it ends.
    static func yearPrefix(_ s: String) -> (reiwa: Int, end: String.Index)? {
        func number(from index: String.Index) -> (Int, String.Index)? {
            var j = index
            var digits = ""
            while j < s.endIndex, s[j].isASCII, s[j].isNumber { digits.append(s[j]); j = s.index(after: j) }
            guard let n = Int(digits) else { return nil }
            return (n, j)
        }
        func suffix(_ j: String.Index) -> String.Index {
            if s[j...].hasPrefix("年度") { return s.index(j, offsetBy: 2) }
            if s[j...].hasPrefix("年") { return s.index(after: j) }
            return j
        }
        if s.hasPrefix("令和"), let (n, j) = number(from: s.index(s.startIndex, offsetBy: 2)), n > 0, n < 100 {
            return (n, suffix(j))
        }
        // 令和元年度: the first year is written 元.
        if s.hasPrefix("令和元") { return (1, suffix(s.index(s.startIndex, offsetBy: 3))) }
        if s.hasPrefix("r"), let (n, j) = number(from: s.index(after: s.startIndex)), n > 0, n < 100 {
            let end = suffix(j)
            return end == s.endIndex || end != j ? (n, end) : nil
        }
        if let (n, j) = number(from: s.startIndex), n >= 2019, n < 2100, s[j...].hasPrefix("年") {
            return (n - 2018, suffix(j))
        }
        return nil
    }

    private static func parseFilter(_ word: String, position: Int) throws -> Query.Filter? {
        let lower = word.lowercased()
        func value(after prefix: String) throws -> String {
            let v = String(word.dropFirst(prefix.count))
            guard !v.isEmpty else {
                throw KensakuError.badQuery(message: "\(prefix) needs a value", position: position)
            }
            return v
        }
        if lower.hasPrefix("doc:") { return .document(try value(after: "doc:")) }
        if lower.hasPrefix("programme:") { return .programme(try value(after: "programme:")) }
        if lower.hasPrefix("program:") { return .programme(try value(after: "program:")) }
        if lower.hasPrefix("year:") {
            let v = try value(after: "year:")
            guard let year = yearPrefix(Normalizer.fold(v)), year.end == Normalizer.fold(v).endIndex else {
                throw KensakuError.badQuery(message: "year:\(v) is not a fiscal year (write 令和7年度, R7 or 2025年度)",
                                            position: position + 5)
            }
            return .year(year.reiwa)
        }
        if lower.hasPrefix("amount") {
            let rest = Normalizer.fold(String(word.dropFirst(6)))
            for op in [Query.Comparison.greaterOrEqual, .lessOrEqual, .greater, .less, .equal] where rest.hasPrefix(op.rawValue) {
                let v = String(rest.dropFirst(op.rawValue.count))
                guard let yen = AmountParser.yen(of: v) ?? plainYen(v) else {
                    throw KensakuError.badQuery(message: "\(v.isEmpty ? "nothing" : "'\(v)'") is not an amount (write e.g. amount>=100億円 or amount<5000百万円)",
                                                position: position + 6 + op.rawValue.count)
                }
                return .amount(op, yen)
            }
            if rest.isEmpty || rest.hasPrefix(":") {
                throw KensakuError.badQuery(message: "amount needs a comparison: amount>=, amount<=, amount>, amount< or amount=", position: position + 6)
            }
        }
        return nil
    }

    /// A plain number of yen (`1000000`, `1,000,000円`).
    private static func plainYen(_ s: String) -> Int64? {
        var t = s.replacingOccurrences(of: ",", with: "")
        if t.hasSuffix("円") { t.removeLast() }
        return Int64(t)
    }
}
