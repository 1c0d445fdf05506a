import Foundation
import Kensaku

/// Settings of one run of the benchmark.
struct Settings {
    var corpus = URL(fileURLWithPath: "Corpus")
    /// The corpora measured: 1 is the corpus as it is, N > 1 its scaled copy (Scaling).
    var scales = [1, 50]
    var runsPerQuery = 20
    var processRuns = 10
    var keep = false
    /// Also run tantivy (scripts/tantivy_anchor.py) on each corpus.
    var anchors = false
    /// `--queries-on`: time only the queries on this index.
    var queriesOn: String?
    /// `--query`: with `queriesOn`, this query alone.
    var onlyQuery: String?
}

/// The median latency of one query.
struct Timing: Codable {
    var query: String
    var medianUs: Double
}

/// The measurements of one corpus (×1 or ×N), as printed in the JSON.
struct ScenarioResult: Encodable {
    struct Corpus: Encodable {
        var scale: Int
        var documents: Int
        var passages: Int
        var bytes: Int
    }
    struct ICU: Encodable {
        var wordBreakMbPerS: Double
        var wordBreakMbPerSMedian: Double
        var boundaries: Int
    }
    struct Kensaku: Encodable {
        var indexSeconds: Double
        var indexMbPerS: Double
        var indexVsICU: Double
        var readSplitSeconds: Double
        var writeSeconds: Double
        var indexBytes: Int
        var indexVsCorpus: Double
        var openMs: Double
        var queryP50Us: Double
        var queryP99Us: Double
        var queryMaxUs: Double
        var jsonEncodeP50Us: Double
        var zeroHitQueries: [String]
        var failedQueries: [String]
        var slowestQueries: [Timing]
        var processMsMedian: Double?
        var processMsBest: Double?
        var processMsMedianNoCorpusCheck: Double?
        /// `grep -rF` of the same query over the corpus folder, as a process: median ms.
        var grepMsMedian: Double?
        var processVsGrep: Double?
        /// Peak resident set (KiB) of one `kensaku index` process building this corpus from scratch.
        var indexPeakRssKb: Int?
    }
    struct FTS5: Encodable {
        var indexSeconds: Double
        var indexMbPerS: Double
        var dbBytes: Int
        var dbVsCorpus: Double
        var dbBytesOptimized: Int
        var queryP50Us: Double
        var queryP99Us: Double
        var queryMaxUs: Double
        var zeroHitQueries: [String]
        var slowestQueries: [Timing]
    }
    struct Ratios: Encodable {
        var queryP50: Double
        var queryP99: Double
        var indexBytes: Double
        var indexBytesVsOptimized: Double
    }
    struct Tantivy: Encodable {
        var version: String
        var segments: Int
        var indexSeconds: Double
        var indexMbPerS: Double
        var indexBytes: Int
        var indexVsCorpus: Double
        var peakRssKb: Int
        var queryP50Us: Double
        var queryP99Us: Double
        var queryMaxUs: Double
        var queryP50UsNoCount: Double
        var zeroHitQueries: [String]
        var slowestQueries: [Timing]
    }
    /// Kensaku ÷ tantivy (below 1: Kensaku better).
    struct TantivyRatios: Encodable {
        /// Kensaku's end-to-end build (read, split, analyse, write) ÷ tantivy's indexing of the passages.
        var indexSeconds: Double
        /// Kensaku's `write_seconds` (analyse and write the passages) ÷ tantivy's indexing.
        var writeSeconds: Double
        var indexBytes: Double
        var queryP50: Double
        var queryP99: Double
        /// Each engine's own slowest query (median over the runs).
        var slowestQuery: Double
        /// Kensaku's slowest query, both engines' medians of that query.
        var slowestQuerySameQuery: Double
        /// `kensaku index`'s peak resident set ÷ the tantivy process's (which holds the passages too).
        var indexPeakRss: Double?
    }
    var corpus: Corpus
    var icu: ICU
    var kensaku: Kensaku
    var fts5: FTS5
    var kensakuVsFts5: Ratios
    var tantivy: Tantivy?
    var kensakuVsTantivy: TantivyRatios?
}

