import Foundation
import Kensaku

/// `--queries-on INDEX`: the 50 queries of ``Queries`` only, on an index built before (for
/// `perf record` of the query path alone, and for comparing two
/// builds on one index). Prints each query's median µs and the p50/p99 over all samples, as JSON.
enum QueriesOnly {
    struct Result: Encodable {
        var index: String
        var rounds: Int
        var p50Us: Double
        var p99Us: Double
        var medianUsByQuery: [String: Double]
    }

    /// `only`: time this query alone instead of the 50 (`--query TEXT`).
    static func run(index path: String, rounds: Int, only: String? = nil) throws -> Result {
        let index = try SearchIndex.open(at: URL(fileURLWithPath: path))
        let queries = only.map { [BenchQuery(kind: "given", text: $0, anchor: .terms([$0]))] } ?? Queries.all
        for query in queries { _ = try? index.search(query.text, limit: 10) }
        let (samples, perQuery) = time(index, queries, rounds: rounds)
        var byQuery: [String: Double] = [:]
        for (i, query) in queries.enumerated() { byQuery[query.text] = Stats.round(Stats.percentile(perQuery[i], 50), 1) }
        return Result(index: path, rounds: rounds, p50Us: Stats.round(Stats.percentile(samples, 50), 1),
                      p99Us: Stats.round(Stats.percentile(samples, 99), 1), medianUsByQuery: byQuery)
    }

    /// `rounds` rounds of `queries` through `SearchIndex.search(q, limit: 10)`: every latency (µs)
    /// and each query's. `after` sees each page, outside the timing.
    static func time(_ index: SearchIndex, _ queries: [BenchQuery], rounds: Int,
                     after: (SearchPage) -> Void = { _ in }) -> (all: [Double], perQuery: [[Double]]) {
        var samples: [Double] = []
        var perQuery = [[Double]](repeating: [], count: queries.count)
        for _ in 0..<rounds {
            for (i, query) in queries.enumerated() {
                let start = Timer.now()
                let page = try? index.search(query.text, limit: 10)
                let micros = Double(Timer.now() - start) / 1e3
                samples.append(micros)
                perQuery[i].append(micros)
                if let page { after(page) }
            }
        }
        return (samples, perQuery)
    }
}
