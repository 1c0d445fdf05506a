import Foundation
import Testing
@testable import Kensaku

@Suite struct CorpusReaderTests {
    private let fixtures = CorpusFixture.root.appendingPathComponent("Tests/Fixtures/BadInput")

    @Test func invalidUTF8IsReplacedWithAWarning() throws {
        let document = try CorpusReader.read(file: fixtures.appendingPathComponent("invalid_utf8.txt"))
        #expect(document.text.contains("\u{FFFD}"))
        #expect(document.text.hasPrefix("研究費 100億円\n"))
        #expect(document.warnings.count == 3)
        #expect(document.warnings.allSatisfy { $0.hasPrefix("invalid_utf8.txt: line 2, byte ") })
        let passages = PassageSplitter.passages(of: document)
        #expect(passages.flatMap(\.amounts).map(\.yen) == [10_000_000_000, 500_000_000, 400_000_000])
    }

    @Test func nulBytesAreReplacedWithAWarning() throws {
        let document = try CorpusReader.read(file: fixtures.appendingPathComponent("nul_bytes.txt"))
        #expect(!document.text.contains("\u{0}"))
        #expect(document.warnings.count == 2)
        #expect(document.warnings[0].contains("line 2"))
        #expect(document.warnings[1].contains("line 3"))
        let passages = PassageSplitter.passages(of: document)
        #expect(passages.count == 1)
        #expect(passages.first?.text.contains("4,232百万円\u{FFFD}\n\u{FFFD} (前年度") == true)
        #expect(passages.flatMap(\.amounts).map(\.role) == [.request, .previousYear])
    }

    @Test func emptyFilesHaveNoPassages() throws {
        for name in ["empty.txt", "whitespace_only.txt"] {
            let document = try CorpusReader.read(file: fixtures.appendingPathComponent(name))
            #expect(document.warnings.isEmpty)
            #expect(PassageSplitter.passages(of: document).isEmpty)
            #expect(PassageSplitter.info(of: document, passages: []).title == "")
        }
    }

    @Test func readsAFolderSortedAndOnlyTxt() throws {
        let documents = try CorpusReader.read(directory: fixtures)
        #expect(documents.map(\.name) == ["empty.txt", "invalid_utf8.txt", "nul_bytes.txt", "whitespace_only.txt"])
    }

    @Test func missingFolderIsCorpusUnreadable() {
        let missing = URL(fileURLWithPath: "/nonexistent/kensaku-corpus")
        #expect(throws: KensakuError.corpusUnreadable(path: missing.path, reason: "no such folder")) {
            try CorpusReader.read(directory: missing)
        }
        #expect(throws: KensakuError.self) { try CorpusReader.read(file: missing.appendingPathComponent("x.txt")) }
    }

    @Test func byteOrderMarkAndCRLF() {
        let (text, warnings) = CorpusReader.decode([0xEF, 0xBB, 0xBF] + Array("題名\r\n\r\n本文 5億円\r\n".utf8), name: "bom.txt")
        #expect(warnings.isEmpty)
        let passages = PassageSplitter.passages(of: CorpusDocument(name: "bom.txt", text: text))
        #expect(passages.first?.title == "題名")
        // A short heading takes in the next paragraph; the \r stays as written.
        #expect(passages.map(\.lines) == [[1, 3]])
        #expect(passages.last?.text == "題名\r\n\r\n本文 5億円\r")
        #expect(passages.last?.amounts.map(\.yen) == [500_000_000])
    }

    @Test func truncatedAndOverlongSequences() {
        let bytes: [UInt8] = [0x41, 0xE3, 0x81, 0x0A, 0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xF0, 0x9F, 0x98, 0x80]
        let (text, warnings) = CorpusReader.decode(bytes, name: "odd.txt")
        #expect(text.hasPrefix("A\u{FFFD}"))
        #expect(text.hasSuffix("😀"))
        #expect(!warnings.isEmpty && warnings.count <= CorpusReader.warningLimit + 1)
    }

    /// A 1 MB single line: one passage, found quickly, nothing quadratic.
    @Test func oneMegabyteLine() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kensaku-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let unit = "◆ 研究開発マネジメント人材 553百万円(新規) 研究力向上に不可欠な人材を育成する。"
        var line = ""
        while line.utf8.count < 1_000_000 { line += unit }
        try Data(("題名\n\n" + line + "\n").utf8).write(to: directory.appendingPathComponent("big.txt"))
        let clock = ContinuousClock()
        var passages: [Passage] = []
        let elapsed = try clock.measure {
            let documents = try CorpusReader.read(directory: directory)
            passages = PassageSplitter.passages(of: documents[0])
        }
        // The line is cut at its list markers into bounded passages, all on line 3, ids unique.
        #expect(passages.count > 100)
        #expect(passages.dropFirst().allSatisfy { $0.lines == [3, 3] && $0.text.unicodeScalars.count <= 1_000 })
        #expect(Set(passages.map(\.id)).count == passages.count)
        #expect(passages.flatMap(\.amounts).count > 8_000)
        #expect(elapsed < .seconds(30))  // a sanity bound, not a benchmark
    }
}
