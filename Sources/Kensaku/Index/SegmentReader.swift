import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A row of the passage table.
struct PassageRow {
    var document: Int
    var textLength: Int
    var textWords: Int
    var programmeID: Int
    var amountStart: Int
    var amountCount: Int
    var firstLine: Int
}

/// A row of the amount table.
struct AmountRow {
    var yen: Int64
    var role: AmountRole
    var reiwa: Int
}

/// Reads one generation of an index through memory maps: opening checks frames, not contents;
/// every decode is bounds-checked and reports damage by file name.
final class SegmentReader: @unchecked Sendable {
    let manifest: Manifest
    let folder: URL
    /// Throws ``KensakuError/indexCorrupt(file:reason:)`` when a mapped file was changed on disk
    /// since it was opened (see ``MappedFile/isUnchanged``).
    func checkUnchanged() throws {
        for file in [terms, postingsFile, store, meta] where !file.isUnchanged {
            throw KensakuError.indexCorrupt(file: file.path, reason: "it was changed on disk while in use; restart the server, "
                + "and commit new indexes with `kensaku index` instead of rewriting files")
        }
    }

    private let terms: MappedFile
    private let postingsFile: MappedFile
    private let store: MappedFile
    private let meta: MappedFile
    private let termsRange: Range<Int>
    private let postingsRange: Range<Int>
    private let storeRange: Range<Int>
    private let metaRange: Range<Int>
    let termCount: Int
    let passageCount: Int
    let documents: [DocumentInfo]
    /// Each document's fiscal year as a Reiwa number (nil when unknown).
    let documentReiwa: [Int?]
    let averageTextLength: Double
    private let amountTableOffset: Int
    private let stringsOffset: Int
    private let programmeCount: Int

    /// Opens the live generation of the index at `directory`. With `checksums`, every file's
    /// CRC-32 is verified (reads every byte); otherwise headers, footers and sizes are.
    /// `manifest`, when given, is the index's manifest as the caller just read it (one read per open).
    init(directory: URL, checksums: Bool, manifest read: Manifest? = nil) throws {
        manifest = try read ?? Manifest.read(from: directory)
        folder = directory.appendingPathComponent(Manifest.generationFolder(manifest.generation))
        let manifest = self.manifest
        let folder = self.folder
        func open(_ name: String, _ magic: IndexFormat.Magic) throws -> (MappedFile, Range<Int>) {
            let path = folder.appendingPathComponent(name).path
            let file = try MappedFile(path: path)
            if let entry = manifest.files.first(where: { $0.name == name }), entry.size != file.bytes.count {
                throw KensakuError.indexCorrupt(file: path, reason: "size \(file.bytes.count), the manifest says \(entry.size)")
            }
            let range = try IndexFormat.unframe(file.bytes, magic: magic, file: path, checksum: checksums)
            return (file, range)
        }
        (terms, termsRange) = try open("terms", .terms)
        (postingsFile, postingsRange) = try open("postings", .postings)
        (store, storeRange) = try open("store", .store)
        (meta, metaRange) = try open("meta", .meta)

        var t = ByteCursor(terms.bytes, range: termsRange, file: terms.path)
        termCount = Int(try t.fixed(UInt32.self))
        guard (termCount + 1) * SegmentEncoder.termEntrySize + 4 <= termsRange.count else {
            throw KensakuError.indexCorrupt(file: terms.path, reason: "term table larger than the file")
        }
        var m = ByteCursor(meta.bytes, range: metaRange, file: meta.path)
        passageCount = Int(try m.fixed(UInt32.self))
        let documentCount = Int(try m.fixed(UInt32.self))
        let amountCount = Int(try m.fixed(UInt32.self))
        programmeCount = Int(try m.fixed(UInt32.self))
        let totalText = try m.fixed(UInt64.self)
        amountTableOffset = Int(clamping: try m.fixed(UInt64.self))
        stringsOffset = Int(clamping: try m.fixed(UInt64.self))
        guard passageCount == manifest.passages,
              amountTableOffset == SegmentEncoder.metaHeaderSize + passageCount * SegmentEncoder.passageRowSize,
              stringsOffset == amountTableOffset + amountCount * SegmentEncoder.amountRowSize,
              stringsOffset <= metaRange.count
        else { throw KensakuError.indexCorrupt(file: meta.path, reason: "tables do not match the header") }
        averageTextLength = passageCount > 0 ? max(1, Double(totalText) / Double(passageCount)) : 1
        var s = ByteCursor(meta.bytes, range: (metaRange.lowerBound + stringsOffset)..<metaRange.upperBound, file: meta.path)
        guard try s.int() == documentCount else { throw s.corrupt("document count") }
        var docs: [DocumentInfo] = []
        for _ in 0..<documentCount { docs.append(try Self.readDocument(&s)) }
        documents = docs
        documentReiwa = docs.map { FiscalYearCode.reiwa($0.fiscalYear) }
        var st = ByteCursor(store.bytes, range: storeRange, file: store.path)
        guard Int(try st.fixed(UInt32.self)) == passageCount,
              4 + (passageCount + 1) * 8 <= storeRange.count
        else { throw KensakuError.indexCorrupt(file: store.path, reason: "passage count does not match") }
    }

