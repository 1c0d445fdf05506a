import Foundation
import Testing
@testable import Kensaku
#if canImport(Glibc)
import Glibc
#endif

/// Shared fixtures for the search, index and CLI tests.
///
/// Swift Testing runs tests in parallel: everything here is either immutable, built once through a
/// `static let` (thread-safe lazy initialisation), or created per test in its own temp folder.
/// Nothing is ever written into the repository (its `Index/` stays untouched).
enum Support {
    /// The repository root, from this file's path (Tests/KensakuTests/SupportFixtures.swift).
    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The real corpus.
    static var corpus: URL { repoRoot.appendingPathComponent("Corpus") }

    /// A fresh, empty temp folder unique to the caller.
    static func temporaryFolder(_ label: String) -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("kensaku-tests-\(label)-\(getpid())-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.removeItem(at: url)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    // MARK: The shared index of the real corpus

    /// The shared index of Corpus/, built once into a temp folder.
    private static let shared: Result<(URL, SearchIndex), Error> = Result {
        let folder = temporaryFolder("shared-index")
        _ = try IndexWriter(directory: folder).build(corpus: corpus)
        return (folder, try SearchIndex.open(at: folder))
    }

    /// The shared index of the real corpus (read-only: never mutate its folder).
    static func index() throws -> SearchIndex { try shared.get().1 }

    /// The folder of the shared index (read-only; copy it before damaging it).
    static func indexFolder() throws -> URL { try shared.get().0 }

    /// The passages of Corpus/, in index order, split independently of the index.
    static let corpusPassages: [Passage] = {
        let documents = (try? CorpusReader.read(directory: corpus)) ?? []
        return documents.flatMap { PassageSplitter.passages(of: $0) }
    }()

    /// Passages by id.
    static let passagesByID: [String: Passage] = Dictionary(corpusPassages.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

    // MARK: Fixture corpora

    /// Writes `files` (name → text) into a new corpus folder and indexes it into a sibling folder.
    static func fixtureIndex(_ label: String, _ files: [String: String]) throws -> (corpus: URL, index: URL, search: SearchIndex) {
        let root = temporaryFolder(label)
        let corpus = root.appendingPathComponent("corpus")
        let index = root.appendingPathComponent("index")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: corpus.appendingPathComponent(name))
        }
        _ = try IndexWriter(directory: index).build(corpus: corpus)
        return (corpus, index, try SearchIndex.open(at: index))
    }

    /// A small fixture corpus with what the real corpus lacks: いのち/イノチ, サーバー/サーバ, ｶﾅ,
    /// 𠮷 (outside the BMP), 東京都 against 京都. Each `## ` heading starts a passage.
    static let variantsText = """
    # フィクスチャ文書 令和7年度

    ## いのちの教育
    いのちを大切にする教育を推進する。子どもたちが生命について学ぶ機会を設ける。

    ## カタカナの表記
    イノチの表記をカタカナで書いた例もある。

    ## 計算機の更新
    計算機のサーバーを更新し、保守体制を整える。

    ## 旧表記
    古いサーバの保守は終了した。

    ## 半角の例
    𠮷野家の𠮷の字のあとに、ｶﾀｶﾅで書かれたﾃﾞｰﾀの例。

    ## 都の施設
    東京都の施設。東京都の予算。東京都の事業。東京都の計画。

    ## 大学の連携
    全国の研究機関と協力し、京都の大学が地域の産業界とともに新しい研究拠点を形成して、人材の育成と研究成果の社会実装を長期的に進めるための体制を整える。

    ## 地域活動の例
    地域の取り組みを支援する。

    ## 参加受付の例
    参加の申し込みを受け付ける。

    ## 略称の例
    宇宙探査イノベーションハブ（TansaX）を設置する。

    ## 略称の利用
    TansaXの成果を公開する。

    ## 正式名称の利用
    宇宙探査イノベーションハブの活動を紹介する。

    """

    /// The variants fixture, built once.
    private static let variants: Result<(corpus: URL, index: URL, search: SearchIndex), Error> = Result {
        try fixtureIndex("variants", ["100_variants.txt": variantsText])
    }

    /// The variants fixture's index.
    static func variantsIndex() throws -> SearchIndex { try variants.get().search }

    /// The id of the first passage of `index` whose text contains `marker` (fails the test if none).
    static func passageID(in index: SearchIndex, containing marker: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let page = try index.search("\"\(marker)\"", limit: 1000)
        let id = page.hits.first { $0.passage.text.contains(marker) }?.passage.id
        return try #require(id, "no passage contains \(marker)", sourceLocation: sourceLocation)
    }

