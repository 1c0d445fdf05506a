import Foundation
import Testing
@testable import Kensaku
#if canImport(Glibc)
import Glibc
#endif

/// A damaged, foreign or future index is refused by name; a crashed or killed commit leaves
/// the previous generation searchable; a changed corpus is noticed and rebuilt.
@Suite struct IndexRobustnessTests {
    /// A private copy of the shared index (tests damage it).
    static func copyOfSharedIndex(_ label: String) throws -> URL {
        let root = Support.temporaryFolder(label)
        let copy = root.appendingPathComponent("index")
        try FileManager.default.copyItem(at: try Support.indexFolder(), to: copy)
        return copy
    }

    static func generationFile(_ index: URL, _ name: String) throws -> URL {
        let manifest = try Manifest.read(from: index)
        return index.appendingPathComponent("gen-\(manifest.generation)").appendingPathComponent(name)
    }

    /// Expects `body` to throw `indexCorrupt` naming `file` (its last path component); returns the reason.
    @discardableResult
    static func expectCorrupt(_ file: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation,
                              _ body: () throws -> Void) -> String? {
        do {
            try body()
            Issue.record("\(what): accepted a damaged \(file)", sourceLocation: sourceLocation)
        } catch let KensakuError.indexCorrupt(path, reason) {
            #expect(URL(fileURLWithPath: path).lastPathComponent == file, "\(what): blamed \(path) (\(reason)), not \(file)",
                    sourceLocation: sourceLocation)
            #expect(!reason.isEmpty, sourceLocation: sourceLocation)
            return reason
        } catch {
            Issue.record("\(what): \(error), not indexCorrupt naming \(file)", sourceLocation: sourceLocation)
        }
        return nil
    }

    static func modify(_ url: URL, _ change: (inout [UInt8]) -> Void) throws {
        var bytes = [UInt8](try Data(contentsOf: url))
        change(&bytes)
        try Data(bytes).write(to: url)
    }

    // MARK: damage

    @Test func intactCopyOpensAndVerifies() throws {
        let index = try Self.copyOfSharedIndex("intact")
        let report = try IndexVerifier.verify(directory: index)
        #expect(report.hasPrefix("ok"))
        let opened = try SearchIndex.open(at: index, verifyChecksums: true)
        #expect(opened.passageCount == Support.corpusPassages.count)
        #expect(try opened.search("STELLA", limit: 3).hits.map(\.passage.id) == (try Support.index().search("STELLA", limit: 3)).hits.map(\.passage.id))
    }

    @Test(arguments: ["postings", "terms", "store", "meta"])
    func truncatedFileIsRefusedByName(_ name: String) throws {
        let index = try Self.copyOfSharedIndex("truncated-\(name)")
        let file = try Self.generationFile(index, name)
        try Self.modify(file) { $0.removeLast($0.count / 3) }
        Self.expectCorrupt(name, "open") { _ = try SearchIndex.open(at: index) }
        Self.expectCorrupt(name, "open+checksums") { _ = try SearchIndex.open(at: index, verifyChecksums: true) }
        Self.expectCorrupt(name, "verify") { _ = try IndexVerifier.verify(directory: index) }
    }

    @Test func truncatedPostingsWithAMatchingManifestIsStillRefused() throws {
        // Cut the postings file and rewrite the manifest's size for it: the frame check must catch it.
        let index = try Self.copyOfSharedIndex("truncated-consistent")
        let file = try Self.generationFile(index, "postings")
        try Self.modify(file) { $0.removeLast(1000) }
        var manifest = try Manifest.read(from: index)
        let size = try Data(contentsOf: file).count
        manifest.files = manifest.files.map { var e = $0; if e.name == "postings" { e.size = size }; return e }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try Data(IndexFormat.frame(.manifest, payload: Array(try encoder.encode(manifest)))).write(to: index.appendingPathComponent("MANIFEST"))
        Self.expectCorrupt("postings", "open") { _ = try SearchIndex.open(at: index) }
    }

    @Test(arguments: ["store", "postings", "terms", "meta"])
    func flippedByteIsRefusedByNameWhenChecksummed(_ name: String) throws {
        let index = try Self.copyOfSharedIndex("flipped-\(name)")
        let file = try Self.generationFile(index, name)
        try Self.modify(file) { $0[$0.count / 2] ^= 0x5A }
        let reason = Self.expectCorrupt(name, "open+checksums") { _ = try SearchIndex.open(at: index, verifyChecksums: true) }
        #expect(reason?.contains("checksum") == true, "\(reason ?? "-")")
        Self.expectCorrupt(name, "verify") { _ = try IndexVerifier.verify(directory: index) }
        // Plain open reads frames only; if it opens, searching must not crash (it may report damage).
        if let opened = try? SearchIndex.open(at: index) {
            for q in ["量子", "\"研究\"", "STELLA 人材", "amount>=100億円"] {
                do { _ = try opened.search(q, limit: 20) } catch let error as KensakuError {
                    if case let .indexCorrupt(path, _) = error { #expect(path.hasSuffix(name)) }
                }
            }
        }
    }

    @Test(arguments: ["terms", "postings", "store", "meta", "MANIFEST"])
    func futureFormatVersionInAHeaderIsRefused(_ name: String) throws {
        let index = try Self.copyOfSharedIndex("version-\(name)")
        let file = name == "MANIFEST" ? index.appendingPathComponent(name) : try Self.generationFile(index, name)
        // Bytes 8..<12 are the format version (little-endian); only that field changes.
        try Self.modify(file) { bytes in
            #expect(Array(bytes[8..<12]) == [UInt8(IndexFormat.version), 0, 0, 0])
            bytes[8] = UInt8(IndexFormat.version + 1)
        }
        let reason = Self.expectCorrupt(name, "open") { _ = try SearchIndex.open(at: index) }
        #expect(reason?.contains("version") == true, "\(reason ?? "-")")
        Self.expectCorrupt(name, "verify") { _ = try IndexVerifier.verify(directory: index) }
    }

    /// A well-framed manifest (valid CRC) whose header and JSON say `version`.
    static func writeManifest(_ manifest: Manifest, version: UInt32, to index: URL) throws {
        var manifest = manifest
        manifest.formatVersion = version
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        var bytes = IndexFormat.frame(.manifest, payload: Array(try encoder.encode(manifest)))
        bytes.replaceSubrange(8..<12, with: withUnsafeBytes(of: version.littleEndian, Array.init))
        let footer = bytes.count - IndexFormat.footerSize
        let crc = CRC32.checksum(Array(bytes[0..<footer]))
        bytes.replaceSubrange((footer + 8)..<(footer + 12), with: withUnsafeBytes(of: crc.littleEndian, Array.init))
        try Data(bytes).write(to: index.appendingPathComponent("MANIFEST"))
    }

    @Test func manifestOfAFutureFormatVersionIsRefused() throws {
        let index = try Self.copyOfSharedIndex("manifest-future")
        let future = IndexFormat.version + 1
        try Self.writeManifest(try Manifest.read(from: index), version: future, to: index)
        let reason = Self.expectCorrupt("MANIFEST", "open") { _ = try SearchIndex.open(at: index) }
        #expect(reason?.contains("\(future)") == true)
        Self.expectCorrupt("MANIFEST", "verify") { _ = try IndexVerifier.verify(directory: index) }
        #expect(IndexMaintenance.staleness(index: index, corpus: Support.corpus) != nil)
    }

    @Test func anIndexOfAnEarlierFormatIsRebuiltFromItsCorpusWithANote() throws {
        let index = try Self.copyOfSharedIndex("manifest-older")
        try Self.writeManifest(try Manifest.read(from: index), version: 1, to: index)
        // Read as it is, the library refuses it and says how to rebuild it.
        let reason = Self.expectCorrupt("MANIFEST", "open") { _ = try SearchIndex.open(at: index) }
        #expect(reason?.contains("kensaku index") == true, "\(reason ?? "-")")
        #expect(IndexMaintenance.staleness(index: index, corpus: Support.corpus)?.contains("format version 1") == true)
        // Opened for a front, it is rebuilt from the corpus, with a note saying why.
        var notes: [String] = []
        let reopened = try IndexMaintenance.open(index: index, corpus: Support.corpus) { notes.append($0) }
        #expect(notes.first?.contains("format version 1") == true, "\(notes)")
        #expect(try Manifest.read(from: index).formatVersion == IndexFormat.version)
        #expect(try reopened.search("アルテミス計画", limit: 1).hits.count == 1)
    }

    @Test(arguments: [16, 31, 32, 600, 4096])
    func foreignManifestIsRefused(_ size: Int) throws {
        let index = try Self.copyOfSharedIndex("foreign-\(size)")
        var rng = SeededGenerator(seed: UInt64(size))
        let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &rng) }
        try Data(bytes).write(to: index.appendingPathComponent("MANIFEST"))
        Self.expectCorrupt("MANIFEST", "open") { _ = try SearchIndex.open(at: index) }
        Self.expectCorrupt("MANIFEST", "verify") { _ = try IndexVerifier.verify(directory: index) }
    }

    @Test func foreignGenerationFileIsRefused() throws {
        let index = try Self.copyOfSharedIndex("foreign-terms")
        let file = try Self.generationFile(index, "terms")
        let size = try Data(contentsOf: file).count
        var rng = SeededGenerator(seed: 99)
        try Data((0..<size).map { _ in UInt8.random(in: 0...255, using: &rng) }).write(to: file)
        Self.expectCorrupt("terms", "open") { _ = try SearchIndex.open(at: index) }
    }

    @Test func missingGenerationFileIsRefusedByName() throws {
        let index = try Self.copyOfSharedIndex("missing-store")
        try FileManager.default.removeItem(at: try Self.generationFile(index, "store"))
        Self.expectCorrupt("store", "open") { _ = try SearchIndex.open(at: index) }
    }

    @Test func damagedIndexMakesTheCLIExitTwoNamingTheFile() throws {
        let index = try Self.copyOfSharedIndex("cli-damaged")
        try Self.modify(try Self.generationFile(index, "store")) { $0[$0.count / 2] ^= 0xFF }
        let verify = try Support.run(["verify", "--index", index.path])
        #expect(verify.status == 2)
        #expect(verify.stderrLines.count == 1)
        #expect(verify.stderr.contains("store"))
        try Self.modify(try Self.generationFile(index, "postings")) { $0.removeLast(100) }
        let search = try Support.run(["search", "--index", index.path, "--corpus", Support.corpus.path, "量子"])
        // Either refused by name (exit 2) or noticed as unusable and rebuilt (exit 0 with a note).
        if search.status == 2 {
            #expect(search.stderr.contains("postings"))
        } else {
            #expect(search.status == 0)
            #expect(!search.stderr.isEmpty)
        }
    }

    /// LEB128 at `bytes[i]`: the value and the index after it.
    static func varint(_ bytes: [UInt8], _ i: Int) -> (value: Int, next: Int) {
        var value = 0, shift = 0, j = i
        while true {
            value |= Int(bytes[j] & 0x7F) << shift
            j += 1
            if bytes[j - 1] < 0x80 { return (value, j) }
            shift += 7
        }
    }

    @Test func aFrequencyPastThePositionsIsRefusedEvenWhenPositionsAreNotRead() throws {
        let index = try Self.copyOfSharedIndex("tf-past-positions")
        let terms = [UInt8](try Data(contentsOf: try Self.generationFile(index, "terms")))
        let postingsURL = try Self.generationFile(index, "postings")
        let termCount = Int(terms.withUnsafeBytes { $0.loadLE(UInt32.self, at: 16) })
        // A term in one passage with a one-byte frequency and fewer than 127 bytes of postings
        // (docs/FORMAT.md "terms", "postings"); its frequency becomes the length of its whole
        // postings: within the list, but past its positions part.
        var damaged: Int?
        try Self.modify(postingsURL) { bytes in
            for i in 0..<termCount where damaged == nil {
                let at = 20 + i * 8
                let start = 16 + Int(terms.withUnsafeBytes { $0.loadLE(UInt32.self, at: at + 4) })
                let end = 16 + Int(terms.withUnsafeBytes { $0.loadLE(UInt32.self, at: at + 12) })
                let df = Self.varint(bytes, start)
                guard df.value == 1 else { continue }
                let docBytes = Self.varint(bytes, df.next)
                let delta = Self.varint(bytes, docBytes.next)
                let tf = Self.varint(bytes, delta.next)
                let positionBytes = end - (docBytes.next + docBytes.value)
                guard tf.next == delta.next + 1, end - start < 128, end - start > positionBytes else { continue }
                bytes[delta.next] = UInt8(end - start)
                damaged = i
            }
        }
        let ordinal = try #require(damaged)
        let reader = try SegmentReader(directory: index, checksums: false)
        for positions in [false, true] {
            do {
                _ = try reader.postings(ordinal, positions: positions)
                Issue.record("accepted a frequency past the positions (positions: \(positions))")
            } catch let KensakuError.indexCorrupt(file, _) {
                #expect(file.hasSuffix("postings"))
            }
        }
    }

    @Test func labelIdsOutOfRangeInTheGramTableAreIgnored() throws {
        let index = try Self.copyOfSharedIndex("label-gram-ids")
        // The gram table ends the meta payload: its last entry (Key 2^64-1, IdsStart = IdCount)
        // sits right before the ids. Every id becomes 0xFFFFFFFF.
        try Self.modify(try Self.generationFile(index, "meta")) { bytes in
            let payloadEnd = bytes.count - IndexFormat.footerSize
            for k in 0..<(payloadEnd / 4) {
                let entry = payloadEnd - 4 * k - 12
                guard entry > 0, bytes[entry..<(entry + 8)].allSatisfy({ $0 == 0xFF }),
                      bytes.withUnsafeBytes({ $0.loadLE(UInt32.self, at: entry + 8) }) == UInt32(k) else { continue }
                for b in (entry + 12)..<payloadEnd { bytes[b] = 0xFF }
                return
            }
            Issue.record("no label gram table found")
        }
        let search = try SearchIndex.open(at: index)
        // Label matches are lost, text matches stay, and nothing traps.
        #expect(try search.search("アルテミス計画", limit: 3).hits.count > 0)
        _ = try search.search("研究", limit: 3)
    }

    // MARK: crashes during a commit

    static let smallCorpus = ["200_small.txt": """
    # 小さな文書 令和7年度

    ## 最初の項目
    量子技術の研究開発を推進する。量子コンピュータの開発を進める。

    ## 二番目の項目
    人材育成のための事業を実施する。若手研究者を支援する。

    """]

    static func crashTest(_ point: IndexWriter.CrashPoint, _ label: String) throws {
        let (corpus, index, first) = try Support.fixtureIndex(label, smallCorpus)
        let before = try first.search("量子", limit: 10).hits.map(\.passage.id)
        let generation = first.manifest.generation
        #expect(!before.isEmpty)
        // Change the corpus: a new document with a new word.
        try Data("# 追加の文書\n\n## 新しい項目\nペンギン観測の量子センサーを開発する。\n".utf8)
            .write(to: corpus.appendingPathComponent("201_added.txt"))
        var writer = IndexWriter(directory: index)
        writer.crashPoint = point
        #expect(throws: KensakuError.self) { _ = try writer.build(corpus: corpus) }
        // The old generation is still the live one, with the old results.
        let reopened = try SearchIndex.open(at: index, verifyChecksums: true)
        #expect(reopened.manifest.generation == generation)
        #expect(try reopened.search("量子", limit: 10).hits.map(\.passage.id) == before)
        #expect(try reopened.search("ペンギン", limit: 10).hits.isEmpty)
        #expect(try IndexVerifier.verify(directory: index).hasPrefix("ok"))
        // The corpus changed and the commit did not happen: the index is stale.
        #expect(IndexMaintenance.staleness(index: index, corpus: corpus) != nil)
        // A later commit succeeds despite the leftovers.
        _ = try IndexWriter(directory: index).build(corpus: corpus)
        let rebuilt = try SearchIndex.open(at: index)
        #expect(rebuilt.manifest.generation > generation)
        #expect(try rebuilt.search("ペンギン", limit: 10).hits.count == 1)
        #expect(IndexMaintenance.staleness(index: index, corpus: corpus) == nil)
    }

    @Test func crashAfterGenerationFilesKeepsTheOldGeneration() throws {
        try Self.crashTest(.afterGenerationFiles, "crash-gen")
    }

    @Test func crashAfterManifestTempKeepsTheOldGeneration() throws {
        try Self.crashTest(.afterManifestTemp, "crash-manifest-tmp")
    }

    @Test(.timeLimit(.minutes(5)))
    func killedIndexerLeavesTheOldIndexReadable() throws {
        let root = Support.temporaryFolder("sigkill")
        defer { try? FileManager.default.removeItem(at: root) }
        let corpus = root.appendingPathComponent("corpus")
        let index = root.appendingPathComponent("index")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        // The old index: the real corpus (copied from the shared index, built once).
        try FileManager.default.copyItem(at: try Support.indexFolder(), to: index)
        let old = try SearchIndex.open(at: index)
        let expected = try old.search("量子 人材育成", limit: 20).hits.map(\.passage.id)
        let generation = old.manifest.generation
        // A bigger corpus: the documents copied 10 times.
        let names = try FileManager.default.contentsOfDirectory(atPath: Support.corpus.path).filter { $0.hasSuffix(".txt") }
        for k in 0..<10 {
            for name in names {
                try FileManager.default.copyItem(at: Support.corpus.appendingPathComponent(name),
                                                 to: corpus.appendingPathComponent(String(format: "%02d_", k) + name))
            }
        }
        // Kill 1: early (reading and analysing). Kill 2: as soon as the new generation folder appears
        // (while its files are written). Each time, the old index must open and answer as before.
        let newFolder = index.appendingPathComponent("gen-\(generation + 1)")
        for (k, moment) in ["early", "writing"].enumerated() {
            let (process, _, err) = try Support.start(["index", "--index", index.path, "--corpus", corpus.path], in: root)
            if moment == "early" {
                usleep(400_000)
            } else {
                let deadline = Date().addingTimeInterval(240)
                while process.isRunning && Date() < deadline {
                    if let names = try? FileManager.default.contentsOfDirectory(atPath: index.path),
                       names.contains(where: { $0.hasPrefix("gen-") && $0 != "gen-\(generation)" }) { break }
                    usleep(2_000)
                }
            }
            let wasRunning = process.isRunning
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let stderr = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
            #expect(wasRunning, "kill \(k + 1) (\(moment)): the indexer finished before it was killed; stderr: \(stderr)")
            #expect(process.terminationReason == .uncaughtSignal || !wasRunning)
            let reopened = try SearchIndex.open(at: index)
            if reopened.manifest.generation == generation {
                #expect(try reopened.search("量子 人材育成", limit: 20).hits.map(\.passage.id) == expected, "kill \(k + 1) (\(moment))")
                #expect(try IndexVerifier.verify(directory: index).hasPrefix("ok"))
            } else {
                // The kill came after the rename: the new generation is complete.
                #expect(try IndexVerifier.verify(directory: index).hasPrefix("ok"))
            }
        }
        _ = newFolder
        // The lock died with the process: a new build of a small corpus commits.
        let small = root.appendingPathComponent("small")
        try FileManager.default.createDirectory(at: small, withIntermediateDirectories: true)
        try Data(Self.smallCorpus["200_small.txt"]!.utf8).write(to: small.appendingPathComponent("200_small.txt"))
        _ = try IndexWriter(directory: index).build(corpus: small)
        #expect(try SearchIndex.open(at: index).search("若手研究者", limit: 5).hits.count == 1)
    }

    // MARK: staleness

    @Test func changedCorpusIsStaleAndTheCLIRebuildsWithANote() throws {
        let (corpus, index, first) = try Support.fixtureIndex("stale", Self.smallCorpus)
        #expect(IndexMaintenance.staleness(index: index, corpus: corpus) == nil)
        let generation = first.manifest.generation
        // Change one file.
        let file = corpus.appendingPathComponent("200_small.txt")
        try Data((Self.smallCorpus["200_small.txt"]! + "\n## 三番目の項目\nカワウソの生態を調査する。\n").utf8).write(to: file)
        let reason = try #require(IndexMaintenance.staleness(index: index, corpus: corpus))
        #expect(reason.contains("changed"), "\(reason)")
        // The CLI notices, says so on stderr, rebuilds and finds the new text.
        let run = try Support.run(["search", "--index", index.path, "--corpus", corpus.path, "--format", "json", "カワウソ"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("changed"), "stderr: \(run.stderr)")
        #expect((try CLITests.json(run.stdout)["total"] as? Int) == 1)
        #expect(IndexMaintenance.staleness(index: index, corpus: corpus) == nil)
        #expect(try SearchIndex.open(at: index).manifest.generation > generation)
        // Fresh now: no note the second time.
        let again = try Support.run(["search", "--index", index.path, "--corpus", corpus.path, "カワウソ"])
        #expect(again.status == 0)
        #expect(again.stderr.isEmpty, "stderr: \(again.stderr)")
    }

    @Test func addedAndRemovedCorpusFilesMakeTheIndexStale() throws {
        let (corpus, index, _) = try Support.fixtureIndex("stale-add", Self.smallCorpus)
        let added = corpus.appendingPathComponent("300_more.txt")
        try Data("# 追加\n\n本文。\n".utf8).write(to: added)
        #expect(IndexMaintenance.staleness(index: index, corpus: corpus) != nil)
        try FileManager.default.removeItem(at: added)
        #expect(IndexMaintenance.staleness(index: index, corpus: corpus) == nil)
        try FileManager.default.removeItem(at: corpus.appendingPathComponent("200_small.txt"))
        #expect(IndexMaintenance.staleness(index: index, corpus: corpus) != nil)
    }

    @Test func missingIndexIsReportedAndBuiltWithANote() throws {
        let root = Support.temporaryFolder("missing-index")
        let corpus = root.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try Data(Self.smallCorpus["200_small.txt"]!.utf8).write(to: corpus.appendingPathComponent("200_small.txt"))
        let index = root.appendingPathComponent("index")
        #expect(IndexMaintenance.staleness(index: index, corpus: corpus)?.contains("no index") == true)
        #expect(throws: KensakuError.self) { _ = try SearchIndex.open(at: index) }
        let run = try Support.run(["search", "--index", index.path, "--corpus", corpus.path, "若手研究者"])
        #expect(run.status == 0)
        #expect(run.stderr.contains("no index"))
    }
}
