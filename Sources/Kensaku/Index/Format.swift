import Foundation

/// Framing shared by every index file: a header with magic and format version, the payload,
/// and a footer with the payload's length and CRC-32. See docs/FORMAT.md.
public enum IndexFormat {
    /// The format version this build writes and reads.
    public static let version: UInt32 = 2
    /// Bumped when the analyser or the passage splitter changes what it emits (a fold, a stream,
    /// passage boundaries, programmes, amounts): an index built by another version is rebuilt.
    public static let analyzerVersion = "kensaku-analyzer-9"
    /// Header: 8 bytes magic, 4 bytes format version (LE), 4 bytes reserved (0).
    static let headerSize = 16
    /// Footer: 8 bytes payload length (LE), 4 bytes CRC-32 of header+payload (LE), 4 bytes "KEND".
    static let footerSize = 16
    static let footerMagic: [UInt8] = Array("KEND".utf8)

    /// The magic numbers of the index files.
    enum Magic: String {
        case manifest = "KSKMANIF"
        case terms = "KSKTERMS"
        case postings = "KSKPOSTS"
        case store = "KSKSTORE"
        case meta = "KSKMETA1"
    }

    /// Frames `payload` as a complete file of kind `magic`.
    static func frame(_ magic: Magic, payload: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(payload.count + headerSize + footerSize)
        out.append(contentsOf: Array(magic.rawValue.utf8))
        out.appendLE(version)
        out.appendLE(UInt32(0))
        out.append(contentsOf: payload)
        let crc = CRC32.checksum(out)
        out.appendLE(UInt64(payload.count))
        out.appendLE(crc)
        out.append(contentsOf: footerMagic)
        return out
    }

    /// Checks the header and footer of a framed file (and, when `checksum`, its CRC-32) and
    /// returns the payload's range. Throws `indexCorrupt` naming the file.
    ///
    /// `olderVersions` also accepts files of earlier format versions (only the manifest is read so,
    /// to learn that an index is older and must be rebuilt from its corpus).
    static func unframe(_ bytes: UnsafeRawBufferPointer, magic: Magic, file: String, checksum: Bool,
                        olderVersions: Bool = false) throws -> Range<Int> {
        guard bytes.count >= headerSize + footerSize else {
            throw KensakuError.indexCorrupt(file: file, reason: "truncated: \(bytes.count) bytes")
        }
        let actualMagic = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[0..<8]), as: UTF8.self)
        guard actualMagic == magic.rawValue else {
            throw KensakuError.indexCorrupt(file: file, reason: "not a Kensaku \(magic) file (magic \(actualMagic.debugDescription))")
        }
        let fileVersion = bytes.loadLE(UInt32.self, at: 8)
        guard fileVersion == version || (olderVersions && fileVersion >= 1 && fileVersion < version) else {
            let hint = fileVersion < version ? "; rebuild the index from its corpus (`kensaku index`)" : ""
            throw KensakuError.indexCorrupt(file: file, reason: "format version \(fileVersion), this build reads version \(version)\(hint)")
        }
        let footer = bytes.count - footerSize
        guard Array(bytes[(footer + 12)..<(footer + 16)]) == footerMagic else {
            throw KensakuError.indexCorrupt(file: file, reason: "truncated or damaged footer")
        }
        let length = bytes.loadLE(UInt64.self, at: footer)
        guard length == UInt64(footer - headerSize) else {
            throw KensakuError.indexCorrupt(file: file, reason: "truncated: payload length \(length) does not match the file size")
        }
        if checksum {
            let stored = bytes.loadLE(UInt32.self, at: footer + 8)
            let actual = CRC32.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<footer]))
            guard stored == actual else {
                throw KensakuError.indexCorrupt(file: file, reason: "checksum mismatch (stored \(stored), computed \(actual))")
            }
        }
        return headerSize..<footer
    }
}