    private let lock = NSLock()
    private var decodedStrings: (LabelIndex, AbbreviationTable)?

    /// The labels (programme names and section headings, by id) and the abbreviation table,
    /// decoded on first use.
    func programmesAndAbbreviations() throws -> (LabelIndex, AbbreviationTable) {
        lock.lock()
        defer { lock.unlock() }
        if let decodedStrings { return decodedStrings }
        let value = try decodeStrings()
        decodedStrings = value
        return value
    }

    /// One document's entry of the meta strings (docs/FORMAT.md, "meta").
    private static func readDocument(_ s: inout ByteCursor) throws -> DocumentInfo {
        let doc = try s.string()
        let title = try s.string()
        let year = try s.string()
        let n = try s.int()
        var years: [String] = []
        for _ in 0..<(try s.int()) { years.append(try s.string()) }
        let kind = try s.string()
        return DocumentInfo(doc: doc, title: title, fiscalYear: year.isEmpty ? nil : year, passages: n,
                            fiscalYears: years, kind: DocumentKind(rawValue: kind))
    }

    private func decodeStrings() throws -> (LabelIndex, AbbreviationTable) {
        var s = ByteCursor(meta.bytes, range: (metaRange.lowerBound + stringsOffset)..<metaRange.upperBound, file: meta.path)
        let documentCount = try s.int()
        for _ in 0..<documentCount { _ = try Self.readDocument(&s) }
        var labels = try LabelIndex.decode(&s, passageCount: passageCount)
        guard labels.names.count == programmeCount else { throw s.corrupt("label count") }
        let pairCount = try s.int()
        var pairs: [(String, String)] = []
        for _ in 0..<pairCount { pairs.append((try s.string(), try s.string())) }
        labels.grams = try LabelGramTable(&s)
        return (labels, AbbreviationTable(pairs: pairs))
    }

    // MARK: Terms

    /// Entry `i` of the term table: where its key and its postings start.
    @inline(__always)
    private func entry(_ i: Int) -> (key: Int, postings: Int) {
        let at = termsRange.lowerBound + 4 + i * SegmentEncoder.termEntrySize
        return (Int(terms.bytes.loadLE(UInt32.self, at: at)), Int(terms.bytes.loadLE(UInt32.self, at: at + 4)))
    }

    private func termKey(_ i: Int) -> UnsafeRawBufferPointer {
        let keysBase = termsRange.lowerBound + 4 + (termCount + 1) * SegmentEncoder.termEntrySize
        let start = min(keysBase + entry(i).key, termsRange.upperBound)
        let end = max(start, min(keysBase + entry(i + 1).key, termsRange.upperBound))
        return UnsafeRawBufferPointer(rebasing: terms.bytes[start..<end])
    }