/// One corpus through ICU, Kensaku and FTS5.
struct Scenario {
    let corpus: URL
    let scale: Int
    let settings: Settings
    let work: TemporaryFolder

    func run() throws -> ScenarioResult {
        let label = "×\(scale)"
        let documents = try CorpusReader.read(directory: corpus)
        let bytes = documents.reduce(0) { $0 + $1.text.utf8.count }
        let mb = Double(bytes) / 1e6
        Progress.note("\(label): \(documents.count) documents, \(bytes) bytes")

        // The limit: raw ICU word breaking, single core, UTF-16 prepared beforehand.
        let units = documents.map { Array($0.text.utf16) }
        let analyzer = Analyzer()
        var boundaries = 0
        let icu = Timer.repeated(scale == 1 ? 7 : 3) {
            boundaries = units.reduce(0) { $0 + analyzer.countBoundaries($1) }
        }
        Progress.note("\(label): ICU word breaking \(Stats.round(mb / icu.best)) MB/s")

        // Kensaku indexing, end to end (best of 3 on ×1, one run on ×N).
        var buildSeconds = Double.infinity
        let index = work.appending("index-\(scale)")
        for attempt in 0..<(scale == 1 ? 3 : 1) {
            try? FileManager.default.removeItem(at: index)
            let (_, seconds) = try Timer.time { try IndexWriter(directory: index).build(corpus: corpus) }
            buildSeconds = min(buildSeconds, seconds)
            Progress.note("\(label): Kensaku build \(attempt + 1): \(Stats.round(seconds, 3)) s")
        }
        let indexBytes = TemporaryFolder.size(of: index)

        // The same build in two halves: reading and splitting, then analysis and writing.
        let ((passages, infos), splitSeconds) = try Timer.time { () throws -> ([Passage], [DocumentInfo]) in
            var passages: [Passage] = []
            var infos: [DocumentInfo] = []
            for document in try CorpusReader.read(directory: corpus) {
                let analysis = PassageSplitter.analyse(document)
                passages.append(contentsOf: analysis.passages)
                infos.append(analysis.info)
            }
            return (passages, infos)
        }
        let second = work.appending("index-\(scale)-write")
        let (_, writeSeconds) = try Timer.time {
            try IndexWriter(directory: second).write(documents: infos, passages: passages, fingerprint: "bench")
        }
        try? FileManager.default.removeItem(at: second)

        // Queries in process.
        let (searchIndex, openSeconds) = try Timer.time { try SearchIndex.open(at: index) }
        let kensakuQueries = measureKensaku(searchIndex)
        Progress.note("\(label): Kensaku queries p50 \(kensakuQueries.p50) µs, p99 \(kensakuQueries.p99) µs")

        // Whole processes, and grep over the same corpus.
        var process: (median: Double, best: Double)?
        var processNoCheck: (median: Double, best: Double)?
        var indexRss: Int?
        let grep = Spawn.measure(URL(fileURLWithPath: "/bin/grep"), ["-rF", "アルテミス計画", corpus.path], runs: settings.processRuns)
        if let binary = Spawn.kensakuBinary() {
            let query = ["--format", "json", "アルテミス計画"]
            process = Spawn.measure(binary, ["search", "--index", index.path, "--corpus", corpus.path] + query, runs: settings.processRuns)
            processNoCheck = Spawn.measure(binary, ["search", "--index", index.path, "--corpus", work.appending("no-corpus").path] + query,
                                           runs: settings.processRuns)
            Progress.note("\(label): kensaku search process \(process.map { "\(Stats.round($0.median)) ms" } ?? "failed")")
            indexRss = Spawn.peakRSS(binary, ["index", "--corpus", corpus.path, "--index", work.appending("rss-index-\(scale)").path])
            Progress.note("\(label): kensaku index process peak RSS \(indexRss.map { "\($0 / 1024) MiB" } ?? "failed")")
        } else {
            Progress.note("\(label): no release kensaku beside the benchmark; skipping the process timing")
        }

        // FTS5.
        let fts = try FTS5Baseline(path: work.appending("fts5-\(scale).db"))
        let ftsBuild = try fts.build(passages: passages)
        Progress.note("\(label): FTS5 build \(Stats.round(ftsBuild.seconds, 3)) s, \(ftsBuild.bytes) bytes")
        let ftsQueries = try measureFTS5(fts)
        Progress.note("\(label): FTS5 queries p50 \(ftsQueries.p50) µs, p99 \(ftsQueries.p99) µs")

        // tantivy.
        var tantivy: TantivyAnchor.Output?
        if settings.anchors {
            tantivy = try TantivyAnchor.run(passages: passages, in: work.appending("tantivy-\(scale)"), runs: settings.runsPerQuery)
            Progress.note("\(label): tantivy build \(tantivy!.indexSeconds) s, \(tantivy!.indexBytes) bytes, queries p50 \(tantivy!.queryP50Us) µs, p99 \(tantivy!.queryP99Us) µs")
        }

        return ScenarioResult(
            corpus: .init(scale: scale, documents: documents.count, passages: passages.count, bytes: bytes),
            icu: .init(wordBreakMbPerS: Stats.round(mb / icu.best), wordBreakMbPerSMedian: Stats.round(mb / icu.median), boundaries: boundaries),
            kensaku: .init(
                indexSeconds: Stats.round(buildSeconds, 3), indexMbPerS: Stats.round(mb / buildSeconds),
                indexVsICU: Stats.ratio(icu.best, buildSeconds),
                readSplitSeconds: Stats.round(splitSeconds, 3), writeSeconds: Stats.round(writeSeconds, 3),
                indexBytes: indexBytes, indexVsCorpus: Stats.ratio(Double(indexBytes), Double(bytes)),
                openMs: Stats.round(openSeconds * 1000, 3),
                queryP50Us: kensakuQueries.p50, queryP99Us: kensakuQueries.p99, queryMaxUs: kensakuQueries.max,
                jsonEncodeP50Us: kensakuQueries.jsonP50, zeroHitQueries: kensakuQueries.zeroHits,
                failedQueries: kensakuQueries.failed, slowestQueries: kensakuQueries.slowest,
                processMsMedian: process.map { Stats.round($0.median) }, processMsBest: process.map { Stats.round($0.best) },
                processMsMedianNoCorpusCheck: processNoCheck.map { Stats.round($0.median) },
                grepMsMedian: grep.map { Stats.round($0.median) },
                processVsGrep: process.flatMap { p in grep.map { Stats.ratio(p.median, $0.median) } },
                indexPeakRssKb: indexRss),
            fts5: .init(
                indexSeconds: Stats.round(ftsBuild.seconds, 3), indexMbPerS: Stats.round(mb / ftsBuild.seconds),
                dbBytes: ftsBuild.bytes, dbVsCorpus: Stats.ratio(Double(ftsBuild.bytes), Double(bytes)),
                dbBytesOptimized: ftsBuild.optimizedBytes,
                queryP50Us: ftsQueries.p50, queryP99Us: ftsQueries.p99, queryMaxUs: ftsQueries.max,
                zeroHitQueries: ftsQueries.zeroHits, slowestQueries: ftsQueries.slowest),
            kensakuVsFts5: .init(
                queryP50: Stats.ratio(kensakuQueries.p50, ftsQueries.p50),
                queryP99: Stats.ratio(kensakuQueries.p99, ftsQueries.p99),
                indexBytes: Stats.ratio(Double(indexBytes), Double(ftsBuild.bytes)),
                indexBytesVsOptimized: Stats.ratio(Double(indexBytes), Double(ftsBuild.optimizedBytes))),
            tantivy: tantivy.map { t in
                .init(version: t.version, segments: t.segments, indexSeconds: t.indexSeconds, indexMbPerS: Stats.round(mb / t.indexSeconds),
                      indexBytes: t.indexBytes, indexVsCorpus: Stats.ratio(Double(t.indexBytes), Double(bytes)), peakRssKb: t.peakRssKb,
                      queryP50Us: t.queryP50Us, queryP99Us: t.queryP99Us, queryMaxUs: t.queryMaxUs, queryP50UsNoCount: t.queryP50UsNoCount,
                      zeroHitQueries: t.zeroHitQueries, slowestQueries: Array(t.queryMedians.prefix(3)))
            },
            kensakuVsTantivy: tantivy.map { t in
                let slowest = kensakuQueries.slowest.first
                let same = t.queryMedians.first { $0.query == slowest?.query }
                return .init(
                    indexSeconds: Stats.ratio(buildSeconds, t.indexSeconds), writeSeconds: Stats.ratio(writeSeconds, t.indexSeconds),
                    indexBytes: Stats.ratio(Double(indexBytes), Double(t.indexBytes)),
                    queryP50: Stats.ratio(kensakuQueries.p50, t.queryP50Us), queryP99: Stats.ratio(kensakuQueries.p99, t.queryP99Us),
                    slowestQuery: Stats.ratio(slowest?.medianUs ?? 0, t.queryMedians.first?.medianUs ?? 0),
                    slowestQuerySameQuery: Stats.ratio(slowest?.medianUs ?? 0, same?.medianUs ?? 0),
                    indexPeakRss: indexRss.map { Stats.ratio(Double($0), Double(t.peakRssKb)) })
            })
    }

