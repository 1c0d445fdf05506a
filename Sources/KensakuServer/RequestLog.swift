#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// Where the server writes its per-request lines and its own errors.
public struct RequestLog: Sendable {
    private let sink: (@Sendable (String) -> Void)?

    /// One `write(2)` per line on standard error (atomic for lines under PIPE_BUF, no lock needed).
    public static let standardError = RequestLog { line in
        var text = line
        text.append("\n")
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = systemWrite(2, bytes.baseAddress! + offset, bytes.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
    }

    /// No log.
    public static let disabled = RequestLog(nil)

    /// Lines go to `sink` (tests capture them this way).
    public init(_ sink: (@Sendable (String) -> Void)?) {
        self.sink = sink
    }

    var isEnabled: Bool { sink != nil }

    func write(_ line: String) {
        sink?(line)
    }
}

/// The format of a request's log line: `GET /v1/search 200 1234us`.
public enum RequestLogLine {
    /// One line: method, path (clipped to 200 characters), status, microseconds.
    public static func format(method: String, path: String, status: Int, micros: UInt64) -> String {
        "\(method) \(clip(path, 200)) \(status) \(micros)us"
    }

    /// `text` cut to at most `limit` UTF-8 bytes (on a scalar boundary), with `…` when cut.
    static func clip(_ text: String, _ limit: Int) -> String {
        if text.utf8.count <= limit { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if out.utf8.count + String(scalar).utf8.count > limit { break }
            out.unicodeScalars.append(scalar)
        }
        return out + "…"
    }
}
