import Foundation
import Kensaku
#if canImport(Glibc)
import Glibc
#endif

// kensaku-bench: the numbers of BENCHMARKS.md ("What is measured"), in one JSON object on stdout.
// Build and run in release mode:
//   swift build -c release --product kensaku-bench --product kensaku
//   .build/release/kensaku-bench [--corpus Corpus] [--scales 1,50] [--anchors] [--queries 20] [--skip-scaled]

let usage = """
usage: kensaku-bench [--corpus DIR] [--scale N | --scales A,B,…] [--anchors] [--queries N] [--process-runs N] [--skip-scaled] [--keep]
       kensaku-bench --queries-on INDEX [--queries N] [--query TEXT]

  --corpus DIR       the corpus folder (default Corpus)
  --scale N          copies of each document in the scaled corpus (default 50): measures ×1 and ×N
  --scales A,B,…     the scales to measure, in order (e.g. 1,50,200; 1 is the corpus as it is)
  --anchors          also run tantivy (pip install tantivy) on the same passages and queries,
                     through scripts/tantivy_anchor.py, and report Kensaku ÷ tantivy
  --queries N        timed runs of each of the \(Queries.all.count) queries, after one warm-up run (default 20)
  --process-runs N   runs of `kensaku search` per corpus for the process wall time (default 10)
  --skip-scaled      measure the corpus as it is only (quick)
  --keep             keep the temporary folder (indexes, FTS5 databases, scaled corpus)
  --queries-on DIR   only time the queries on the index at DIR (for profiling the query path)
  --query TEXT       with --queries-on: time this query alone

Progress goes to standard error; one JSON object to standard output.
"""

func parseSettings() -> Settings {
    var settings = Settings()
    var arguments = CommandLine.arguments.dropFirst()
    func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("kensaku-bench: \(message)\n\(usage)\n".utf8))
        exit(2)
    }
    func number(_ option: String) -> Int {
        guard let value = arguments.popFirst(), let n = Int(value), n >= 1 else { fail("\(option) needs a positive integer") }
        return n
    }
    while let argument = arguments.popFirst() {
        switch argument {
        case "--corpus":
            guard let value = arguments.popFirst() else { fail("--corpus needs a folder") }
            settings.corpus = URL(fileURLWithPath: value)
        case "--scale": settings.scales = [1, number(argument)]
        case "--scales":
            let values = arguments.popFirst()?.split(separator: ",").map { Int($0) } ?? []
            guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) >= 1 }) else { fail("--scales needs positive integers, e.g. 1,50,200") }
            settings.scales = values.compactMap { $0 }
        case "--anchors": settings.anchors = true
        case "--queries": settings.runsPerQuery = number(argument)
        case "--process-runs": settings.processRuns = number(argument)
        case "--skip-scaled": settings.scales = [1]
        case "--keep": settings.keep = true
        case "--queries-on":
            guard let value = arguments.popFirst() else { fail("--queries-on needs an index folder") }
            settings.queriesOn = value
        case "--query":
            guard let value = arguments.popFirst() else { fail("--query needs a query") }
            settings.onlyQuery = value
        case "-h", "--help":
            print(usage)
            exit(0)
        default: fail("unknown argument \(argument)")
        }
    }
    return settings
}

struct Report: Encodable {
    struct Machine: Encodable {
        var cores: Int
        var os: String
        var cpu: String
        var icu: String
        var sqlite: String
    }
    struct Method: Encodable {
        var mb: String
        var queries: Int
        var runsPerQuery: Int
        var latency: String
        var icuLimit: String
        var kensakuIndex: String
        var fts5: String
        var process: String
        var scaling: String
        var tantivy: String
        var grep: String
    }
    var machine: Machine
    var method: Method
    /// `/proc/loadavg` (1, 5 and 15 minutes) at the start and at the end of the run.
    var loadAverage: [String: String]
    /// Why tantivy was not run, when --anchors was given and it could not be.
    var anchorsMissing: String?
    var results: [ScenarioResult]
}

/// The load averages of `/proc/loadavg` (its first three fields).
func loadAverage() -> String {
    let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
    return text.split(separator: " ").prefix(3).joined(separator: " ")
}