    struct Latencies {
        var p50 = 0.0, p99 = 0.0, max = 0.0, jsonP50 = 0.0
        var zeroHits: [String] = []
        var failed: [String] = []
        var slowest: [Timing] = []
    }

    /// Every query once to warm up (and count hits), then `runsPerQuery` timed rounds.
    private func measureKensaku(_ index: SearchIndex) -> Latencies {
        var result = Latencies()
        for query in Queries.all {
            do {
                if try index.search(query.text, limit: 10).hits.isEmpty { result.zeroHits.append(query.text) }
            } catch {
                result.failed.append("\(query.text): \(error)")
            }
        }
        var json: [Double] = []
        let (samples, perQuery) = QueriesOnly.time(index, Queries.all, rounds: settings.runsPerQuery) { page in
            let encodeStart = Timer.now()
            _ = KensakuJSON.encode(page)
            json.append(Double(Timer.now() - encodeStart) / 1e3)
        }
        result.p50 = Stats.round(Stats.percentile(samples, 50), 1)
        result.p99 = Stats.round(Stats.percentile(samples, 99), 1)
        result.max = Stats.round(samples.max() ?? 0, 1)
        result.jsonP50 = Stats.round(Stats.percentile(json, 50), 1)
        result.slowest = Self.slowest(perQuery)
        return result
    }

