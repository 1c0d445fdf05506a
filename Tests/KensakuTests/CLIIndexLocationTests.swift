import Foundation
import Testing
@testable import Kensaku

/// Without `--corpus`, the CLI uses the corpus the index records, never another folder.
struct CLIIndexLocationTests {
    @Test func indexAloneUsesTheCorpusItWasBuiltFrom() throws {
        let folder = Support.temporaryFolder("recorded-corpus")
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = folder.appendingPathComponent("docs")
        let index = folder.appendingPathComponent("ix")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try Data("量子コンピュータの研究開発を推進する。\n".utf8).write(to: corpus.appendingPathComponent("a.txt"))
        _ = try IndexWriter(directory: index).build(corpus: corpus)
        #expect(try Manifest.read(from: index).corpusPath == corpus.standardizedFileURL.path)

        // The child runs in a folder with a different Corpus/: it must not be used.
        let other = folder.appendingPathComponent("cwd/Corpus")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Data("別の文書。\n".utf8).write(to: other.appendingPathComponent("b.txt"))
        let (process, out, err) = try Support.start(["search", "--index", index.path, "量子"], in: other.deletingLastPathComponent())
        process.waitUntilExit()
        let stderr = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 0, "stderr: \(stderr)")
        #expect(!stderr.contains("building"), "rebuilt from another corpus: \(stderr)")
        #expect(((try? String(contentsOf: out, encoding: .utf8)) ?? "").contains("量子"))
    }
}