    /// The byte range of term `ordinal`'s postings in the postings file.
    private func postingsRange(_ ordinal: Int) throws -> Range<Int> {
        let start = entry(ordinal).postings
        let end = entry(ordinal + 1).postings
        guard start <= end, end <= postingsRange.count else {
            throw KensakuError.indexCorrupt(file: terms.path, reason: "postings pointer out of range for term \(ordinal)")
        }
        return (postingsRange.lowerBound + start)..<(postingsRange.lowerBound + end)
    }

    /// The first term ordinal whose key is not less than `key`.
    private func lowerBound(_ key: [UInt8]) -> Int {
        var lo = 0
        var hi = termCount
        key.withUnsafeBytes { k in
            while lo < hi {
                let mid = (lo + hi) / 2
                let t = termKey(mid)
                let n = min(t.count, k.count)
                var c = n > 0 ? memcmp(t.baseAddress!, k.baseAddress!, n) : 0
                if c == 0 { c = t.count < k.count ? -1 : (t.count > k.count ? 1 : 0) }
                if c < 0 { lo = mid + 1 } else { hi = mid }
            }
        }
        return lo
    }

    /// The ordinal of the term with exactly this key.
    func find(_ key: [UInt8]) -> Int? {
        let i = lowerBound(key)
        guard i < termCount else { return nil }
        let t = termKey(i)
        return t.count == key.count && key.withUnsafeBytes({ memcmp(t.baseAddress!, $0.baseAddress!, key.count) == 0 }) ? i : nil
    }

    /// The ordinals of every term whose key starts with `prefix`.
    func ordinals(withPrefix prefix: [UInt8]) -> Range<Int> {
        let start = lowerBound(prefix)
        var end = start
        prefix.withUnsafeBytes { p in
            while end < termCount {
                let t = termKey(end)
                guard t.count >= p.count, memcmp(t.baseAddress!, p.baseAddress!, p.count) == 0 else { break }
                end += 1
            }
        }
        return start..<end
    }

    /// The number of passages that contain term `ordinal`.
    func documentFrequency(_ ordinal: Int) throws -> Int {
        var c = ByteCursor(postingsFile.bytes, range: try postingsRange(ordinal), file: postingsFile.path)
        return try c.int()
    }

