import Foundation
import Kensaku
import KensakuMCP
import MCP
import Testing

/// `kensaku mcp` end to end: the built executable as a child process, spoken to over its
/// stdin/stdout in newline-delimited JSON-RPC, as an MCP client would.
@Suite(.serialized) struct MCPTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let corpus = repository.appendingPathComponent("Corpus")

    /// The `kensaku` executable beside this test bundle, else in .build/debug.
    static func executable() -> URL? {
        var candidates: [URL] = []
        if let first = CommandLine.arguments.first {
            var dir = URL(fileURLWithPath: first).deletingLastPathComponent()
            // …/debug/KensakuPackageTests.xctest or …/debug/KensakuPackageTests.xctest/Contents/MacOS/…
            for _ in 0..<4 {
                candidates.append(dir.appendingPathComponent("kensaku"))
                dir = dir.deletingLastPathComponent()
            }
        }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("kensaku"))
        candidates.append(repository.appendingPathComponent(".build/debug/kensaku"))
        return candidates.first { url in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
                && FileManager.default.isExecutableFile(atPath: url.path)
        }
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kensaku-mcp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func protocolSessionOverStdio() async throws {
        let binary = try #require(Self.executable(), "build the kensaku executable first (swift build)")
        let temp = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        let index = temp.appendingPathComponent("Index")
        _ = try IndexWriter(directory: index).build(corpus: Self.corpus)

        let child = try MCPChild(binary: binary, arguments: ["mcp", "--index", index.path, "--corpus", Self.corpus.path])
        defer { child.stop() }

        child.send(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": [
            "protocolVersion": "2025-06-18", "capabilities": [String: Any](),
            "clientInfo": ["name": "kensaku-tests", "version": "1.0"],
        ]])
        let initialized = try #require(await child.response(id: 1), "no answer to initialize; stderr: \(child.stderrText)")
        let serverInfo = (initialized["result"] as? [String: Any])?["serverInfo"] as? [String: Any]
        #expect(serverInfo?["name"] as? String == "kensaku")
        #expect(((initialized["result"] as? [String: Any])?["capabilities"] as? [String: Any])?["tools"] != nil)
        child.send(["jsonrpc": "2.0", "method": "notifications/initialized"])

        child.send(["jsonrpc": "2.0", "id": 2, "method": "tools/list"])
        let list = try #require(await child.response(id: 2), "no answer to tools/list")
        let tools = ((list["result"] as? [String: Any])?["tools"] as? [[String: Any]]) ?? []
        let names = Set(tools.compactMap { $0["name"] as? String })
        #expect(names == ["search", "get_passage"])
        let search = tools.first { $0["name"] as? String == "search" }
        let schema = search?["inputSchema"] as? [String: Any]
        #expect(schema?["required"] as? [String] == ["query"])

        child.send(["jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": [
            "name": "search", "arguments": ["query": "アルテミス計画"],
        ]])
        let answer = try #require(await child.response(id: 3), "no answer to tools/call search")
        let (text, isError) = Self.toolText(answer)
        #expect(isError == false)
        #expect(text.contains("アルテミス計画に向けた研究開発等"))
        #expect(text.contains("76億円"))
        // The text is the search page JSON of the CLI and the HTTP API.
        let page = try JSONDecoder().decode(SearchPage.self, from: Data(text.utf8))
        #expect(page.query == "アルテミス計画")
        let first = try #require(page.hits.first)

        // get_passage gives back the hit's passage.
        child.send(["jsonrpc": "2.0", "id": 4, "method": "tools/call", "params": [
            "name": "get_passage", "arguments": ["id": first.passage.id],
        ]])
        let got = try #require(await child.response(id: 4), "no answer to get_passage")
        let (passageText, passageError) = Self.toolText(got)
        #expect(passageError == false)
        let passage = try JSONDecoder().decode(Passage.self, from: Data(passageText.utf8))
        #expect(passage == first.passage)

        // Errors are tool results with isError and a message, and the server keeps serving.
        child.send(["jsonrpc": "2.0", "id": 5, "method": "tools/call", "params": [
            "name": "search", "arguments": ["query": "\"unclosed"],
        ]])
        let bad = try #require(await child.response(id: 5))
        let (badText, badError) = Self.toolText(bad)
        #expect(badError == true)
        #expect(badText.contains("bad query"))

        child.send(["jsonrpc": "2.0", "id": 6, "method": "tools/call", "params": [
            "name": "get_passage", "arguments": ["id": "nope:1"],
        ]])
        let unknown = try #require(await child.response(id: 6))
        let (unknownText, unknownError) = Self.toolText(unknown)
        #expect(unknownError == true)
        #expect(unknownText == "no passage with id nope:1")

        // Closing stdin ends the server cleanly.
        child.closeInput()
        #expect(await child.waitForExit(seconds: 10) == 0)
        // Every line on stdout is a JSON-RPC message.
        #expect(child.nonProtocolLines.isEmpty, "stdout carried non-protocol lines: \(child.nonProtocolLines)")
    }

    @Test func buildsMissingIndexWithNotesOnStderrOnly() async throws {
        let binary = try #require(Self.executable(), "build the kensaku executable first (swift build)")
        let temp = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        let index = temp.appendingPathComponent("Missing")

        let child = try MCPChild(binary: binary, arguments: ["mcp", "--index", index.path, "--corpus", Self.corpus.path])
        defer { child.stop() }
        child.send(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": [
            "protocolVersion": "2025-06-18", "capabilities": [String: Any](),
            "clientInfo": ["name": "kensaku-tests", "version": "1.0"],
        ]])
        #expect(await child.response(id: 1) != nil, "stderr: \(child.stderrText)")
        child.send(["jsonrpc": "2.0", "method": "notifications/initialized"])
        child.send(["jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": [
            "name": "search", "arguments": ["query": "量子", "limit": 2],
        ]])
        let answer = try #require(await child.response(id: 2))
        let page = try JSONDecoder().decode(SearchPage.self, from: Data(Self.toolText(answer).text.utf8))
        #expect(page.hits.count == 2)
        #expect(child.stderrText.contains("building it from"))
        #expect(child.nonProtocolLines.isEmpty, "stdout carried non-protocol lines: \(child.nonProtocolLines)")
    }

    /// `printf '…' | kensaku mcp`: requests read before stdin closes are still answered.
    @Test func answersRequestsReadBeforeInputCloses() async throws {
        let binary = try #require(Self.executable(), "build the kensaku executable first (swift build)")
        let temp = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        let index = temp.appendingPathComponent("Index")
        _ = try IndexWriter(directory: index).build(corpus: Self.corpus)

        let child = try MCPChild(binary: binary, arguments: ["mcp", "--index", index.path, "--corpus", Self.corpus.path])
        defer { child.stop() }
        child.send(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": [
            "protocolVersion": "2025-06-18", "capabilities": [String: Any](),
            "clientInfo": ["name": "kensaku-tests", "version": "1.0"],
        ]])
        child.send(["jsonrpc": "2.0", "method": "notifications/initialized"])
        child.send(["jsonrpc": "2.0", "id": "last", "method": "tools/call", "params": [
            "name": "search", "arguments": ["query": "\"アルテミス計画\""],
        ]])
        child.closeInput()
        #expect(await child.waitForExit(seconds: 20) == 0)
        #expect(await child.response(id: 1, seconds: 1) != nil)
        let answer = try #require(await child.response(stringID: "last", seconds: 1), "stderr: \(child.stderrText)")
        #expect(Self.toolText(answer).text.contains("76億円"))
    }

    @Test func toolArgumentsAreValidated() throws {
        let temp = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        _ = try IndexWriter(directory: temp).build(corpus: Self.corpus)
        let index = try SearchIndex.open(at: temp)

        func call(_ name: String, _ arguments: [String: Value]?) -> (String, Bool?) {
            let result = KensakuMCPTools.call(name, arguments: arguments, index: index)
            guard case let .text(text, _, _)? = result.content.first else { return ("", result.isError) }
            return (text, result.isError)
        }
        #expect(call("search", nil) == ("search needs a query (a string)", true))
        #expect(call("search", ["query": 3]).1 == true)
        #expect(call("search", ["query": "量子", "limit": 0]) == ("limit must be from 1 to 100, not 0", true))
        #expect(call("search", ["query": "量子", "limit": 101]).1 == true)
        #expect(call("search", ["query": "量子", "limit": "many"]).1 == true)
        #expect(call("get_passage", [:]) == ("get_passage needs an id (a string)", true))
        #expect(call("delete_everything", [:]).1 == true)

        let (text, isError) = call("search", ["query": "量子", "limit": 3.0])
        #expect(isError == false)
        let page = try JSONDecoder().decode(SearchPage.self, from: Data(text.utf8))
        #expect(page.hits.count == 3)
        let (json, _) = call("search", ["query": "量子"])
        #expect(try JSONDecoder().decode(SearchPage.self, from: Data(json.utf8)).hits.count == KensakuMCPTools.defaultLimit)
    }

    /// The text content and isError of a tools/call response.
    static func toolText(_ response: [String: Any]) -> (text: String, isError: Bool?) {
        let result = response["result"] as? [String: Any]
        let content = (result?["content"] as? [[String: Any]])?.first
        return ((content?["text"] as? String) ?? "", result?["isError"] as? Bool)
    }
}

