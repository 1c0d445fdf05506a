import Foundation

/// One document of the corpus, decoded.
public struct CorpusDocument: Sendable {
    /// The file name, e.g. `000_24b64a88380a38ac.txt`.
    public let name: String
    /// The text, valid Unicode (bad bytes replaced by U+FFFD).
    public let text: String
    /// What was wrong with the bytes (invalid UTF-8, NUL), naming the file, line and byte offset.
    public let warnings: [String]

    /// A document named `name` (its file name) with its text and the warnings reading it gave.
    public init(name: String, text: String, warnings: [String] = []) {
        self.name = name
        self.text = text
        self.warnings = warnings
    }
}

/// Reads the corpus: the `*.txt` files of a folder.
public enum CorpusReader {
    /// At most this many warnings of each kind per file; the rest are counted in one more line.
    static let warningLimit = 5

    /// The `*.txt` files of `directory`, sorted by name. Invalid UTF-8 is replaced by U+FFFD and NUL
    /// bytes are replaced (by U+FFFD), each with a warning naming file and line/byte offset; an
    /// empty file gives a document with no passages. Throws ``KensakuError/corpusUnreadable(path:reason:)``
    /// when the folder is missing or unreadable.
    public static func read(directory: URL) throws -> [CorpusDocument] {
        try readListing(directory: directory).documents
    }

    /// The documents of `directory` (see ``CorpusListing``) and one warning per entry skipped
    /// or refused; a file that cannot be read after listing is skipped with a warning too.
    /// Throws ``KensakuError/corpusUnreadable(path:reason:)`` only for the folder itself.
    public static func readListing(directory: URL) throws -> (documents: [CorpusDocument], skipped: [String]) {
        let listing = try CorpusListing.list(directory)
        var skipped = listing.skipped
        var documents: [CorpusDocument] = []
        for entry in listing.entries {
            do {
                let (text, warnings) = decode(try CorpusListing.bytes(of: entry), name: entry.name)
                documents.append(CorpusDocument(name: entry.name, text: text, warnings: warnings))
            } catch let error as KensakuError {
                if case let .corpusUnreadable(_, reason) = error {
                    skipped.append("\(entry.name): skipped, \(reason)")
                } else {
                    skipped.append("\(entry.name): skipped, cannot read it")
                }
            }
        }
        return (documents, skipped)
    }

    /// One file of the corpus (see ``read(directory:)``).
    /// Read through the same checks as a corpus folder's files (``CorpusListing/bytes(of:)``): a
    /// regular file of at most ``CorpusListing/maxFileBytes``, never a FIFO that would block.
    public static func read(file: URL) throws -> CorpusDocument {
        let entry = try CorpusListing.entry(file: file)
        let (text, warnings) = decode(try CorpusListing.bytes(of: entry), name: file.lastPathComponent)
        return CorpusDocument(name: file.lastPathComponent, text: text, warnings: warnings)
    }

    /// Decodes UTF-8, replacing each invalid sequence and each NUL byte by U+FFFD, with warnings.
    /// A leading byte order mark is dropped.
    static func decode(_ bytes: [UInt8], name: String) -> (String, [String]) {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var warnings: [String] = []
        var invalid = 0
        var nuls = 0
        var line = 1
        let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        bytes.withUnsafeBufferPointer { b in
            while i < b.count {
                let c = b[i]
                if c == 0x0A { line += 1 }
                if c != 0 && c < 0x80 { out.append(c); i += 1; continue }
                if c == 0 {
                    nuls += 1
                    if nuls <= warningLimit { warnings.append("\(name): line \(line), byte \(i): NUL byte replaced by U+FFFD") }
                    out.append(contentsOf: replacement)
                    i += 1
                    continue
                }
                let length = sequenceLength(b, at: i)
                if length > 0 {
                    out.append(contentsOf: b[i..<(i + length)])
                    i += length
                } else {
                    invalid += 1
                    if invalid <= warningLimit {
                        warnings.append("\(name): line \(line), byte \(i): invalid UTF-8 replaced by U+FFFD")
                    }
                    out.append(contentsOf: replacement)
                    i += 1
                }
            }
        }
        if nuls > warningLimit { warnings.append("\(name): \(nuls - warningLimit) more NUL bytes replaced") }
        if invalid > warningLimit { warnings.append("\(name): \(invalid - warningLimit) more invalid UTF-8 bytes replaced") }
        return (String(decoding: out, as: UTF8.self), warnings)
    }

    /// The length of the valid UTF-8 sequence of 2–4 bytes at `i`, or 0 when it is invalid.
    private static func sequenceLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let c = b[i]
        func continuation(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            i + k < b.count && b[i + k] >= low && b[i + k] <= high
        }
        switch c {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : 0
        case 0xE0:
            return continuation(1, 0xA0) && continuation(2) ? 3 : 0
        case 0xED:
            return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : 0  // no surrogates
        case 0xE1...0xEF:
            return continuation(1) && continuation(2) ? 3 : 0
        case 0xF0:
            return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3:
            return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4:
            return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default:
            return 0
        }
    }
}
