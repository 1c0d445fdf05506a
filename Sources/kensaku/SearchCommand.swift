import ArgumentParser
import Foundation
import Kensaku
import KensakuCLI

/// `kensaku search`: ranked passages for people (text) and scripts (json, jsonl, --batch).
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the index. Exit 0 with hits, 1 without, 2 on any error.",
        discussion: """
        Query language: terms (量子 人材育成), exact phrases ("…" or 「…」), OR, -exclude, \
        doc:, year:, programme:, amount>=100億円 / amount<5000百万円.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, jsonl }

    @OptionGroup var location: IndexLocation

    @Option(help: "At most this many hits.")
    var limit: Int = 10

    @Option(help: "Skip this many hits first.")
    var offset: Int = 0

    @Option(help: "text for people; json: one object; jsonl: one hit per line.")
    var format: Format = .text

    @Flag(help: "Read one query per line from standard input; write one compact JSON object per line.")
    var batch = false

    @Flag(help: "Full matches only (no partial hits).")
    var strict = false

    @Flag(help: "Explain each hit's matches: the term, the folds (width, kana, look-alike, number…) and where.")
    var explain = false

    @Argument(help: "The query.")
    var query: [String] = []

    func validate() throws {
        if limit < 0 { throw ValidationError("--limit must be 0 or more") }
        if offset < 0 { throw ValidationError("--offset must be 0 or more") }
        if !batch && query.isEmpty { throw ValidationError("give a query, or --batch to read queries from standard input") }
    }

    func run() throws {
        let index = try Console.run { try location.open() }
        let options = SearchOptions(limit: limit, offset: offset, strict: strict, explain: explain)
        if batch {
            try runBatch(index, options)
            return
        }
        let text = query.joined(separator: " ")
        let page = try Console.run { try index.search(text, options: options) }
        var out = Output()
        switch format {
        case .json:
            out.write(KensakuJSON.encode(page))
            out.write("\n")
        case .jsonl:
            for hit in page.hits {
                out.write(KensakuJSON.encode(hit))
                out.write("\n")
            }
        case .text:
            out.write(TextRenderer(colour: Console.stdoutIsTerminal).render(page, offset: offset))
        }
        out.flush()
        if page.hits.isEmpty && page.total == 0 { throw ExitCode(1) }
    }

    private func runBatch(_ index: SearchIndex, _ options: SearchOptions) throws {
        var out = Output()
        var anyHits = false
        while let line = readLine(strippingNewline: true) {
            let text = line.hasSuffix("\r") ? String(line.dropLast()) : line
            do {
                let page = try index.search(text, options: options)
                anyHits = anyHits || !page.hits.isEmpty
                out.write(KensakuJSON.encode(page))
            } catch let error as KensakuError {
                struct Failure: Encodable {
                    let query: String
                    let error: [String: String]
                }
                out.write(KensakuJSON.encode(Failure(query: text, error: ["code": error.code, "message": error.message])))
            }
            out.write("\n")
        }
        out.flush()
        if !anyHits { throw ExitCode(1) }
    }
}

/// The text format for people: rank, doc:lines, programme, amounts in 億円, the passage with matches marked.
struct TextRenderer {
    let colour: Bool

    func render(_ page: SearchPage, offset: Int) -> String {
        var s = ""
        if page.hits.isEmpty {
            return "no passages match \(page.query)\n"
        }
        for (k, hit) in page.hits.enumerated() {
            let p = hit.passage
            let rank = offset + k + 1
            let head = "\(rank). \(p.doc):\(p.lines[0])-\(p.lines[1])" + (hit.partial ? "  (partial: \(hit.matchedTerms?.joined(separator: ", ") ?? ""))" : "")
            s += colour ? "\u{1B}[1m\(head)\u{1B}[0m\n" : head + "\n"
            s += "   programme: \(p.programme?.name ?? "-")\n"
            if !p.amounts.isEmpty {
                let amounts = p.amounts.map { a in
                    "\(a.text) (\(Self.oku(a.yen))億円, \(a.role.rawValue)\(a.fiscalYear.map { ", " + $0 } ?? ""))"
                }
                s += "   amounts: " + amounts.joined(separator: "; ") + "\n"
            }
            s += Self.indent(mark(p.text, hit.highlights)) + "\n"
            for e in hit.explain ?? [] {
                s += "   matched \(e.field): \(e.matched) ← \(e.term) (\(e.folds.isEmpty ? "as written" : e.folds.joined(separator: ", ")))\n"
            }
            if let parts = hit.scoreParts {
                // score = (Σ clause scores + preferences) × factor (docs/QUERY.md, "Explain")
                let clauses = parts.clauses.map { c in
                    "\(c.query) \(c.score) (bm25 \(c.bm25): tf \(c.tf), df \(c.df), length \(c.fieldLength)"
                        + (c.wholeWord ? "" : ", partial word") + (c.inProgramme ? ", programme" : "")
                        + (c.inSection ? ", section" : "") + (c.expansionOnly ? ", abbreviation" : "") + ")"
                }
                s += "   score \(parts.score) = (\(clauses.joined(separator: " + ")) + preferences \(parts.preferences)) × \(parts.factor)"
                    + (parts.tier > 0 ? ", tier \(parts.tier)" : "") + "\n"
            }
            s += "\n"
        }
        s += "\(page.total) full match\(page.total == 1 ? "" : "es") (\(page.tookUs) µs)\n"
        return s
    }

    /// Yen in 億円 with up to two decimals (1,133百万円 → 11.33).
    static func oku(_ yen: Int64) -> String {
        let value = Double(yen) / 1e8
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "   " + $0 }.joined(separator: "\n")
    }

    /// Marks the highlighted scalar ranges.
    func mark(_ text: String, _ highlights: [[Int]]) -> String {
        let (open, close) = colour ? ("\u{1B}[1;33m", "\u{1B}[0m") : ("«", "»")
        var scalars = Array(text.unicodeScalars)
        for h in highlights.reversed() where h.count == 2 && h[0] <= h[1] && h[1] <= scalars.count {
            scalars.insert(contentsOf: close.unicodeScalars, at: h[1])
            scalars.insert(contentsOf: open.unicodeScalars, at: h[0])
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}