/// A child process spoken to in newline-delimited JSON; killed after `lifetime` seconds at the latest.
final class MCPChild: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let errors = Pipe()
    private let lock = NSLock()
    private var pending = Data()
    private var messages: [[String: Any]] = []
    private var strayLines: [String] = []
    private var errorData = Data()

    init(binary: URL, arguments: [String], lifetime: Double = 30) throws {
        process.executableURL = binary
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            self?.received(handle.availableData)
        }
        errors.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self else { return }
            self.lock.withLock { self.errorData.append(data) }
        }
        try process.run()
        let process = self.process
        DispatchQueue.global().asyncAfter(deadline: .now() + lifetime) {
            if process.isRunning { process.terminate() }
        }
    }

    private func received(_ data: Data) {
        lock.withLock {
            pending.append(data)
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = pending[pending.startIndex..<newline]
                pending = Data(pending[(newline + 1)...])
                guard !line.isEmpty else { continue }
                if let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any], object["jsonrpc"] as? String == "2.0" {
                    messages.append(object)
                } else {
                    strayLines.append(String(decoding: line, as: UTF8.self))
                }
            }
        }
    }

    func send(_ message: [String: Any]) {
        guard var data = try? JSONSerialization.data(withJSONObject: message) else { return }
        data.append(UInt8(ascii: "\n"))
        try? input.fileHandleForWriting.write(contentsOf: data)
    }

    /// The response with this numeric id, waiting up to `seconds`.
    func response(id: Int, seconds: Double = 20) async -> [String: Any]? {
        await response(seconds: seconds) { ($0 as? Int) == id }
    }

    /// The response with this string id, waiting up to `seconds`.
    func response(stringID: String, seconds: Double = 20) async -> [String: Any]? {
        await response(seconds: seconds) { ($0 as? String) == stringID }
    }

    private func response(seconds: Double, matching: @escaping (Any?) -> Bool) async -> [String: Any]? {
        func find() -> [String: Any]? {
            lock.withLock { messages.first { matching($0["id"]) && $0["method"] == nil } }
        }
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let found = find() { return found }
            if !process.isRunning {
                try? await Task.sleep(for: .milliseconds(50))
                return find()
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return find()
    }

    func closeInput() { try? input.fileHandleForWriting.close() }

    /// The exit status, or nil if still running after `seconds`.
    func waitForExit(seconds: Double) async -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        return process.isRunning ? nil : process.terminationStatus
    }

    var stderrText: String { lock.withLock { String(decoding: errorData, as: UTF8.self) } }
    var nonProtocolLines: [String] { lock.withLock { strayLines } }

    func stop() {
        closeInput()
        if process.isRunning { process.terminate() }
        output.fileHandleForReading.readabilityHandler = nil
        errors.fileHandleForReading.readabilityHandler = nil
    }
}
