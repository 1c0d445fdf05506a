import Foundation

/// Opening an index for a front: build it first when it is missing or stale.
public enum IndexMaintenance {
    /// Why an index must be (re)built, or nil when it is fresh.
    public static func staleness(index: URL, corpus: URL) -> String? {
        let manifest: Manifest
        do { manifest = try Manifest.read(from: index, olderFormats: true) } catch KensakuError.indexMissing {
            return "no index at \(index.path)"
        } catch {
            return "the index at \(index.path) is unreadable (\(error))"
        }
        return staleness(of: manifest, index: index, corpus: corpus)
    }

    /// Why the index `manifest` describes must be rebuilt from `corpus`, or nil.
    static func staleness(of manifest: Manifest, index: URL, corpus: URL) -> String? {
        if manifest.formatVersion != IndexFormat.version {
            return "the index is in format version \(manifest.formatVersion), this build reads version \(IndexFormat.version)"
        }
        guard FileManager.default.fileExists(atPath: corpus.path) else { return nil }
        if manifest.icuVersion != Normalizer.icuVersion {
            return "the index was built with ICU \(manifest.icuVersion), this is ICU \(Normalizer.icuVersion)"
        }
        if manifest.analyzerVersion != IndexFormat.analyzerVersion { return "the analyser changed" }
        if let files = manifest.corpusFiles, files == CorpusFingerprint.stats(directory: corpus) { return nil }
        if let fingerprint = try? CorpusFingerprint.compute(directory: corpus), fingerprint != manifest.corpusFingerprint {
            return "the corpus at \(corpus.path) changed since the index was built"
        }
        return nil
    }

    /// Opens the index at `index`, building it from `corpus` first when it is missing or stale;
    /// `note` receives one line saying why it was built, and one per warning.
    ///
    /// - A manifest that exists but cannot be read means the index's corpus is unknown: nothing is
    ///   rebuilt (from a folder that may be another corpus) and nothing is deleted; throws
    ///   ``KensakuError/indexCorrupt(file:reason:)`` saying how to rebuild.
    /// - When a stale index cannot be rebuilt (a full disk, an unreadable corpus), the previous
    ///   index is opened with a warning, so that search keeps working.
    public static func open(index: URL, corpus: URL, note: (String) -> Void) throws -> SearchIndex {
        // The manifest is read once: missing means "build it"; present but unreadable means refuse.
        let manifest: Manifest?
        do {
            manifest = try Manifest.read(from: index, olderFormats: true)
        } catch KensakuError.indexMissing {
            manifest = nil
        } catch {
            throw KensakuError.indexCorrupt(
                file: index.appendingPathComponent(Manifest.fileName).path,
                reason: "the manifest is damaged, so the corpus this index was built from is unknown; its generations "
                    + "are kept. Rebuild it with `kensaku index --corpus DIR --index \(index.path)`")
        }
        let stale = manifest.map { staleness(of: $0, index: index, corpus: corpus) } ?? "no index at \(index.path)"
        if let reason = stale {
            guard FileManager.default.fileExists(atPath: corpus.path) else {
                throw KensakuError.corpusUnreadable(path: corpus.path, reason: "\(reason), and there is no corpus to build it from")
            }
            // A corpus that lost every document (unmounted, permissions changed) does not replace
            // an index that has some: keep serving that one.
            if let entries = try? CorpusListing.list(corpus).entries, entries.isEmpty,
               let previous = try? SearchIndex.open(at: index), previous.passageCount > 0 {
                note("kensaku: warning: \(reason), but \(corpus.path) has no readable document now; serving the previous index")
                return previous
            }
            note("kensaku: \(reason); building it from \(corpus.path)")
            do {
                let summary = try IndexWriter(directory: index).build(corpus: corpus)
                for warning in summary.warnings { note("kensaku: warning: \(warning)") }
                note("kensaku: indexed \(summary.passages) passages of \(summary.documents) documents")
            } catch let error as KensakuError {
                guard let previous = try? SearchIndex.open(at: index) else { throw error }
                note("kensaku: warning: cannot rebuild the index (\(error.message)); serving the previous one")
                return previous
            }
        }
        // Not rebuilt: the manifest read above is the live one.
        return try SearchIndex.open(at: index, manifest: stale == nil ? manifest : nil)
    }
}

/// The one JSON encoding of results shared by the CLI, the HTTP API and MCP.
public enum KensakuJSON {
    /// Encodes `value` compactly with sorted keys (stable output for scripts and tests).
    public static func encode<T: Encodable>(_ value: T, pretty: Bool = false) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }

    /// The error object `{"error":{"code","message"}}`.
    public static func error(_ error: KensakuError) -> Data {
        encode(["error": ["code": error.code, "message": error.message]])
    }

    /// A string of JSON.
    public static func string<T: Encodable>(_ value: T) -> String {
        String(decoding: encode(value), as: UTF8.self)
    }
}
