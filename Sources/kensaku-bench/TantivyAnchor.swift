import Foundation
import Kensaku

/// tantivy (PyPI `tantivy`, through its Python binding) on the same passages and queries, for
/// `--anchors`: `scripts/tantivy_anchor.py` builds the index and times the queries in one Python
/// process, so interpreter start never counts. How it indexes and queries: that script's docstring.
enum TantivyAnchor {
    /// What the script prints (snake_case JSON).
    struct Output: Decodable {
        var version: String
        var documents: Int
        var segments: Int
        var indexSeconds: Double
        var indexBytes: Int
        var peakRssKb: Int
        var queryP50Us: Double
        var queryP99Us: Double
        var queryMaxUs: Double
        var queryP50UsNoCount: Double
        /// Every query's median latency in µs, slowest first.
        var queryMedians: [Timing]
        var zeroHitQueries: [String]
    }

    /// One query as the script reads it.
    private struct Spec: Encodable {
        var text: String
        var all: [String]
        var none: [String]
        var either: [String]
        var doc: String?
    }

    /// The script: `scripts/tantivy_anchor.py` in the first folder above the benchmark's executable
    /// that has one (the repository, for `.build/release/kensaku-bench`), else under the current folder.
    static func script() -> URL? {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = folder.appendingPathComponent("scripts/tantivy_anchor.py")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        let local = URL(fileURLWithPath: "scripts/tantivy_anchor.py")
        return FileManager.default.fileExists(atPath: local.path) ? local : nil
    }

    /// Why tantivy cannot run here, or nil when `python3` imports it.
    static func unavailable() -> String? {
        guard script() != nil else { return "scripts/tantivy_anchor.py not found beside the benchmark or under the current folder" }
        let (status, _) = python(["-c", "import tantivy"], quiet: true)
        return status == 0 ? nil : "the Python package tantivy is missing for python3: pip install tantivy"
    }

    /// Exports `passages` and the benchmark queries into `folder`, runs the script there with
    /// `runs` timed rounds, and returns what it measured.
    static func run(passages: [Passage], in folder: URL, runs: Int) throws -> Output {
        guard let script = script() else { throw BenchError("tantivy: scripts/tantivy_anchor.py not found") }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let passageFile = folder.appendingPathComponent("passages.jsonl")
        let queryFile = folder.appendingPathComponent("queries.json")
        let index = folder.appendingPathComponent("index")
        try FileManager.default.createDirectory(at: index, withIntermediateDirectories: true)

        struct Row: Encodable { var doc: String; var text: String }
        let encoder = JSONEncoder()
        var lines = Data()
        for passage in passages {
            let stem = passage.doc.hasSuffix(".txt") ? String(passage.doc.dropLast(4)) : passage.doc
            lines.append(try encoder.encode(Row(doc: stem, text: passage.text)))
            lines.append(0x0A)
        }
        try lines.write(to: passageFile)
        let specs = Queries.all.map {
            Spec(text: $0.text, all: $0.anchor.all, none: $0.anchor.none, either: $0.anchor.either, doc: $0.anchor.doc)
        }
        try encoder.encode(specs).write(to: queryFile)

        let (status, stdout) = python([script.path, passageFile.path, queryFile.path, index.path, String(runs)])
        guard status == 0 else { throw BenchError("tantivy: \(script.path) exited \(status)") }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Output.self, from: stdout)
    }

    /// Runs `python3 arguments`, standard error passed through unless `quiet`; (exit status, standard output).
    private static func python(_ arguments: [String], quiet: Bool = false) -> (Int32, Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        if quiet { process.standardError = FileHandle.nullDevice }
        do { try process.run() } catch { return (-1, Data()) }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data)
    }
}