    // MARK: Normalisation as docs/QUERY.md defines it (independent of the analyser's streams)

    /// Whitespace as Python's `str.isspace` sees it (Unicode White_Space plus U+001C…U+001F).
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s.properties.isWhitespace || (0x1C...0x1F).contains(s.value)
    }

    /// norm(x) of docs/QUERY.md §5: NFKC + case fold, then every whitespace character removed.
    static func norm(_ text: String) -> String {
        var view = String.UnicodeScalarView()
        for s in Normalizer.fold(text).unicodeScalars where !isSpace(s) { view.append(s) }
        return String(view)
    }

    /// Hiragana → katakana on a normalised string (to compare unquoted terms, which fold kana).
    static func kanaFold(_ text: String) -> String {
        var view = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            let v = (0x3041...0x3096).contains(s.value) ? s.value + 0x60 : s.value
            view.append(Unicode.Scalar(v)!)
        }
        return String(view)
    }

    /// Whether `needle`'s UTF-8 bytes occur in `haystack`'s (scalar-exact substring test).
    static func bytesContain(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= haystack.count else { return false }
        return Data(haystack).range(of: Data(needle)) != nil
    }

    /// The scalars `[start, end)` of `text`.
    static func scalars(_ text: String, _ range: [Int]) -> String {
        let all = Array(text.unicodeScalars)
        guard range.count == 2, range[0] >= 0, range[0] <= range[1], range[1] <= all.count else { return "<out of range \(range)>" }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: all[range[0]..<range[1]])
        return String(view)
    }

    // MARK: The CLI as a child process

    /// The output of one run of the CLI.
    struct Run: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
        var stderrLines: [String] { stderr.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
        var stdoutLines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
    }

    /// The built `kensaku` executable (`swift build` or `swift test` builds it into .build/debug).
    static func executable(sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        let candidates = [".build/debug/kensaku", ".build/x86_64-unknown-linux-gnu/debug/kensaku",
                          ".build/aarch64-unknown-linux-gnu/debug/kensaku"]
        for c in candidates {
            let url = repoRoot.appendingPathComponent(c)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        Issue.record("the kensaku executable is missing at \(repoRoot.path)/.build/debug/kensaku: run `swift build --product kensaku` first",
                     sourceLocation: sourceLocation)
        throw KensakuError.io(path: repoRoot.appendingPathComponent(".build/debug/kensaku").path, reason: "missing executable")
    }

    /// Starts a child process (stdout and stderr go to temp files, so no pipe can fill up).
    static func start(_ arguments: [String], stdin: String? = nil, in folder: URL) throws -> (Process, URL, URL) {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let out = folder.appendingPathComponent("stdout-\(UUID().uuidString.prefix(8))")
        let err = folder.appendingPathComponent("stderr-\(UUID().uuidString.prefix(8))")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        let input = folder.appendingPathComponent("stdin-\(UUID().uuidString.prefix(8))")
        try Data((stdin ?? "").utf8).write(to: input)
        process.standardInput = try FileHandle(forReadingFrom: input)
        try process.run()
        return (process, out, err)
    }

    /// Runs the CLI to completion.
    static func run(_ arguments: [String], stdin: String? = nil) throws -> Run {
        let folder = temporaryFolder("cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (process, out, err) = try start(arguments, stdin: stdin, in: folder)
        process.waitUntilExit()
        return Run(status: process.terminationStatus,
                   stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                   stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// `kensaku search` on the shared index, with the real corpus (fresh, so never rebuilt).
    static func search(_ arguments: [String], stdin: String? = nil) throws -> Run {
        try run(["search", "--index", try indexFolder().path, "--corpus", corpus.path] + arguments, stdin: stdin)
    }
}

/// A seeded pseudo-random generator (SplitMix64): the same samples on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SearchIndex {
    /// The ids of every full hit (and, separately, partial hits) of `query`.
    func ids(_ query: String, strict: Bool = false) throws -> (full: [String], partial: [String]) {
        let page = try search(query, limit: 100_000, strict: strict)
        return (page.hits.filter { !$0.partial }.map(\.passage.id), page.hits.filter(\.partial).map(\.passage.id))
    }

    /// The set of full-hit ids of `query`.
    func fullSet(_ query: String) throws -> Set<String> { Set(try ids(query).full) }
}