func cpuModel() -> String {
    guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown" }
    for line in info.split(separator: "\n") where line.hasPrefix("model name") {
        return line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
    }
    return "unknown"
}

func main() throws {
    var settings = parseSettings()
    if let index = settings.queriesOn {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        FileHandle.standardOutput.write(try encoder.encode(QueriesOnly.run(index: index, rounds: settings.runsPerQuery, only: settings.onlyQuery)))
        FileHandle.standardOutput.write(Data("\n".utf8))
        return
    }
    let work = try TemporaryFolder("kensaku-bench")
    defer { if settings.keep { Progress.note("kept \(work.url.path)") } else { work.remove() } }
    Progress.note("working in \(work.url.path)")

    let loadAtStart = loadAverage()
    var anchorsMissing: String?
    if settings.anchors, let reason = TantivyAnchor.unavailable() {
        Progress.note("--anchors: tantivy not run: \(reason)")
        anchorsMissing = reason
        settings.anchors = false
    }

    var results: [ScenarioResult] = []
    for scale in settings.scales {
        var corpus = settings.corpus
        if scale > 1 {
            corpus = work.appending("corpus-x\(scale)")
            let bytes = try Scaling.write(corpus: settings.corpus, copies: scale, into: corpus)
            Progress.note("scaled corpus ×\(scale): \(bytes) bytes in \(corpus.path)")
        }
        results.append(try Scenario(corpus: corpus, scale: scale, settings: settings, work: work).run())
    }

    let report = Report(
        machine: .init(cores: ProcessInfo.processInfo.activeProcessorCount,
                       os: ProcessInfo.processInfo.operatingSystemVersionString, cpu: cpuModel(),
                       icu: Normalizer.icuVersion, sqlite: FTS5Baseline.version),
        method: .init(
            mb: "10^6 bytes of UTF-8 corpus text",
            queries: Queries.all.count, runsPerQuery: settings.runsPerQuery,
            latency: "SearchIndex.search(q, limit: 10) in process, each query once to warm up, then runs_per_query rounds over all queries; percentiles over all samples",
            icuLimit: "Analyzer().countBoundaries over every document as [UInt16] prepared beforehand, single core; best of 7 (×1) or 3 (×N)",
            kensakuIndex: "IndexWriter.build(corpus:) into a fresh folder, end to end (read, split, analyse, write, fsync); best of 3 (×1) or one run (×N)",
            fts5: "fts5(text, tokenize='trigram'), one row per Kensaku passage, one transaction, journal_mode=OFF, synchronous=FULL; size after COMMIT (db_bytes) and after optimize+VACUUM; queries prepared, stepped (rowid, text, LIMIT 10, ORDER BY rank when MATCH) and finalized each time; terms < 3 characters as +text LIKE '%x%'",
            process: "posix_spawn of the release kensaku beside the benchmark: search --index I --corpus C --format json アルテミス計画, stdout to /dev/null; median of process_runs after one warm-up; no_corpus_check passes a missing --corpus so the staleness check is skipped",
            scaling: "copy 0 of each document unchanged, copies 1…N-1 as <stem>_x<k>.txt with every ASCII digit d at position i of digit run j replaced by (d + h(k, j, i)) mod 10, h in 1…9",
            tantivy: "scripts/tantivy_anchor.py in one python3 process: the same passages, field text stored with positions, tokenizer ngram(2,2)+lowercase, one writer thread, one commit, merges waited for (index_seconds from creating the index to wait_merging_threads); each query once to warm up, then runs_per_query rounds of searcher.search(q, 10, count=True) timed with perf_counter_ns, query objects built beforehand; terms of 2+ characters as their bigrams (all must occur), 1 character as regex c. on the bigrams",
            grep: "posix_spawn of /bin/grep -rF アルテミス計画 CORPUS, stdout to /dev/null; median of process_runs after one warm-up"),
        loadAverage: ["start": loadAtStart, "end": loadAverage()],
        anchorsMissing: anchorsMissing,
        results: results)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    FileHandle.standardOutput.write(try encoder.encode(report))
    FileHandle.standardOutput.write(Data("\n".utf8))
}

do {
    try main()
} catch {
    FileHandle.standardError.write(Data("kensaku-bench: \(error)\n".utf8))
    exit(1)
}