    private func measureFTS5(_ fts: FTS5Baseline) throws -> Latencies {
        var result = Latencies()
        let sql = Queries.all.map { fts.sql($0.fts5) }
        for (i, statement) in sql.enumerated() where try fts.run(statement) == 0 { result.zeroHits.append(Queries.all[i].text) }
        var samples: [Double] = []
        var perQuery = [[Double]](repeating: [], count: sql.count)
        for _ in 0..<settings.runsPerQuery {
            for (i, statement) in sql.enumerated() {
                let start = Timer.now()
                _ = try fts.run(statement)
                let micros = Double(Timer.now() - start) / 1e3
                samples.append(micros)
                perQuery[i].append(micros)
            }
        }
        result.p50 = Stats.round(Stats.percentile(samples, 50), 1)
        result.p99 = Stats.round(Stats.percentile(samples, 99), 1)
        result.max = Stats.round(samples.max() ?? 0, 1)
        result.slowest = Self.slowest(perQuery)
        return result
    }

    /// The three queries of highest median latency, with that median in µs.
    private static func slowest(_ perQuery: [[Double]]) -> [Timing] {
        let medians = perQuery.enumerated().map { Timing(query: Queries.all[$0.offset].text, medianUs: Stats.round(Stats.percentile($0.element, 50), 1)) }
        return Array(medians.sorted { $0.medianUs > $1.medianUs }.prefix(3))
    }
}
