import Foundation
import Testing
@testable import Kensaku

/// The `kensaku` executable run as a user runs it: exit codes, stdout formats, stderr lines.
@Suite struct CLITests {
    static func json(_ line: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object: \(line.prefix(200))")
    }

    @Test func hitsExitZero() throws {
        let run = try Support.search(["ダイバーシティ研究環境実現イニシアティブ"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("ダイバーシティ研究環境実現イニシアティブ"))
        #expect(run.stdout.contains("1,133百万円"))
        #expect(run.stderr.isEmpty, "a fresh index needs no note: \(run.stderr)")
    }

    @Test func noHitsExitOne() throws {
        let run = try Support.search(["ぬぬぬぬゑゑゑ"])
        #expect(run.status == 1, "stdout: \(run.stdout) stderr: \(run.stderr)")
        #expect(run.stderr.isEmpty)
        let json = try Support.search(["--format", "json", "\"ぬぬぬぬゑゑゑ\""])
        #expect(json.status == 1)
        let object = try Self.json(json.stdout)
        #expect(object["total"] as? Int == 0)
        #expect((object["hits"] as? [Any])?.isEmpty == true)
    }

    @Test(arguments: ["\"量子", "「量子", "amount>=abc", "-", "OR", "量子 OR", "", "量子\u{1}"])
    func badQueryExitsTwoWithOneLineOnStderr(_ query: String) throws {
        let run = try Support.search([query])
        #expect(run.status == 2, "\(query.debugDescription): status \(run.status), stdout \(run.stdout.prefix(200))")
        #expect(run.stderrLines.count == 1, "stderr: \(run.stderr.debugDescription)")
        #expect(run.stderr.hasSuffix("\n") && run.stderr.filter { $0 == "\n" }.count == 1)
        #expect(run.stderr.contains("bad query"))
        #expect(run.stdout.isEmpty)
    }

    @Test func tenThousandCharacterQueryExitsTwo() throws {
        let run = try Support.search([String(repeating: "量", count: 10_000)])
        #expect(run.status == 2)
        #expect(run.stderrLines.count == 1)
    }

    @Test func emojiQueryIsNotAnError() throws {
        let run = try Support.search(["😀"])
        #expect(run.status == 1, "stderr: \(run.stderr)")
        #expect(run.stderr.isEmpty)
    }

    @Test func missingCorpusAndIndexExitTwo() throws {
        let folder = Support.temporaryFolder("cli-missing")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Support.run(["search", "--index", folder.appendingPathComponent("no-index").path,
                                   "--corpus", folder.appendingPathComponent("no-corpus").path, "量子"])
        #expect(run.status == 2)
        #expect(run.stderrLines.count == 1, "stderr: \(run.stderr.debugDescription)")
        #expect(run.stderr.contains("no-corpus") || run.stderr.contains("no-index"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("no-index/MANIFEST").path))
    }

    @Test(arguments: [[], ["--limit", "-1", "量子"], ["--format", "xml", "量子"], ["--no-such-option", "量子"]])
    func usageErrorExitsTwo(_ arguments: [String]) throws {
        // docs/QUERY.md §1 and README: `search` exits 2 on any error — usage errors included (not ArgumentParser's 64).
        let run = try Support.search(arguments)
        #expect(run.status == 2, "\(arguments): status \(run.status), stderr \(run.stderr.prefix(200))")
        #expect(!run.stderr.isEmpty)
        #expect(run.stdout.isEmpty)
    }

    @Test func jsonFormatDecodesToTheSchema() throws {
        let run = try Support.search(["--format", "json", "--limit", "3", "量子 人材育成"])
        #expect(run.status == 0)
        #expect(run.stdoutLines.count == 1)
        let object = try Self.json(run.stdout)
        #expect(Set(object.keys) == ["query", "total", "took_us", "hits"])
        #expect(object["query"] as? String == "量子 人材育成")
        #expect((object["total"] as? Int ?? 0) > 0)
        #expect(object["took_us"] is Int)
        let hits = try #require(object["hits"] as? [[String: Any]])
        #expect(hits.count == 3)
        for hit in hits {
            for key in ["id", "doc", "title", "lines", "section", "text", "programme", "amounts", "score", "highlights"] {
                #expect(hit.keys.contains(key), "hit lacks \(key)")
            }
        }
        // The library's Codable types read it back, equal to an in-process search.
        let page = try JSONDecoder().decode(SearchPage.self, from: Data(run.stdout.utf8))
        let local = try Support.index().search("量子 人材育成", limit: 3)
        #expect(page.hits.map(\.passage.id) == local.hits.map(\.passage.id))
        #expect(page.total == local.total)
        #expect(page.hits.map(\.highlights) == local.hits.map(\.highlights))
    }

    @Test func jsonlWritesOneHitPerLine() throws {
        let run = try Support.search(["--format", "jsonl", "--limit", "4", "STELLA"])
        #expect(run.status == 0)
        let lines = run.stdoutLines
        #expect(lines.count == 4)
        let local = try Support.index().search("STELLA", limit: 4)
        for (line, hit) in zip(lines, local.hits) {
            let object = try Self.json(line)
            #expect(object["id"] as? String == hit.passage.id)
            #expect(object["score"] is Double || object["score"] is Int)
        }
        let offset = try Support.search(["--format", "jsonl", "--limit", "2", "--offset", "2", "STELLA"])
        #expect(offset.stdoutLines == Array(lines[2..<4]))
    }

    @Test func strictFlagDropsPartialHits() throws {
        let loose = try Support.search(["--format", "jsonl", "--limit", "1000", "ダイバーシティ ぬぬぬぬ"])
        #expect(loose.status == 0)
        #expect(!loose.stdoutLines.isEmpty)
        #expect(try loose.stdoutLines.allSatisfy { try Self.json($0)["partial"] as? Bool == true })
        let strict = try Support.search(["--format", "jsonl", "--strict", "ダイバーシティ ぬぬぬぬ"])
        #expect(strict.status == 1)
        #expect(strict.stdout.isEmpty)
    }

    @Test func batchWritesOneLinePerQueryInOrderWithErrorsInline() throws {
        let input = "STELLA\n\"量子\n量子 人材育成\n"
        let run = try Support.search(["--batch", "--limit", "2"], stdin: input)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let lines = run.stdoutLines
        #expect(lines.count == 3, "stdout: \(run.stdout)")
        guard lines.count == 3 else { return }
        let first = try Self.json(lines[0])
        #expect(first["query"] as? String == "STELLA")
        #expect((first["hits"] as? [Any])?.count == 2)
        let bad = try Self.json(lines[1])
        #expect(Set(bad.keys) == ["query", "error"])
        #expect(bad["query"] as? String == "\"量子")
        let error = try #require(bad["error"] as? [String: Any])
        #expect(Set(error.keys) == ["code", "message"])
        #expect(error["code"] as? String == "bad_query")
        #expect((error["message"] as? String)?.contains("unclosed") == true)
        let third = try Self.json(lines[2])
        #expect(third["query"] as? String == "量子 人材育成")
        #expect(third["total"] is Int)
    }

    @Test func batchWithoutHitsExitsOne() throws {
        let run = try Support.search(["--batch"], stdin: "ぬぬぬぬ\nゑゑゑゑ\n")
        #expect(run.status == 1)
        #expect(run.stdoutLines.count == 2)
    }

    @Test func textFormatShowsProgrammeAndAmounts() throws {
        let run = try Support.search(["--limit", "1", "ダイバーシティ研究環境実現イニシアティブ 令和7年度 予算額"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("1. 000_24b64a88380a38ac.txt:"))
        #expect(run.stdout.contains("programme: ダイバーシティ研究環境実現イニシアティブ"))
        #expect(run.stdout.contains("1,133百万円"))
        #expect(run.stdout.contains("«"))
    }
}
