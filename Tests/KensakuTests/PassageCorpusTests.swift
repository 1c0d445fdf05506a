import Foundation
import Testing
@testable import Kensaku

/// The five documents of Corpus/ and their passages, split once for all tests.
enum CorpusFixture {
    /// The repository root, found from this file's path.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let documents: [CorpusDocument] = (try? CorpusReader.read(directory: root.appendingPathComponent("Corpus"))) ?? []
    static let passages: [String: [Passage]] = Dictionary(uniqueKeysWithValues: documents.map {
        ($0.name, PassageSplitter.passages(of: $0))
    })

    /// The passages of the document whose name starts with `prefix` (`"000"`).
    static func passages(of prefix: String) -> [Passage] {
        passages.first { $0.key.hasPrefix(prefix) }?.value ?? []
    }
}

/// A programme → amount fact read by hand from a document.
struct ProgrammeAmountFact: Sendable, CustomTestStringConvertible {
    var doc: String
    /// Nil for a figure that belongs to no programme (the document's own total).
    var programme: String?
    var amount: String
    var yen: Int64
    var role: AmountRole
    var year: String?
    var testDescription: String { "\(doc) \(programme ?? "-") \(amount) \(role.rawValue) \(year ?? "-")" }

    init(_ doc: String, _ programme: String?, _ amount: String, _ yen: Int64, _ role: AmountRole, _ year: String?) {
        self.doc = doc
        self.programme = programme
        self.amount = amount
        self.yen = yen
        self.role = role
        self.year = year
    }
}

