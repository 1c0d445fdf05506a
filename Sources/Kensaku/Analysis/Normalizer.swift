import CICU

/// Text after ICU NFKC + case folding, with a map back to the original.
///
/// `ＡＩ` becomes `ai`, `ｶﾀｶﾅ` becomes `カタカナ`, `１２３，４５６` becomes `123,456`.
/// Every normalised UTF-16 unit remembers the range of original UTF-16 units it came from,
/// so a match found in normalised text can be highlighted on the original characters.
public struct NormalizedText: Sendable {
    /// The normalised text as UTF-16 code units.
    public let units: [UInt16]
    /// For each normalised unit, the first original UTF-16 unit that produced it.
    public let sourceStart: [Int32]
    /// For each normalised unit, one past the last original UTF-16 unit that produced it.
    public let sourceEnd: [Int32]

    /// The normalised text as a Swift string.
    public var string: String { String(decoding: units, as: UTF16.self) }
}

/// ICU NFKC_Casefold normalisation with an offset map (see ``NormalizedText``).
public enum Normalizer {
    /// Normalises `text` with NFKC + case folding.
    public static func normalize(_ text: String) -> NormalizedText {
        normalize(utf16: Array(text.utf16))
    }

    /// Normalises UTF-16 code units with NFKC + case folding.
    public static func normalize(utf16 source: [UInt16]) -> NormalizedText {
        if source.isEmpty { return NormalizedText(units: [], sourceStart: [], sourceEnd: []) }
        var capacity = source.count + source.count / 4 + 16
        while true {
            var units = [UInt16](repeating: 0, count: capacity)
            var starts = [Int32](repeating: 0, count: capacity)
            var ends = [Int32](repeating: 0, count: capacity)
            let n = source.withUnsafeBufferPointer { src in
                units.withUnsafeMutableBufferPointer { dst in
                    starts.withUnsafeMutableBufferPointer { s in
                        ends.withUnsafeMutableBufferPointer { e in
                            kensaku_normalize(src.baseAddress, Int32(src.count), dst.baseAddress,
                                              s.baseAddress, e.baseAddress, Int32(capacity))
                        }
                    }
                }
            }
            if n == Int32.min {
                // ICU failed (should not happen with valid UTF-16): fall back to the text as is.
                let count = source.count
                return NormalizedText(units: source, sourceStart: (0..<count).map { Int32($0) },
                                      sourceEnd: (0..<count).map { Int32($0 + 1) })
            }
            if n < 0 { capacity = Int(-n) + 16; continue }
            let count = Int(n)
            units.removeSubrange(count...)
            starts.removeSubrange(count...)
            ends.removeSubrange(count...)
            return NormalizedText(units: units, sourceStart: starts, sourceEnd: ends)
        }
    }

    /// NFKC + case fold of a short string (queries, names); no map kept.
    public static func fold(_ text: String) -> String {
        normalize(text).string
    }

    /// The ICU version the analyser runs with, e.g. "72.1". Recorded in the index.
    public static let icuVersion: String = {
        var buffer = [CChar](repeating: 0, count: 32)
        kensaku_icu_version(&buffer, 32)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()
}
