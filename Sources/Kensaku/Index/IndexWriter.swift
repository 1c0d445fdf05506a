import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Builds an index on disk from a corpus folder or from passages.
///
/// A commit writes a new generation folder beside the live one, fsyncs every file and the
/// folder, then replaces `MANIFEST` by an atomic rename: a writer killed at any moment leaves
/// the previous index readable.
public struct IndexWriter: Sendable {
    /// Where a test may ask the writer to stop, to simulate a crash.
    public enum CrashPoint: Sendable { case afterGenerationFiles, afterManifestTemp }

    /// What a build produced.
    public struct Summary: Sendable {
        /// Passages indexed.
        public var passages: Int
        /// Documents indexed.
        public var documents: Int
        /// The generation committed.
        public var generation: Int
        /// Bytes written (all files of the generation).
        public var bytes: Int
        /// Warnings about the corpus (bad bytes replaced), one line each.
        public var warnings: [String]
    }

    /// The index folder.
    public let directory: URL
    /// For tests: stop (throwing) at this point of the commit.
    public var crashPoint: CrashPoint?

    /// A writer for the index at `directory` (created if missing).
    public init(directory: URL) {
        self.directory = directory
    }

    /// Reads, splits and indexes the corpus at `corpus`. `progress` is called with (done, total) passages.
    public func build(corpus: URL, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> Summary {
        let clock = PhaseClock()
        let corpusFiles = CorpusFingerprint.stats(directory: corpus)
        let fingerprint = try CorpusFingerprint.compute(directory: corpus)
        clock.lap("fingerprint")
        let (documents, skipped) = try CorpusReader.readListing(directory: corpus)
        clock.lap("read")
        // Split documents on every core.
        final class Split: @unchecked Sendable {
            var passages: [[Passage]]
            var infos: [DocumentInfo?]
            init(_ n: Int) {
                passages = Array(repeating: [], count: n)
                infos = Array(repeating: nil, count: n)
            }
        }
        let split = Split(documents.count)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: documents.count) { i in
            let analysis = PassageSplitter.analyse(documents[i])
            let (p, info) = (analysis.passages, analysis.info)
            lock.lock()
            split.passages[i] = p
            split.infos[i] = info
            lock.unlock()
        }
        let passages = split.passages.flatMap { $0 }
        clock.lap("split")
        let infos = split.infos.compactMap { $0 }
        let warnings = skipped + documents.flatMap(\.warnings)
        var summary = try write(documents: infos, passages: passages, fingerprint: fingerprint,
                                corpusFiles: corpusFiles, corpusPath: corpus.standardizedFileURL.path, progress: progress)
        summary.warnings = warnings
        return summary
    }