let programmeAmountFacts: [ProgrammeAmountFact] = [
    // 000: 令和7年度 budget summary, （）= 令和6年度, 【】 = 令和6年度補正.
    ProgrammeAmountFact("000", "ダイバーシティ研究環境実現イニシアティブ", "1,133百万円", 1_133_000_000, .budget, "令和7年度"),
    ProgrammeAmountFact("000", "ダイバーシティ研究環境実現イニシアティブ", "1,133百万円", 1_133_000_000, .previousYear, "令和6年度"),
    ProgrammeAmountFact("000", "博士後期課程学生の処遇向上と研究環境確保", "49,901百万円", 49_901_000_000, .supplementary, "令和5年度"),
    ProgrammeAmountFact("000", "博士後期課程学生の処遇向上と研究環境確保", "31百万円", 31_000_000, .budget, "令和7年度"),
    ProgrammeAmountFact("000", "特別研究員制度", "16,309百万円", 16_309_000_000, .budget, "令和7年度"),
    ProgrammeAmountFact("000", "特別研究員制度", "16,344百万円", 16_344_000_000, .previousYear, "令和6年度"),
    ProgrammeAmountFact("000", "未来共創推進事業", "333百万円", 333_000_000, .supplementary, "令和6年度"),
    ProgrammeAmountFact("000", "科学研究費助成事業(科研費)", "2,379億円", 237_900_000_000, .budget, "令和7年度"),
    ProgrammeAmountFact("000", "科学研究費助成事業(科研費)", "52億円", 5_200_000_000, .supplementary, "令和6年度"),
    ProgrammeAmountFact("000", "「富岳」の次世代となる新たなフラッグシップシステムの開発・整備", "69億円", 6_900_000_000, .supplementary, "令和6年度"),
    ProgrammeAmountFact("000", "女子中高生の理系進路選択支援プログラム", "79百万円", 79_000_000, .budget, "令和7年度"),
    ProgrammeAmountFact("000", "女子中高生の理系進路選択支援プログラム", "72百万円", 72_000_000, .previousYear, "令和6年度"),
    ProgrammeAmountFact("000", "大学等の海外留学支援制度", "9,564百万円の内数", 9_564_000_000, .budget, "令和7年度"),
    ProgrammeAmountFact("000", "研究開発マネジメント人材に関する体制整備事業", "553百万円", 553_000_000, .budget, "令和7年度"),
    // The document's own total under its title `科学技術予算のポイント` (budget highlights, no programme).
    ProgrammeAmountFact("000", nil, "9,777億円", 977_700_000_000, .budget, "令和7年度"),
    ProgrammeAmountFact("000", nil, "3,677億円", 367_700_000_000, .supplementary, "令和6年度"),
    ProgrammeAmountFact("000", "科学技術・イノベーション人材の育成・確保", "240億円", 24_000_000_000, .previousYear, "令和6年度"),
    ProgrammeAmountFact("000", "国立大学改革の推進", "1兆784億円", 1_078_400_000_000, .budget, "令和7年度"),
    // 002: 令和8年度予算額（案）, （）= 前年度, [] = 令和7年度補正.
    ProgrammeAmountFact("002", "「AI for Science」による科学研究の革新", "193億円", 19_300_000_000, .budget, "令和8年度"),
    ProgrammeAmountFact("002", "「AI for Science」による科学研究の革新", "189億円", 18_900_000_000, .previousYear, "令和7年度"),
    ProgrammeAmountFact("002", "AI駆動型研究開発の強化", "490億円", 49_000_000_000, .supplementary, "令和7年度"),
    ProgrammeAmountFact("002", "科学研究向けAI基盤モデルの開発・共用（TRIP-AGIS）", "25億円", 2_500_000_000, .budget, "令和8年度"),
    ProgrammeAmountFact("002", "学術情報ネットワーク（SINET）の運用", "92億円の内数", 9_200_000_000, .supplementary, "令和7年度"),
    ProgrammeAmountFact("002", "大規模集積研究システム形成先導プログラム", "42億円", 4_200_000_000, .supplementary, "令和7年度"),
    ProgrammeAmountFact("002", "先端研究基盤刷新事業(EPOCH)", "530億円", 53_000_000_000, .supplementary, "令和7年度"),
    ProgrammeAmountFact("002", "創発的研究支援事業", "133億円", 13_300_000_000, .supplementary, "令和7年度"),
    ProgrammeAmountFact("002", "科研費・創発事業による若手・新領域支援の一体改革", "433億円", 43_300_000_000, .supplementary, "令和7年度"),
    // 003: 令和8年度要求・要望額.
    ProgrammeAmountFact("003", "スーパーサイエンスハイスクール（SSH）支援事業", "25億円", 2_500_000_000, .request, "令和8年度"),
    ProgrammeAmountFact("003", "スーパーサイエンスハイスクール（SSH）支援事業", "23億円", 2_300_000_000, .previousYear, "令和7年度"),
    ProgrammeAmountFact("003", "次世代科学技術チャレンジプログラム（STELLA）", "10億円", 1_000_000_000, .request, "令和8年度"),
    ProgrammeAmountFact("003", "産業革新人材事業", "14億円", 1_400_000_000, .request, "令和8年度"),
    ProgrammeAmountFact("003", "ダイバーシティ研究環境実現イニシアティブ", "12億円", 1_200_000_000, .request, "令和8年度"),
    ProgrammeAmountFact("003", "次世代研究者挑戦的研究プログラム（SPRING）", "499億円", 49_900_000_000, .supplementary, "令和5年度"),
    ProgrammeAmountFact("003", "外国人特別研究員", "38億円", 3_800_000_000, .request, "令和8年度"),
    ProgrammeAmountFact("003", "共用運転の実施(QSTへの補助)", "3,631百万円", 3_631_000_000, .previousYear, "令和7年度"),
    ProgrammeAmountFact("003", "科学技術人材施策パッケージ", "3,725億円", 372_500_000_000, .request, "令和8年度"),
    // 004: 令和3年度要求・要望額, in 百万円.
    ProgrammeAmountFact("004", "データ中核拠点の形成", "4,232百万円", 4_232_000_000, .request, "令和3年度"),
    ProgrammeAmountFact("004", "データ中核拠点の形成", "600百万円", 600_000_000, .previousYear, "令和2年度"),
    ProgrammeAmountFact("004", "光・量子飛躍フラッグシッププログラム(Q-LEAP)", "4,394百万円", 4_394_000_000, .request, "令和3年度"),
    ProgrammeAmountFact("004", "理研・革新知能統合研究センター(AIPセンター)", "3,865百万円", 3_865_000_000, .request, "令和3年度"),
    ProgrammeAmountFact("004", "新興・再興感染症研究基盤創生事業", "750百万円", 750_000_000, .supplementary, "令和2年度"),
    ProgrammeAmountFact("004", "再生医療実現拠点ネットワークプログラム", "9,066百万円", 9_066_000_000, .request, "令和3年度"),
    ProgrammeAmountFact("004", "統計エキスパート人材育成プロジェクト", "313百万円", 313_000_000, .request, "令和3年度"),
    ProgrammeAmountFact("004", "海外特別研究員事業", "2,284百万円", 2_284_000_000, .previousYear, "令和2年度"),
    ProgrammeAmountFact("004", "健康・医療分野の研究開発の推進", "104,148百万円", 104_148_000_000, .request, "令和3年度"),
]

