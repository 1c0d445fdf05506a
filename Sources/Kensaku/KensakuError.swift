/// Every error Kensaku reports: a code for programs, a message a person can act on.
public enum KensakuError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A query that cannot be parsed; `position` is the offset (in characters) where it goes wrong.
    case badQuery(message: String, position: Int)
    /// A parameter out of range (limit, offset…).
    case badParameter(String)
    /// No index where one was expected.
    case indexMissing(path: String)
    /// An index file that is corrupt, truncated, foreign or of another format version.
    case indexCorrupt(file: String, reason: String)
    /// A corpus folder that cannot be read.
    case corpusUnreadable(path: String, reason: String)
    /// An I/O failure while writing or reading.
    case io(path: String, reason: String)
    /// A passage id that does not exist.
    case notFound(String)
    /// The query used up its time budget (``SearchOptions/timeBudgetMilliseconds``): the HTTP
    /// front answers 503 with `Retry-After`.
    case tooCostly(String)

    /// A stable machine-readable code: `bad_query`, `bad_parameter`, `index_missing`, `index_corrupt`,
    /// `corpus_unreadable`, `io`, `not_found`.
    public var code: String {
        switch self {
        case .badQuery: "bad_query"
        case .badParameter: "bad_parameter"
        case .indexMissing: "index_missing"
        case .indexCorrupt: "index_corrupt"
        case .corpusUnreadable: "corpus_unreadable"
        case .io: "io"
        case .notFound: "not_found"
        case .tooCostly: "query_too_costly"
        }
    }

    /// A one-line message that says what is wrong and what to do.
    public var message: String {
        switch self {
        case let .badQuery(message, position):
            "bad query at character \(position + 1): \(message)"
        case let .badParameter(message):
            message
        case let .indexMissing(path):
            "no index at \(path): run `kensaku index` to build it"
        case let .indexCorrupt(file, reason):
            "index file \(file) is unusable (\(reason)): rebuild it with `kensaku index`"
        case let .corpusUnreadable(path, reason):
            "cannot read the corpus at \(path): \(reason)"
        case let .io(path, reason):
            "I/O error on \(path): \(reason)"
        case let .notFound(id):
            "no passage with id \(id)"
        case let .tooCostly(message):
            message
        }
    }

    public var description: String { message }
}
