import CSQLite
import Foundation
import Kensaku

/// The baseline: the same passages in an SQLite FTS5 table with the trigram tokenizer.
///
/// `CREATE VIRTUAL TABLE p USING fts5(text, tokenize='trigram')` in a file database, one row per
/// passage (rowid = passage number + 1, in corpus order), inserted in one transaction with
/// `journal_mode=OFF` and `synchronous=FULL` (no rollback journal, an fsync at commit, like
/// Kensaku's commit). The file size is read after the commit; `optimize` + `VACUUM` then gives
/// the smallest size FTS5 can reach, reported beside it.
final class FTS5Baseline {
    struct BuildResult {
        var seconds: Double
        var bytes: Int
        var optimizedBytes: Int
    }

    let path: URL
    private var db: OpaquePointer?
    /// The rowid range of each document stem.
    private var documents: [String: ClosedRange<Int>] = [:]

    static var version: String { String(cString: sqlite3_libversion()) }

    init(path: URL) throws {
        self.path = path
        try? FileManager.default.removeItem(at: path)
        guard sqlite3_open(path.path, &db) == SQLITE_OK else { throw failure("open") }
    }

    deinit { sqlite3_close(db) }

    /// Indexes `passages`; timed from CREATE TABLE to the end of COMMIT.
    func build(passages: [Passage]) throws -> BuildResult {
        for (i, passage) in passages.enumerated() {
            let stem = passage.doc.hasSuffix(".txt") ? String(passage.doc.dropLast(4)) : passage.doc
            let row = i + 1
            documents[stem] = documents[stem].map { $0.lowerBound...row } ?? row...row
        }
        try exec("PRAGMA journal_mode=OFF")
        try exec("PRAGMA synchronous=FULL")
        let start = Timer.now()
        try exec("CREATE VIRTUAL TABLE p USING fts5(text, tokenize='trigram')")
        try exec("BEGIN")
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, "INSERT INTO p(rowid, text) VALUES(?, ?)", -1, &statement, nil) == SQLITE_OK else {
            throw failure("prepare insert")
        }
        defer { sqlite3_finalize(statement) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (i, passage) in passages.enumerated() {
            sqlite3_reset(statement)
            sqlite3_bind_int64(statement, 1, Int64(i + 1))
            sqlite3_bind_text(statement, 2, passage.text, -1, transient)
            guard sqlite3_step(statement) == SQLITE_DONE else { throw failure("insert") }
        }
        try exec("COMMIT")
        let seconds = Double(Timer.now() - start) / 1e9
        let bytes = fileSize()
        try exec("INSERT INTO p(p) VALUES('optimize')")
        try exec("VACUUM")
        return BuildResult(seconds: seconds, bytes: bytes, optimizedBytes: fileSize())
    }

    /// The SQL of `query`: up to 10 rows, ranked by bm25 when there is a MATCH.
    func sql(_ query: FTS5Query) -> String {
        var conditions: [String] = []
        if let match = query.match { conditions.append("p MATCH '" + match.replacingOccurrences(of: "'", with: "''") + "'") }
        conditions.append(contentsOf: query.conditions)
        if let doc = query.doc {
            let range = documents[doc] ?? 0...0
            conditions.append("rowid BETWEEN \(range.lowerBound) AND \(range.upperBound)")
        }
        let order = query.match == nil ? "" : " ORDER BY rank"
        return "SELECT rowid, text FROM p WHERE " + conditions.joined(separator: " AND ") + order + " LIMIT 10"
    }

    /// Prepares, runs and finalizes `sql`, reading every row's text; returns the rows.
    func run(_ sql: String) throws -> Int {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK else { throw failure("prepare \(sql)") }
        defer { sqlite3_finalize(statement) }
        var rows = 0
        var bytes = 0
        while true {
            let rc = sqlite3_step(statement)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw failure("step \(sql)") }
            _ = sqlite3_column_int64(statement, 0)
            if sqlite3_column_text(statement, 1) != nil { bytes += Int(sqlite3_column_bytes(statement, 1)) }
            rows += 1
        }
        return rows
    }

    private func exec(_ sql: String) throws {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { throw failure(sql) }
    }

    private func fileSize() -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path.path))?[.size] as? Int) ?? 0
    }

    private func failure(_ what: String) -> Error {
        let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "no database"
        return BenchError("sqlite: \(what): \(message)")
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