    /// Decodes the postings of term `ordinal`; with `positions: false`, only passages and counts
    /// (`positionStart` still tells each passage's count; `positions` stays empty). The doc deltas
    /// and frequencies come before the positions (docs/FORMAT.md, "postings"): without positions,
    /// only the first part is read.
    ///
    /// With `only` (passages, ascending), the list keeps only those passages: the positions of the
    /// others are stepped over byte by byte, never decoded (a phrase decodes the positions of its
    /// common bigrams only where its rare ones occur).
    func postings(_ ordinal: Int, positions wantPositions: Bool = true, only: [Int32]? = nil) throws -> PostingList {
        let range = try postingsRange(ordinal)
        var list = PostingList()
        let corrupt = { (what: String) in
            KensakuError.indexCorrupt(file: self.postingsFile.path, reason: "\(what) in the postings of term \(ordinal)")
        }
        guard let base = postingsFile.bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return list }
        // A bounds-checked LEB128 read straight from the map (the hot loop of every query).
        @inline(__always) func varint(_ p: inout Int, _ end: Int) throws -> UInt32 {
            var result: UInt32 = 0
            var shift: UInt32 = 0
            while true {
                guard p < end, shift < 32 else { throw corrupt("bad varint") }
                let b = base[p]
                p += 1
                result |= UInt32(b & 0x7F) << shift
                if b < 0x80 { return result }
                shift += 7
            }
        }
        var p = range.lowerBound
        let df = Int(try varint(&p, range.upperBound))
        guard df <= passageCount else { throw corrupt("document frequency \(df) above passage count") }
        let docBytes = Int(try varint(&p, range.upperBound))
        guard docBytes <= range.upperBound - p else { throw corrupt("doc part longer than the postings") }
        let docEnd = p + docBytes
        var q = docEnd                 // the positions part
        let end = range.upperBound
        list.docs.reserveCapacity(df)
        list.positionStart.reserveCapacity(df + 1)
        if wantPositions { list.positions.reserveCapacity(end - docEnd) }
        var doc: Int32 = -1
        var count: Int32 = 0
        var next = 0                   // the next passage of `only` not yet passed
        var stoppedEarly = false       // every passage of `only` was passed: the rest is not read
        for _ in 0..<df {
            if let only, next >= only.count {
                stoppedEarly = true
                break
            }
            doc &+= Int32(truncatingIfNeeded: try varint(&p, docEnd))
            guard doc >= 0, Int(doc) < passageCount else { throw corrupt("passage number out of range") }
            let tf = Int32(truncatingIfNeeded: try varint(&p, docEnd))
            // Every position takes at least one byte: the frequencies cannot add up past the positions part.
            guard tf > 0, Int(count) + Int(tf) <= end - docEnd else { throw corrupt("bad term frequency") }
            if let only {
                while next < only.count && only[next] < doc { next += 1 }
                guard next < only.count, only[next] == doc else {
                    if wantPositions {
                        // Step over this passage's positions: tf varints, each ending at a byte below 0x80.
                        var left = tf
                        while left > 0 {
                            guard q < end else { throw corrupt("bad varint") }
                            if base[q] < 0x80 { left -= 1 }
                            q += 1
                        }
                    }
                    continue
                }
            }
            if wantPositions {
                var position: Int32 = 0
                for _ in 0..<tf {
                    position &+= Int32(truncatingIfNeeded: try varint(&q, end))
                    list.positions.append(position)
                }
            }
            count += tf
            list.docs.append(doc)
            list.positionStart.append(count)
        }
        if !stoppedEarly {
            guard p == docEnd else { throw corrupt("doc part length mismatch") }
            if wantPositions, q != end { throw corrupt("positions length mismatch") }
        }
        return list
    }

    // MARK: Passages

    func row(_ i: Int) -> PassageRow {
        let base = metaRange.lowerBound + SegmentEncoder.metaHeaderSize + i * SegmentEncoder.passageRowSize
        let b = meta.bytes
        return PassageRow(document: Int(b.loadLE(UInt32.self, at: base)),
                          textLength: Int(b.loadLE(UInt32.self, at: base + 4)),
                          textWords: Int(b.loadLE(UInt32.self, at: base + 12)),
                          programmeID: Int(b.loadLE(Int32.self, at: base + 16)),
                          amountStart: Int(b.loadLE(UInt32.self, at: base + 20)),
                          amountCount: Int(b.loadLE(UInt32.self, at: base + 24)),
                          firstLine: Int(b.loadLE(UInt32.self, at: base + 28)))
    }

    /// Row `index` of the amount table.
    func amount(_ index: Int) throws -> AmountRow {
        let at = metaRange.lowerBound + amountTableOffset + index * SegmentEncoder.amountRowSize
        guard index >= 0, at + SegmentEncoder.amountRowSize <= metaRange.lowerBound + stringsOffset else {
            throw KensakuError.indexCorrupt(file: meta.path, reason: "amount row out of range")
        }
        let role = Int(meta.bytes[at + 8])
        return AmountRow(yen: meta.bytes.loadLE(Int64.self, at: at),
                         role: AmountRole.stored(role),
                         reiwa: Int(meta.bytes[at + 9]))
    }

    func amounts(of row: PassageRow) throws -> [AmountRow] {
        let base = metaRange.lowerBound + amountTableOffset
        let limit = metaRange.lowerBound + stringsOffset
        var out: [AmountRow] = []
        for k in 0..<row.amountCount {
            let at = base + (row.amountStart + k) * SegmentEncoder.amountRowSize
            guard at + SegmentEncoder.amountRowSize <= limit else {
                throw KensakuError.indexCorrupt(file: meta.path, reason: "amount row out of range")
            }
            let role = Int(meta.bytes[at + 8])
            out.append(AmountRow(yen: meta.bytes.loadLE(Int64.self, at: at),
                                 role: AmountRole.stored(role),
                                 reiwa: Int(meta.bytes[at + 9])))
        }
        return out
    }

    /// How often `phrase` (normalised scalars) occurs in passage `i`'s stored text as written, if
    /// that answers for the normalised text too: nil when the literal search cannot tell (not
    /// found as written, or a combining mark follows, which normalisation could merge).
    func literalCount(of phrase: [UInt32], inTextOf i: Int) throws -> Int? {
        guard let first = phrase.first, let scalar = Unicode.Scalar(first),
              ![.nonspacingMark, .spacingMark, .enclosingMark].contains(scalar.properties.generalCategory) else { return nil }
        var needle: [UInt8] = []
        for c in phrase { UTF8Encoding.append(c, to: &needle) }
        var c = try storeCursor(i)
        _ = try c.int(); _ = try c.int(); _ = try c.int()
        let sections = try c.int()
        for _ in 0..<sections { _ = try c.int() }
        let length = try c.int()
        guard c.offset + length <= c.end else { throw c.corrupt("text past the end") }
        let text = UnsafeRawBufferPointer(rebasing: store.bytes[c.offset..<(c.offset + length)])
        var count = 0
        var from = 0
        while from + needle.count <= text.count {
            guard let at = SegmentReader.find(needle, in: text, from: from) else { break }
            let next = at + needle.count
            if next < text.count {
                // A combining mark right after could compose with the match's last character.
                let b = text[next]
                if b == 0xCC || b == 0xCD || (b == 0xE3 && next + 2 < text.count && text[next + 1] == 0x82 && (text[next + 2] == 0x99 || text[next + 2] == 0x9A))
                    || (b == 0xEF && next + 2 < text.count && text[next + 1] == 0xBE && (text[next + 2] == 0x9E || text[next + 2] == 0x9F)) {
                    return nil
                }
            }
            count += 1
            from = at + max(1, needle.count)
        }
        return count > 0 ? count : nil
    }

    /// The first offset ≥ `from` where `needle` occurs in `haystack`.
    static func find(_ needle: [UInt8], in haystack: UnsafeRawBufferPointer, from: Int) -> Int? {
        guard let first = needle.first, let base = haystack.baseAddress else { return nil }
        var at = from
        while at + needle.count <= haystack.count {
            guard let hit = memchr(base + at, Int32(first), haystack.count - needle.count + 1 - at) else { return nil }
            let offset = UnsafeRawPointer(hit) - base
            if needle.withUnsafeBytes({ memcmp(base + offset, $0.baseAddress!, needle.count) }) == 0 { return offset }
            at = offset + 1
        }
        return nil
    }

    private func storeCursor(_ i: Int) throws -> ByteCursor {
        guard i >= 0, i < passageCount else { throw KensakuError.notFound("#\(i)") }
        let table = storeRange.lowerBound + 4
        let start = Int(clamping: store.bytes.loadLE(UInt64.self, at: table + i * 8))
        let end = Int(clamping: store.bytes.loadLE(UInt64.self, at: table + (i + 1) * 8))
        let blobs = table + (passageCount + 1) * 8
        guard start <= end, blobs + end <= storeRange.upperBound else {
            throw KensakuError.indexCorrupt(file: store.path, reason: "passage \(i) out of range")
        }
        return ByteCursor(store.bytes, range: (blobs + start)..<(blobs + end), file: store.path)
    }

    /// The stored passage number `i`.
    func passage(_ i: Int) throws -> Passage {
        var c = try storeCursor(i)
        return try PassageCodec.decode(&c, documents: documents, labels: try programmesAndAbbreviations().0.names)
    }
}
