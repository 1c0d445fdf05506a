import Foundation
import Kensaku
#if canImport(Glibc)
import Glibc
#endif

// kensaku-bench: the numbers of DESIGN.md ("Numbers that matter"), in one JSON object on stdout.
// Build and run in release mode:
//   swift build -c release --product kensaku-bench --product kensaku
//   .build/release/kensaku-bench [--corpus Corpus] [--scale 50] [--queries 20] [--skip-scaled]

let usage = """
usage: kensaku-bench [--corpus DIR] [--scale N] [--queries N] [--process-runs N] [--skip-scaled] [--keep]

  --corpus DIR       the corpus folder (default Corpus)
  --scale N          copies of each document in the scaled corpus (default 50)
  --queries N        timed runs of each of the \(Queries.all.count) queries, after one warm-up run (default 20)
  --process-runs N   runs of `kensaku search` per corpus for the process wall time (default 10)
  --skip-scaled      measure the corpus as it is only (quick)
  --keep             keep the temporary folder (indexes, FTS5 databases, scaled corpus)

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
        case "--scale": settings.scale = number(argument)
        case "--queries": settings.runsPerQuery = number(argument)
        case "--process-runs": settings.processRuns = number(argument)
        case "--skip-scaled": settings.skipScaled = true
        case "--keep": settings.keep = true
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
    }
    var machine: Machine
    var method: Method
    var results: [ScenarioResult]
}

func cpuModel() -> String {
    guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown" }
    for line in info.split(separator: "\n") where line.hasPrefix("model name") {
        return line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
    }
    return "unknown"
}

func main() throws {
    let settings = parseSettings()
    let work = try TemporaryFolder("kensaku-bench")
    defer { if settings.keep { Progress.note("kept \(work.url.path)") } else { work.remove() } }
    Progress.note("working in \(work.url.path)")

    var results: [ScenarioResult] = []
    results.append(try Scenario(corpus: settings.corpus, scale: 1, settings: settings, work: work).run())
    if !settings.skipScaled && settings.scale > 1 {
        let scaled = work.appending("corpus-x\(settings.scale)")
        let bytes = try Scaling.write(corpus: settings.corpus, copies: settings.scale, into: scaled)
        Progress.note("scaled corpus ×\(settings.scale): \(bytes) bytes in \(scaled.path)")
        results.append(try Scenario(corpus: scaled, scale: settings.scale, settings: settings, work: work).run())
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
            scaling: "copy 0 of each document unchanged, copies 1…N-1 as <stem>_x<k>.txt with every ASCII digit d at position i of digit run j replaced by (d + h(k, j, i)) mod 10, h in 1…9"),
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