/// CRC-32 (IEEE 802.3, the zlib polynomial), slicing-by-8.
public enum CRC32 {
    static let tables: [[UInt32]] = {
        var t = [[UInt32]](repeating: [UInt32](repeating: 0, count: 256), count: 8)
        for i in 0..<256 {
            var c = UInt32(i)
            for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            t[0][i] = c
        }
        for i in 0..<256 {
            for k in 1..<8 { t[k][i] = (t[k - 1][i] >> 8) ^ t[0][Int(t[k - 1][i] & 0xFF)] }
        }
        return t
    }()

    /// The CRC-32 of `bytes`.
    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0) }
    }

    /// The CRC-32 of `bytes`.
    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        let flat = tables.flatMap { $0 }
        return flat.withUnsafeBufferPointer { t in
            var crc: UInt32 = 0xFFFF_FFFF
            var i = 0
            let n = bytes.count
            while i + 8 <= n {
                let lo = crc ^ (UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24)
                crc = t[7 * 256 + Int(lo & 0xFF)] ^ t[6 * 256 + Int((lo >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((lo >> 16) & 0xFF)] ^ t[4 * 256 + Int(lo >> 24)]
                    ^ t[3 * 256 + Int(bytes[i + 4])] ^ t[2 * 256 + Int(bytes[i + 5])]
                    ^ t[1 * 256 + Int(bytes[i + 6])] ^ t[Int(bytes[i + 7])]
                i += 8
            }
            while i < n {
                crc = t[Int((crc ^ UInt32(bytes[i])) & 0xFF)] ^ (crc >> 8)
                i += 1
            }
            return crc ^ 0xFFFF_FFFF
        }
    }
}

extension Array where Element == UInt8 {
    mutating func appendLE<T: FixedWidthInteger>(_ value: T) {
        var v = value.littleEndian
        Swift.withUnsafeBytes(of: &v) { append(contentsOf: $0) }
    }

    /// LEB128 unsigned varint.
    mutating func appendVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        append(UInt8(v))
    }

    mutating func appendVarint(_ value: Int) { appendVarint(UInt64(value)) }

    /// A varint length followed by the string's UTF-8 bytes.
    mutating func appendString(_ s: String) {
        var s = s
        s.withUTF8 { buf in
            appendVarint(buf.count)
            append(contentsOf: buf)
        }
    }
}

extension UnsafeRawBufferPointer {
    @inline(__always)
    func loadLE<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> T {
        T(littleEndian: loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}

/// A bounds-checked cursor over index bytes: every read past the end throws instead of crashing.
struct ByteCursor {
    let bytes: UnsafeRawBufferPointer
    var offset: Int
    let end: Int
    let file: String

    init(_ bytes: UnsafeRawBufferPointer, range: Range<Int>, file: String) {
        self.bytes = bytes
        self.offset = range.lowerBound
        self.end = range.upperBound
        self.file = file
    }

    var isAtEnd: Bool { offset >= end }

    func corrupt(_ what: String) -> KensakuError {
        KensakuError.indexCorrupt(file: file, reason: "\(what) at byte \(offset)")
    }

    @inline(__always)
    mutating func varint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < end, shift < 64 else { throw corrupt("bad varint") }
            let b = bytes[offset]
            offset += 1
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
        }
    }

    @inline(__always)
    mutating func int() throws -> Int {
        let v = try varint()
        guard v <= UInt64(Int32.max) else { throw corrupt("value out of range") }
        return Int(v)
    }

    mutating func fixed<T: FixedWidthInteger>(_: T.Type) throws -> T {
        let size = MemoryLayout<T>.size
        guard offset + size <= end else { throw corrupt("truncated field") }
        let v = bytes.loadLE(T.self, at: offset)
        offset += size
        return v
    }

    mutating func string() throws -> String {
        let n = try int()
        guard offset + n <= end else { throw corrupt("string past the end") }
        let s = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + n)]), as: UTF8.self)
        offset += n
        return s
    }
}
