import Foundation
import Testing
@testable import Kensaku
#if canImport(Glibc)
import Glibc
#endif

/// Issue 8, findings 2, 3, 4, 7 and 8: one bad entry of the corpus or of the index folder never
/// stops the index, never leaks a file from outside the corpus, and a damaged manifest never makes
/// Kensaku rebuild from another folder or delete generations.
struct CorpusHostileTests {
    /// A corpus of two good documents plus every hostile kind of entry.
    static func hostileCorpus(_ label: String) throws -> (root: URL, corpus: URL) {
        let root = Support.temporaryFolder(label)
        let corpus = root.appendingPathComponent("corpus")
        let fm = FileManager.default
        try fm.createDirectory(at: corpus, withIntermediateDirectories: true)
        try Data("量子コンピュータの研究開発を推進する。\n".utf8).write(to: corpus.appendingPathComponent("a.txt"))
        try Data("光・量子技術の人材を育成する。\n".utf8).write(to: corpus.appendingPathComponent("B.TXT"))
        try fm.createDirectory(at: corpus.appendingPathComponent("y.txt"), withIntermediateDirectories: true)
        let outside = root.appendingPathComponent("secret.txt")
        try Data("秘密の量子パスワード\n".utf8).write(to: outside)
        try fm.createSymbolicLink(atPath: corpus.appendingPathComponent("x.txt").path, withDestinationPath: outside.path)
        try fm.createSymbolicLink(atPath: corpus.appendingPathComponent("p.txt").path, withDestinationPath: "/etc/passwd")
        #expect(mkfifo(corpus.appendingPathComponent("f.txt").path, 0o644) == 0)
        try Data().write(to: corpus.appendingPathComponent("empty.txt"))
        try Data("# notes\n量子\n".utf8).write(to: corpus.appendingPathComponent("notes.md"))
        return (root, corpus)
    }

