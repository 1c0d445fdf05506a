import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The commit point of an index: names the live generation and what it was built from.
///
/// Written as a framed file (`MANIFEST`, magic `KSKMANIF`) whose payload is this struct as JSON.
/// A commit writes `MANIFEST.tmp`, fsyncs it and renames it over `MANIFEST`.
public struct Manifest: Codable, Sendable, Equatable {
    /// A file of the generation with its size and CRC-32.
    public struct FileEntry: Codable, Sendable, Equatable {
        /// The file's name inside the generation folder.
        public var name: String
        /// Its size in bytes.
        public var size: Int
        /// The CRC-32 of the whole file.
        public var crc32: UInt32
    }

    /// The on-disk format version.
    public var formatVersion: UInt32
    /// The live generation: its files are in `gen-<generation>/`.
    public var generation: Int
    /// The fingerprint of the corpus it was built from (see ``CorpusFingerprint``).
    public var corpusFingerprint: String
    /// ICU's version at build time: a different ICU may break words differently.
    public var icuVersion: String
    /// The analyser's version at build time.
    public var analyzerVersion: String
    /// Number of passages.
    public var passages: Int
    /// Number of documents.
    public var documents: Int
    /// The generation's files.
    public var files: [FileEntry]
    /// The absolute path of the corpus folder it was built from (the fronts' default corpus).
    public var corpusPath: String?
    /// Name, size and modification time of each corpus file at build time: when they are all
    /// unchanged, the index is fresh without hashing the corpus (a CLI call stays fast).
    public var corpusFiles: [CorpusFile]?

    /// A corpus file as `stat` saw it.
    public struct CorpusFile: Codable, Sendable, Equatable {
        /// The file name.
        public var name: String
        /// Its size in bytes.
        public var size: Int
        /// Its modification time, in nanoseconds since 1970.
        public var mtimeNanoseconds: Int

        enum CodingKeys: String, CodingKey {
            case name, size
            case mtimeNanoseconds = "mtime_ns"
        }
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", generation, corpusFingerprint = "corpus_fingerprint"
        case icuVersion = "icu_version", analyzerVersion = "analyzer_version", passages, documents, files
        case corpusFiles = "corpus_files", corpusPath = "corpus_path"
    }

    static let fileName = "MANIFEST"

    /// The folder of a generation inside the index folder.
    static func generationFolder(_ generation: Int) -> String { "gen-\(generation)" }

    /// Reads and checks the manifest of the index at `directory`. With `olderFormats`, a manifest
    /// of an earlier format version is returned too (its `formatVersion` tells), so that the index
    /// can be rebuilt from its corpus; otherwise it is refused as ``KensakuError/indexCorrupt(file:reason:)``.
    public static func read(from directory: URL, olderFormats: Bool = false) throws -> Manifest {
        let url = directory.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw KensakuError.indexMissing(path: directory.path)
        }
        let data: Data
        data = try MappedFile.readRegularFile(url.path)
        return try data.withUnsafeBytes { raw in
            let range = try IndexFormat.unframe(raw, magic: .manifest, file: url.path, checksum: true, olderVersions: olderFormats)
            let framed = raw.loadLE(UInt32.self, at: 8)
            do {
                let manifest = try JSONDecoder().decode(Manifest.self, from: Data(raw[range]))
                guard manifest.formatVersion == framed else {
                    throw KensakuError.indexCorrupt(file: url.path, reason: "format version \(manifest.formatVersion) in a version \(framed) frame")
                }
                return manifest
            } catch let error as KensakuError {
                throw error
            } catch {
                throw KensakuError.indexCorrupt(file: url.path, reason: "unreadable manifest: \(error)")
            }
        }
    }
}

/// A fingerprint of a corpus folder: its `.txt` files' names and contents (FNV-1a, 64 bit),
/// with the analyser's version. An index whose manifest has another fingerprint is stale.
public enum CorpusFingerprint {
    /// Name, size and modification time of the documents of `directory` (see ``CorpusListing``), by name.
    public static func stats(directory: URL) -> [Manifest.CorpusFile] {
        let entries = (try? CorpusListing.list(directory).entries) ?? []
        return entries.map { Manifest.CorpusFile(name: $0.name, size: $0.size, mtimeNanoseconds: $0.mtimeNanoseconds) }
    }

    /// Computes the fingerprint of the documents of `directory` (see ``CorpusListing``): only files
    /// that are indexed count, so a skipped entry never makes an index look stale.
    public static func compute(directory: URL) throws -> String {
        let entries = try CorpusListing.list(directory).entries
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ bytes: UnsafeRawBufferPointer) {
            for b in bytes {
                hash ^= UInt64(b)
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        func mix(_ s: String) { Array((s + "\u{0}").utf8).withUnsafeBytes { mix($0) } }
        mix(IndexFormat.analyzerVersion)
        for entry in entries {
            mix(entry.name)
            // Read through the same checks as the indexer (no mmap: a file shortened meanwhile
            // would end the process).
            let bytes = (try? CorpusListing.bytes(of: entry)) ?? []
            mix(String(bytes.count))
            bytes.withUnsafeBytes { mix($0) }
        }
        return String(hash, radix: 16)
    }
}

/// Reiwa year numbers from the forms people write: 令和7年度, R7, 2025年度.
enum FiscalYearCode {
    /// The Reiwa year number of a fiscal-year label, or nil.
    static func reiwa(_ label: String?) -> Int? {
        guard let label else { return nil }
        let folded = Normalizer.fold(label)
        let digits = { (s: Substring) -> Int? in Int(s.prefix { $0.isASCII && $0.isNumber }) }
        if let r = folded.range(of: "令和") {
            let rest = folded[r.upperBound...]
            if rest.hasPrefix("元") { return 1 }
            return digits(rest)
        }
        if folded.hasPrefix("r"), let n = digits(folded.dropFirst()) { return n }
        if let n = digits(folded[...]), n >= 2019, n < 2119 { return n - 2018 }
        return nil
    }
}
