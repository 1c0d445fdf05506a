import Foundation
import Kensaku
import MCP

/// The Model Context Protocol front of Kensaku: tools `search` and `get_passage` over an open index.
///
/// ```swift
/// let index = try SearchIndex.open(at: URL(fileURLWithPath: "Index"))
/// try await runMCPServer(index: index)   // serves on stdin/stdout until stdin closes
/// ```
///
/// Both tools answer with one text content holding the same JSON as the CLI's `--format json`
/// and the HTTP API (``KensakuJSON``). Errors the caller can fix (a query that does not parse,
/// a limit out of range, an unknown passage id) are tool results with `isError: true` and a
/// one-line message, not protocol errors, so that an agent sees and can act on them.
public enum KensakuMCPTools {
    /// The largest `limit` the `search` tool accepts.
    public static let maximumLimit = SearchOptions.maximumLimit
    /// The `limit` used when the caller gives none.
    public static let defaultLimit = 10

    /// The tool `search`: `{query: string, limit?: integer}`.
    public static let search = Tool(
        name: "search",
        title: "Search Japanese budget documents",
        description: """
        Full-text search over the MEXT science and technology budget documents (Japanese). \
        Returns JSON {"query","total","took_us","hits":[passage…]}; each passage has id, doc, title, lines, \
        section, text, programme (事業・プログラム名) and amounts (yen, role, fiscal_year), score, highlights and matched_in (text, programme, section) with programme_highlights and section_highlights. \
        Query language: terms (量子 人材育成), exact phrases ("…" or 「…」), OR, -exclude, \
        doc:<stem>, year:令和7年度, programme:<name>, amount>=100億円 / amount<5000百万円.
        """,
        inputSchema: .object([
            "type": "object",
            "properties": .object([
                "query": .object([
                    "type": "string",
                    "description": "The query, e.g. アルテミス計画 or \"研究開発マネジメント人材\".",
                ]),
                "limit": .object([
                    "type": "integer",
                    "description": "At most this many hits (1–\(maximumLimit), default \(defaultLimit)).",
                    "minimum": .int(1),
                    "maximum": .int(maximumLimit),
                    "default": .int(defaultLimit),
                ]),
            ]),
            "required": .array(["query"]),
        ]),
        annotations: .init(readOnlyHint: true, idempotentHint: true, openWorldHint: false)
    )

    /// The tool `get_passage`: `{id: string}`.
    public static let getPassage = Tool(
        name: "get_passage",
        title: "Get one passage by id",
        description: """
        The passage with this id (as returned by search, e.g. 000_24b64a88380a38ac:136), as JSON: \
        id, doc, title, lines, section, text, programme and amounts.
        """,
        inputSchema: .object([
            "type": "object",
            "properties": .object([
                "id": .object([
                    "type": "string",
                    "description": "A passage id, <document stem>:<first line>.",
                ]),
            ]),
            "required": .array(["id"]),
        ]),
        annotations: .init(readOnlyHint: true, idempotentHint: true, openWorldHint: false)
    )

    /// Every tool, in the order `tools/list` returns them.
    public static let all: [Tool] = [search, getPassage]

    /// Runs the tool `name` with `arguments` against `index`. Never throws: every failure is a
    /// result with `isError: true` and a message.
    public static func call(_ name: String, arguments: [String: Value]?, index: SearchIndex) -> CallTool.Result {
        let arguments = arguments ?? [:]
        do {
            switch name {
            case search.name:
                return try runSearch(arguments, index: index)
            case getPassage.name:
                return try runGetPassage(arguments, index: index)
            default:
                return failure("unknown tool \(name); the tools are \(all.map(\.name).joined(separator: ", "))")
            }
        } catch let error as KensakuError {
            return failure(error.message)
        } catch {
            return failure("\(error)")
        }
    }

    private static func runSearch(_ arguments: [String: Value], index: SearchIndex) throws -> CallTool.Result {
        guard let value = arguments["query"] else { return failure("search needs a query (a string)") }
        guard let query = value.stringValue else { return failure("query must be a string, not \(value)") }
        var limit = defaultLimit
        if let value = arguments["limit"], !value.isNull {
            guard let given = integer(value) else {
                return failure("limit must be an integer from 1 to \(maximumLimit), not \(value)")
            }
            guard (1...maximumLimit).contains(given) else {
                return failure("limit must be from 1 to \(maximumLimit), not \(given)")
            }
            limit = given
        }
        let page = try index.search(query, limit: limit)
        return success(KensakuJSON.string(page))
    }

    private static func runGetPassage(_ arguments: [String: Value], index: SearchIndex) throws -> CallTool.Result {
        guard let value = arguments["id"] else { return failure("get_passage needs an id (a string)") }
        guard let id = value.stringValue else { return failure("id must be a string, not \(value)") }
        return success(KensakuJSON.string(try index.passage(id: id)))
    }

    /// An integer from a JSON number (clients may send 5 or 5.0) or a string of digits.
    private static func integer(_ value: Value) -> Int? {
        if let int = value.intValue { return int }
        if let double = value.doubleValue, double.rounded() == double, abs(double) < 1e9 { return Int(double) }
        if let string = value.stringValue { return Int(string.trimmingCharacters(in: .whitespaces)) }
        return nil
    }

    private static func success(_ json: String) -> CallTool.Result {
        CallTool.Result(content: [.text(text: json, annotations: nil, _meta: nil)], isError: false)
    }

    private static func failure(_ message: String) -> CallTool.Result {
        CallTool.Result(content: [.text(text: message, annotations: nil, _meta: nil)], isError: true)
    }
}

/// A server with the tools of ``KensakuMCPTools`` registered, not yet started.
public func makeMCPServer(index: SearchIndex, version: String = "0.1.0") async -> Server {
    let server = Server(
        name: "kensaku",
        version: version,
        title: "Kensaku (検索)",
        instructions: """
        Search Japanese science and technology budget documents. Use `search` to find passages \
        (with programme names and parsed budget amounts); use `get_passage` with an id from a hit.
        """,
        capabilities: .init(tools: .init(listChanged: false))
    )
    await server.withMethodHandler(ListTools.self) { _ in
        ListTools.Result(tools: KensakuMCPTools.all)
    }
    await server.withMethodHandler(CallTool.self) { params in
        KensakuMCPTools.call(params.name, arguments: params.arguments, index: index)
    }
    return server
}

/// Serves `index` over MCP on stdin/stdout (newline-delimited JSON-RPC) until stdin closes and
/// every request read has been answered. Nothing else may write to stdout meanwhile.
public func runMCPServer(index: SearchIndex) async throws {
    let server = await makeMCPServer(index: index)
    try await server.start(transport: DrainingTransport.stdio())
    await server.waitUntilCompleted()
    await server.stop()
}
