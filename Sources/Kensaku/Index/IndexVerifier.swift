import Foundation

/// A full check of an index: every file's frame and CRC-32, every term's postings, every
/// stored passage. Throws ``KensakuError/indexCorrupt(file:reason:)`` naming the first bad file.
public enum IndexVerifier {
    /// Verifies the index at `directory` and returns a one-line summary.
    public static func verify(directory: URL) throws -> String {
        let reader = try SegmentReader(directory: directory, checksums: true)
        for entry in reader.manifest.files {
            let url = reader.folder.appendingPathComponent(entry.name)
            let data = try MappedFile.readRegularFile(url.path)
            let crc = data.withUnsafeBytes { CRC32.checksum($0) }
            guard crc == entry.crc32 else {
                throw KensakuError.indexCorrupt(file: url.path, reason: "checksum differs from the manifest's")
            }
        }
        var postings = 0
        for ordinal in 0..<reader.termCount {
            let list = try reader.postings(ordinal)
            guard list.count == (try reader.documentFrequency(ordinal)) else {
                throw KensakuError.indexCorrupt(file: reader.folder.appendingPathComponent("postings").path,
                                                reason: "term \(ordinal): document frequency mismatch")
            }
            postings += list.positions.count
        }
        for i in 0..<reader.passageCount {
            let row = reader.row(i)
            _ = try reader.passage(i)
            _ = try reader.amounts(of: row)
        }
        _ = try reader.programmesAndAbbreviations()
        return "ok: generation \(reader.manifest.generation), \(reader.passageCount) passages, \(reader.documents.count) documents, \(reader.termCount) terms, \(postings) positions; every checksum matches"
    }
}