    /// Indexes `passages` (grouped by document, in the order of `documents`) and commits them.
    public func write(documents: [DocumentInfo], passages: [Passage], fingerprint: String,
                      corpusFiles: [Manifest.CorpusFile]? = nil, corpusPath: String? = nil,
                      progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> Summary {
        let fm = FileManager.default
        do { try fm.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
            throw KensakuError.io(path: directory.path, reason: "cannot create the index folder")
        }
        let lock = try IndexLock(directory: directory)
        defer { lock.release() }

        let clock = PhaseClock()
        let built = InvertedIndexBuild.run(passages: passages, progress: progress)
        clock.lap("analyse+invert")
        let files = SegmentEncoder.encode(documents: documents, passages: passages, build: built)
        clock.lap("encode")

        // An index of an earlier format is replaced like any other generation.
        let live = try? Manifest.read(from: directory, olderFormats: true)
        let previous = live?.generation ?? 0
        // A manifest that exists but cannot be read: its generations are kept (the user may want them).
        let manifestDamaged = live == nil && fm.fileExists(atPath: directory.appendingPathComponent(Manifest.fileName).path)
        // Debris of a commit that failed (a full disk, a kill): uncommitted generations and the
        // manifest's temp file. Only when the live manifest is known, so nothing live is touched.
        if let live { removeUncommitted(after: live.generation) }
        var generation = previous + 1
        while fm.fileExists(atPath: directory.appendingPathComponent(Manifest.generationFolder(generation)).path) {
            generation += 1
        }
        let folder = directory.appendingPathComponent(Manifest.generationFolder(generation))
        do { try fm.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw KensakuError.io(path: folder.path, reason: "cannot create the generation folder")
        }
        var entries: [Manifest.FileEntry] = []
        var bytes = 0
        do {
            for (name, content) in files {
                try Self.writeDurably(content, to: folder.appendingPathComponent(name))
                entries.append(.init(name: name, size: content.count, crc32: CRC32.checksum(content)))
                bytes += content.count
            }
            try Self.syncDirectory(folder)
        } catch {
            // A failed write (ENOSPC) leaves no partial generation behind to block the next commit.
            try? fm.removeItem(at: folder)
            throw error
        }
        clock.lap("write+fsync")
        if crashPoint == .afterGenerationFiles { throw KensakuError.io(path: folder.path, reason: "simulated crash") }

        let manifest = Manifest(formatVersion: IndexFormat.version, generation: generation,
                                corpusFingerprint: fingerprint, icuVersion: Normalizer.icuVersion,
                                analyzerVersion: IndexFormat.analyzerVersion, passages: passages.count,
                                documents: documents.count, files: entries, corpusPath: corpusPath,
                                corpusFiles: corpusFiles)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let json = (try? encoder.encode(manifest)) ?? Data()
        let temp = directory.appendingPathComponent(Manifest.fileName + ".tmp")
        do {
            try Self.writeDurably(IndexFormat.frame(.manifest, payload: Array(json)), to: temp)
        } catch {
            try? fm.removeItem(at: temp)
            try? fm.removeItem(at: folder)
            throw error
        }
        if crashPoint == .afterManifestTemp { throw KensakuError.io(path: temp.path, reason: "simulated crash") }
        guard rename(temp.path, directory.appendingPathComponent(Manifest.fileName).path) == 0 else {
            throw KensakuError.io(path: temp.path, reason: "cannot rename the manifest: \(String(cString: strerror(errno)))")
        }
        try Self.syncDirectory(directory)
        if !manifestDamaged { removeOldGenerations(keeping: [generation, previous]) }
        return Summary(passages: passages.count, documents: documents.count, generation: generation,
                       bytes: bytes, warnings: [])
    }

    /// Removes generation folders newer than the live one and a leftover `MANIFEST.tmp`: what a
    /// commit that never finished left behind (called under the writer's lock).
    private func removeUncommitted(after live: Int) {
        let fm = FileManager.default
        try? fm.removeItem(at: directory.appendingPathComponent(Manifest.fileName + ".tmp"))
        guard let names = try? fm.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where name.hasPrefix("gen-") {
            if let n = Int(name.dropFirst(4)), n > live { try? fm.removeItem(at: directory.appendingPathComponent(name)) }
        }
    }

    /// Removes generation folders other than `keeping` (readers that mapped them keep their pages).
    private func removeOldGenerations(keeping: Set<Int>) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where name.hasPrefix("gen-") {
            if let n = Int(name.dropFirst(4)), keeping.contains(n) { continue }
            try? fm.removeItem(at: directory.appendingPathComponent(name))
        }
    }

    static func writeDurably(_ bytes: [UInt8], to url: URL) throws {
        // A new file every time: whatever had the name (a symlink, a FIFO, an old temp) is removed,
        // and O_EXCL | O_NOFOLLOW never write through a link.
        unlink(url.path)
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw KensakuError.io(path: url.path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var written = 0
        try bytes.withUnsafeBytes { raw in
            while written < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw KensakuError.io(path: url.path, reason: String(cString: strerror(errno)))
                }
                written += n
            }
        }
        guard fsync(fd) == 0 else { throw KensakuError.io(path: url.path, reason: "fsync failed") }
    }

    static func syncDirectory(_ url: URL) throws {
        let fd = open(url.path, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { throw KensakuError.io(path: url.path, reason: "cannot open the folder to fsync it") }
        defer { close(fd) }
        _ = fsync(fd)
    }
}

/// An exclusive lock on an index folder (`LOCK`, flock), so two writers never interleave.
struct IndexLock {
    let fd: Int32

    init(directory: URL) throws {
        let path = directory.appendingPathComponent("LOCK").path
        fd = open(path, O_RDWR | O_CREAT, 0o644)
        guard fd >= 0 else { throw KensakuError.io(path: path, reason: "cannot open the lock file") }
        guard flock(fd, LOCK_EX) == 0 else {
            close(fd)
            throw KensakuError.io(path: path, reason: "cannot lock the index")
        }
    }

    func release() {
        flock(fd, LOCK_UN)
        close(fd)
    }
}

/// Phase timings on stderr when `KENSAKU_TIMING` is set (for profiling the indexer).
final class PhaseClock {
    private var last = DispatchTime.now().uptimeNanoseconds
    private let enabled = ProcessInfo.processInfo.environment["KENSAKU_TIMING"] != nil

    func lap(_ phase: String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        FileHandle.standardError.write(Data("timing: \(phase) \((now - last) / 1_000_000) ms\n".utf8))
        last = now
    }
}