    /// A corpus of one document `a.txt` holding `text`, indexed into `root/index`.
    static func indexedCorpus(_ label: String, _ text: String, index name: String) throws -> (root: URL, corpus: URL, index: URL) {
        let root = Support.temporaryFolder(label)
        let corpus = root.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: corpus.appendingPathComponent("a.txt"))
        let index = root.appendingPathComponent(name)
        _ = try IndexWriter(directory: index).build(corpus: corpus)
        return (root, corpus, index)
    }

    @Test func hostileEntriesAreSkippedWithWarningsAndTheRestIndexed() throws {
        let (root, corpus) = try Self.hostileCorpus("hostile-corpus")
        defer { try? FileManager.default.removeItem(at: root) }
        let index = root.appendingPathComponent("ix")
        let summary = try IndexWriter(directory: index).build(corpus: corpus)
        #expect(summary.documents == 3)  // a.txt, B.TXT, empty.txt
        let warnings = summary.warnings.joined(separator: "\n")
        for name in ["y.txt: skipped, a folder", "x.txt: refused", "p.txt: refused", "f.txt: skipped, not a regular file", "notes.md: skipped"] {
            #expect(warnings.contains(name), "no warning for \(name): \(warnings)")
        }
        let search = try SearchIndex.open(at: index)
        #expect(search.documents.map(\.doc).sorted() == ["B.TXT", "a.txt", "empty.txt"])
        #expect(try search.search("秘密").hits.isEmpty)
        #expect(try search.search("root").hits.isEmpty)
        #expect(try search.search("量子").hits.count == 2)
    }

    @Test func aBadEntryBesideAValidIndexLeavesSearchWorking() throws {
        let (root, corpus, index) = try Self.indexedCorpus("bad-beside", "量子コンピュータの研究開発を推進する。\n", index: "ix")
        defer { try? FileManager.default.removeItem(at: root) }
        // Added after the index was built: a folder named *.txt and a FIFO.
        try FileManager.default.createDirectory(at: corpus.appendingPathComponent("y.txt"), withIntermediateDirectories: true)
        #expect(mkfifo(corpus.appendingPathComponent("f.txt").path, 0o644) == 0)
        let run = try Support.run(["search", "--index", index.path, "--corpus", corpus.path, "量子"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("量子"))
    }

    @Test func aDamagedManifestIsRefusedAndNothingIsDeletedOrRebuilt() throws {
        let (root, _, index) = try Self.indexedCorpus("damaged-manifest", "量子コンピュータの研究開発を推進する。\n", index: "myidx")
        defer { try? FileManager.default.removeItem(at: root) }
        let manifest = index.appendingPathComponent("MANIFEST")
        #expect(truncate(manifest.path, 100) == 0)
        // Another folder with its own Corpus/: it must not be used, and gen-1 must stay.
        let other = root.appendingPathComponent("elsewhere/Corpus")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Data("無関係な文書。\n".utf8).write(to: other.appendingPathComponent("z.txt"))
        let (process, _, err) = try Support.start(["search", "--index", index.path, "無関係"], in: other.deletingLastPathComponent())
        process.waitUntilExit()
        let stderr = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 2)
        #expect(stderr.contains("manifest is damaged") && stderr.contains("kensaku index --corpus"), "stderr: \(stderr)")
        #expect(!stderr.contains("building"))
        #expect(FileManager.default.fileExists(atPath: index.appendingPathComponent("gen-1/terms").path))
    }

    @Test func aFIFOInTheIndexFolderIsAnErrorNotAHang() throws {
        let (root, _, index) = try Self.indexedCorpus("fifo-index", "量子コンピュータ。\n", index: "ix")
        defer { try? FileManager.default.removeItem(at: root) }
        let terms = index.appendingPathComponent("gen-1/terms")
        try FileManager.default.removeItem(at: terms)
        #expect(mkfifo(terms.path, 0o644) == 0)
        let started = Date()
        #expect(throws: KensakuError.self) { _ = try SearchIndex.open(at: index) }
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(throws: KensakuError.self) { _ = try IndexVerifier.verify(directory: index) }
    }

    @Test func debrisOfAFailedCommitIsRemovedByTheNextOne() throws {
        let (root, corpus, index) = try Self.indexedCorpus("debris", "量子コンピュータ。\n", index: "ix")
        defer { try? FileManager.default.removeItem(at: root) }
        // What a commit killed by a full disk leaves: a partial generation and a manifest temp.
        let partial = index.appendingPathComponent("gen-2")
        try FileManager.default.createDirectory(at: partial, withIntermediateDirectories: true)
        try Data([1, 2, 3]).write(to: partial.appendingPathComponent("terms"))
        try Data([1]).write(to: index.appendingPathComponent("MANIFEST.tmp"))
        let summary = try IndexWriter(directory: index).build(corpus: corpus)
        #expect(summary.generation == 2)
        #expect(!FileManager.default.fileExists(atPath: index.appendingPathComponent("MANIFEST.tmp").path))
        #expect(try IndexVerifier.verify(directory: index).isEmpty == false)
    }

    @Test func aStaleIndexThatCannotBeRebuiltKeepsServing() throws {
        let (root, corpus, index) = try Self.indexedCorpus("cannot-rebuild", "量子コンピュータ。\n", index: "ix")
        defer { try? FileManager.default.removeItem(at: root) }
        // The corpus changes, and the writer cannot commit (its lock file is now a folder).
        try Data("光技術。\n".utf8).write(to: corpus.appendingPathComponent("b.txt"))
        let lock = index.appendingPathComponent("LOCK")
        try? FileManager.default.removeItem(at: lock)
        try FileManager.default.createDirectory(at: lock, withIntermediateDirectories: true)
        let run = try Support.run(["search", "--index", index.path, "--corpus", corpus.path, "量子"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("cannot rebuild the index") && run.stderr.contains("serving the previous one"), "\(run.stderr)")
        #expect(run.stdout.contains("量子"))
        let names = try FileManager.default.contentsOfDirectory(atPath: index.path).filter { $0.hasPrefix("gen-") }
        #expect(names == ["gen-1"])
    }

    @Test func anEntrySwappedAfterListingIsRefused() throws {
        let root = Support.temporaryFolder("swapped")
        defer { try? FileManager.default.removeItem(at: root) }
        let corpus = root.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        let file = corpus.appendingPathComponent("a.txt")
        try Data("量子。\n".utf8).write(to: file)
        let secret = root.appendingPathComponent("secret.txt")
        try Data("秘密\n".utf8).write(to: secret)
        let listing = try CorpusListing.list(corpus)
        // Between the listing and the read: a symlink out, then a FIFO, in its place.
        try FileManager.default.removeItem(at: file)
        try FileManager.default.createSymbolicLink(atPath: file.path, withDestinationPath: secret.path)
        #expect(throws: KensakuError.self) { _ = try CorpusListing.bytes(of: listing.entries[0]) }
        try FileManager.default.removeItem(at: file)
        #expect(mkfifo(file.path, 0o644) == 0)
        #expect(throws: KensakuError.self) { _ = try CorpusListing.bytes(of: listing.entries[0]) }
    }

    @Test func aLiveFileChangedOnDiskIsDetectedBeforeUse() throws {
        let (root, _, index) = try Self.indexedCorpus("changed-live", "量子コンピュータ。\n", index: "ix")
        defer { try? FileManager.default.removeItem(at: root) }
        let search = try SearchIndex.open(at: index)
        #expect(try search.search("量子").hits.count == 1)
        // Rewritten in place (here only its modification time, which is safe to do under a mapping).
        let store = index.appendingPathComponent("gen-1/store").path
        var times = [timespec(tv_sec: 1_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, store, &times, 0) == 0)
        #expect(throws: KensakuError.self) { _ = try search.search("量子") }
    }

    @Test func aCorpusFileOverTheSizeCapIsSkipped() throws {
        let root = Support.temporaryFolder("huge")
        defer { try? FileManager.default.removeItem(at: root) }
        let corpus = root.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try Data("量子。\n".utf8).write(to: corpus.appendingPathComponent("a.txt"))
        let big = corpus.appendingPathComponent("big.txt")
        FileManager.default.createFile(atPath: big.path, contents: nil)
        #expect(truncate(big.path, off_t(CorpusListing.maxFileBytes + 1)) == 0)  // sparse: no disk used
        let listing = try CorpusListing.list(corpus)
        #expect(listing.entries.map(\.name) == ["a.txt"])
        #expect(listing.skipped.contains { $0.hasPrefix("big.txt: skipped") })
    }
}
