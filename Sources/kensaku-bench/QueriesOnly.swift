import Foundation
import Kensaku

/// `--queries-on INDEX`: the 50 queries of ``Queries`` only, on an index built before (for
/// `perf record` or `valgrind --tool=callgrind` of the query path alone, and for comparing two
/// builds on one index). Prints each query's median µs and the p50/p99 over all samples, as JSON.
enum QueriesOnly {
    struct Result: Encodable {
        var index: String
        var rounds: Int
        var p50Us: Double
        var p99Us: Double
        var medianUsByQuery: [String: Double]
    }

    static func run(index path: String, rounds: Int) throws -> Result {
        let index = try SearchIndex.open(at: URL(fileURLWithPath: path))
        for query in Queries.all { _ = try? index.search(query.text, limit: 10) }
        var samples: [Double] = []
        var perQuery = [[Double]](repeating: [], count: Queries.all.count)
        for _ in 0..<rounds {
            for (i, query) in Queries.all.enumerated() {
                let start = Timer.now()
                _ = try? index.search(query.text, limit: 10)
                let micros = Double(Timer.now() - start) / 1e3
                samples.append(micros)
                perQuery[i].append(micros)
            }
        }
        var byQuery: [String: Double] = [:]
        for (i, query) in Queries.all.enumerated() { byQuery[query.text] = Stats.round(Stats.percentile(perQuery[i], 50), 1) }
        return Result(index: path, rounds: rounds, p50Us: Stats.round(Stats.percentile(samples, 50), 1),
                      p99Us: Stats.round(Stats.percentile(samples, 99), 1), medianUsByQuery: byQuery)
    }
}