@Suite struct PassageCorpusTests {
    @Test func corpusHasFiveDocuments() {
        #expect(CorpusFixture.documents.map(\.name) == [
            "000_24b64a88380a38ac.txt", "001_90b13c8531426e22.txt", "002_dd371979937f1afd.txt",
            "003_baea8a683c94f251.txt", "004_3969adc06ee7aec3.txt",
        ])
        #expect(CorpusFixture.documents.allSatisfy { $0.warnings.isEmpty })
    }

    @Test(arguments: programmeAmountFacts)
    func programmeAmountFact(_ fact: ProgrammeAmountFact) {
        let passages = CorpusFixture.passages(of: fact.doc).filter { $0.programme?.name == fact.programme }
        #expect(!passages.isEmpty, "no passage under \(fact.programme ?? "no programme")")
        let amounts = passages.flatMap(\.amounts).filter { $0.text == fact.amount }
        #expect(amounts.contains { $0.yen == fact.yen && $0.role == fact.role && $0.fiscalYear == fact.year },
                "found \(amounts)")
    }

    @Test func enoughFacts() {
        #expect(programmeAmountFacts.count >= 40)
        #expect(Set(programmeAmountFacts.map(\.doc)) == ["000", "002", "003", "004"])
    }

    /// Every non-empty line of every document is in exactly one passage; passages keep line order.
    @Test func passagesCoverEveryLineOnce() {
        for document in CorpusFixture.documents {
            let lines = document.text.split(separator: "\n", omittingEmptySubsequences: false)
            var owner = [Int](repeating: 0, count: lines.count + 1)
            var previousLast = 0
            for passage in CorpusFixture.passages[document.name] ?? [] {
                let (first, last) = (passage.lines[0], passage.lines[1])
                #expect(first > previousLast && last >= first && last <= lines.count)
                previousLast = last
                for n in first...last { owner[n] += 1 }
                #expect(passage.text == lines[(first - 1)...(last - 1)].joined(separator: "\n"))
                #expect(passage.id == "\(document.name.dropLast(4)):\(first)")
                #expect(!isBlank(lines[first - 1]) && !isBlank(lines[last - 1]))
            }
            for (index, line) in lines.enumerated() where !isBlank(line) {
                #expect(owner[index + 1] == 1, "\(document.name) line \(index + 1) is in \(owner[index + 1]) passages")
            }
        }
    }

    /// Every amount written in the corpus is in exactly one passage, with its value.
    @Test func everyAmountIsFoundOnce() throws {
        let pattern = try NSRegularExpression(pattern:
            "[0-9０-９][0-9０-９,，.．]*[ 　]*(?:兆[0-9０-９][0-9０-９,，.．]*[ 　]*)?(?:兆|億|千万|百万|千|万)円"
            + "(?:[~～〜][0-9０-９][0-9０-９,，.．]*(?:兆|億|千万|百万|千|万)円)?(?:の内数)?")
        var total = 0
        for document in CorpusFixture.documents {
            let text = document.text as NSString
            let written = pattern.matches(in: document.text, range: NSRange(location: 0, length: text.length))
                .map { text.substring(with: $0.range) }
            let found = (CorpusFixture.passages[document.name] ?? []).flatMap(\.amounts)
            #expect(found.count == written.count, "\(document.name): \(found.count) amounts, \(written.count) written")
            // Each written amount's tail (a range's upper part is what the pattern sees) ends a found text.
            for (w, f) in zip(written, found) {
                #expect(f.text.hasSuffix(w) || w.hasSuffix(f.text), "\(document.name): \(w) vs \(f.text)")
            }
            for amount in found {
                #expect(amount.yen > 0 || amount.text.hasPrefix("0") || amount.role == .change)
                if !amount.text.contains(where: { "~～〜".contains($0) }) {
                    #expect(AmountParser.yen(of: amount.text.replacingOccurrences(of: "の内数", with: "")) == amount.yen)
                }
            }
            total += written.count
        }
        #expect(total > 800)
    }

    /// At least 90% of the passages that state an amount carry a programme.
    @Test func passagesWithAmountsCarryAProgramme() {
        let withAmounts = CorpusFixture.passages.values.joined().filter { !$0.amounts.isEmpty }
        let withProgramme = withAmounts.filter { $0.programme != nil }
        #expect(!withAmounts.isEmpty)
        #expect(Double(withProgramme.count) >= 0.9 * Double(withAmounts.count),
                "\(withProgramme.count) of \(withAmounts.count)")
    }

    @Test func programmesAreNamedOnTheirLine() {
        for document in CorpusFixture.documents {
            let lines = document.text.split(separator: "\n", omittingEmptySubsequences: false)
            for passage in CorpusFixture.passages[document.name] ?? [] {
                guard let programme = passage.programme else { continue }
                // Named before the passage, or (a page whose title extraction put after its content,
                // docs/EXTRACTION.md "Titles after their page") by a title a little later.
                #expect(programme.line <= passage.lines[0] || (programme.source == .inherited && programme.line - passage.lines[1] <= 400))
                #expect(!programme.name.contains("◆") && !programme.name.contains("**") && !programme.name.hasPrefix("#"))
                // A title wrapped over two lines starts on its line and ends on the next, or on the
                // one after a blank line (docs/EXTRACTION.md, "What opens a programme").
                let next = lines[programme.line..<min(lines.count, programme.line + 2)].joined()
                let line = Normalizer.fold(String(lines[programme.line - 1]) + next).filter { !$0.isWhitespace }
                    .replacingOccurrences(of: "<u>", with: "").replacingOccurrences(of: "</u>", with: "")
                let name = Normalizer.fold(programme.name).filter { !$0.isWhitespace }
                #expect(line.contains(name), "\(programme.name) not on line \(programme.line)")
            }
        }
    }

    @Test func designExamplePassage() throws {
        let passage = try #require(CorpusFixture.passages(of: "000").first { $0.id == "000_24b64a88380a38ac:136" })
        #expect(passage.lines == [136, 140])
        #expect(passage.title == "科学技術・学術審議会 学術分科会(第95回) 令和7年4月16日")
        #expect(passage.section.last == "若手研究者、研究開発マネジメント人材等の育成・活躍促進")
        #expect(passage.programme == Programme(name: "博士後期課程学生の処遇向上と研究環境確保", line: 136, source: .inline))
        let own = passage.programme
        #expect(passage.amounts == [
            Amount(text: "31百万円", yen: 31_000_000, role: .budget, fiscalYear: "令和7年度", programme: own, line: 136),
            Amount(text: "31百万円", yen: 31_000_000, role: .previousYear, fiscalYear: "令和6年度", programme: own, line: 136),
            Amount(text: "49,901百万円", yen: 49_901_000_000, role: .supplementary, fiscalYear: "令和5年度", programme: own, line: 138),
        ])
    }

    @Test func passageJSONHasTheDesignKeys() throws {
        let passage = try #require(CorpusFixture.passages(of: "004").first { $0.programme?.name == "データ中核拠点の形成" })
        let data = try JSONEncoder().encode(passage)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["id", "doc", "title", "lines", "section", "text", "programme", "amounts",
                                     "doc_fiscal_years", "doc_kind"])
        let amount = try #require((object["amounts"] as? [[String: Any]])?.first)
        #expect(Set(amount.keys) == ["text", "yen", "yen_max", "role", "fiscal_year", "per_unit", "included_in", "line", "programme"])
        // A client of the first schema (four amount keys, no document context) still reads it.
        struct OldAmount: Decodable { var text: String; var yen: Int64; var role: String; var fiscal_year: String? }
        struct OldPassage: Decodable { var id: String; var lines: [Int]; var amounts: [OldAmount] }
        let old = try JSONDecoder().decode(OldPassage.self, from: data)
        #expect(old.amounts.count == passage.amounts.count)
    }

    @Test func documentInfo() {
        let years = CorpusFixture.documents.map {
            PassageSplitter.info(of: $0, passages: CorpusFixture.passages[$0.name] ?? []).fiscalYear
        }
        #expect(years == ["令和7年度", nil, "令和8年度", "令和8年度", "令和3年度"])
        let info = PassageSplitter.info(of: CorpusFixture.documents[2], passages: CorpusFixture.passages(of: "002"))
        #expect(info.title == "「AI for Science」による科学研究の革新")
        #expect(info.passages == CorpusFixture.passages(of: "002").count)
    }

    /// The plan (001) states amounts in 兆円 with no budget label: they are `other`.
    @Test func planAmountsAreOther() throws {
        let amount = try #require(CorpusFixture.passages(of: "001").flatMap(\.amounts).first { $0.text == "30兆円" })
        #expect(amount.yen == 30_000_000_000_000)
        #expect(amount.role == .other)
    }

    @Test func passagesAreOfReasonableSize() {
        for passage in CorpusFixture.passages.values.joined() where passage.lines[0] != passage.lines[1] {
            #expect(passage.text.unicodeScalars.count <= 2 * PassageSplitter.longPassage, "\(passage.id)")
        }
    }

    private func isBlank(_ line: Substring) -> Bool {
        line.unicodeScalars.allSatisfy { Analyzer.isWhitespace($0.value) }
    }
}
