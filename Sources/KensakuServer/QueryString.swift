import Kensaku

/// The parameters of a URL's query string, percent-decoded strictly: a malformed escape or bytes
/// that are not UTF-8 are a ``KensakuError/badParameter(_:)``, never replaced or passed through raw.
struct QueryString: Sendable {
    private var values: [(name: String, value: String)] = []

    /// Parses `query` (the part after `?`, not decoded). `+` stands for a space, as in HTML forms.
    init(_ query: String?) throws {
        guard let query, !query.isEmpty else { return }
        for pair in query.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let equals = pair.firstIndex(of: UInt8(ascii: "="))
            let rawName = pair[pair.startIndex..<(equals ?? pair.endIndex)]
            let rawValue = equals.map { pair[pair.index(after: $0)...] } ?? pair[pair.endIndex...]
            let name = try Self.decode(rawName, what: "a parameter name", plusIsSpace: true)
            values.append((name, try Self.decode(rawValue, what: "the parameter \(name)", plusIsSpace: true)))
        }
    }

    /// The first value of `name`, or nil when absent.
    subscript(name: String) -> String? {
        values.first { $0.name == name }?.value
    }

    /// An integer parameter in `range`, or `defaultValue` when absent.
    func integer(_ name: String, default defaultValue: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = self[name] else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            throw KensakuError.badParameter(
                "\(name) must be an integer from \(range.lowerBound) to \(range.upperBound), not \(Self.quoted(text))")
        }
        return value
    }

    /// A boolean parameter (`true`/`false`/`1`/`0`), or false when absent.
    func flag(_ name: String) throws -> Bool {
        switch self[name] {
        case nil, "false", "0": return false
        case "", "true", "1": return true
        case let text?: throw KensakuError.badParameter("\(name) must be true or false, not \(Self.quoted(text))")
        }
    }

    /// `text` for a message, cut short.
    static func quoted(_ text: String) -> String {
        let cut = text.unicodeScalars.count > 40 ? String(String.UnicodeScalarView(text.unicodeScalars.prefix(40))) + "…" : text
        return "\"\(cut)\""
    }

    /// Percent-decodes `raw` strictly; `what` names it in the error message.
    static func decode(_ raw: Substring.UTF8View.SubSequence, what: String, plusIsSpace: Bool) throws -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.count)
        var i = raw.startIndex
        while i != raw.endIndex {
            let byte = raw[i]
            if byte == UInt8(ascii: "%") {
                let h = raw.index(after: i)
                guard h != raw.endIndex, raw.index(after: h) != raw.endIndex,
                      let hi = hexValue(raw[h]), let lo = hexValue(raw[raw.index(after: h)]) else {
                    throw KensakuError.badParameter("\(what) has a malformed percent-escape")
                }
                bytes.append(hi << 4 | lo)
                i = raw.index(h, offsetBy: 2)
            } else {
                bytes.append(plusIsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                i = raw.index(after: i)
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw KensakuError.badParameter("\(what) is not valid UTF-8 once percent-decoded")
        }
        return text
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
