import Foundation
import Testing
@testable import Kensaku

/// Amount forms, roles, years and programmes on small hand-made documents (issue 7, kinds 5–8).
@Suite struct AmountFormTests {
    static func amounts(_ text: String) -> [Amount] {
        PassageSplitter.passages(of: CorpusDocument(name: "t.txt", text: text)).flatMap(\.amounts)
    }

    static let head = "令和８年度 ○○省 予算のポイント\n\n"

    @Test func rangeKeepsBothBounds() throws {
        let a = try #require(Self.amounts(Self.head + "○ 研究支援事業 1課題あたり1.5～5億円\n○ 交流事業 5,000万円～2億円を支援\n").first)
        #expect(a.yen == 150_000_000 && a.yenMax == 500_000_000)
        let b = try #require(Self.amounts(Self.head + "交流事業 5,000万円～2億円を支援\n").first)
        #expect(b.yen == 50_000_000 && b.yenMax == 200_000_000)
    }

    @Test(arguments: ["1拠点あたり上限3千万円", "年間700万円（平均）", "25箇所×約2億円", "単価 4百万円/件"])
    func perUnitFiguresAreOther(_ line: String) throws {
        let a = try #require(Self.amounts(Self.head + "○ 拠点形成事業 10億円（8億円）\n・支援規模：" + line + "\n").last)
        #expect(a.perUnit)
        #expect(a.role == .other)
    }

    @Test func arrowGivesTheYearBeforeAndAfter() {
        let a = Self.amounts(Self.head + "○ 研究奨励金の単価増（年額4,344千円 ⇒ 5,292千円）\n")
        #expect(a.map(\.fiscalYear) == ["令和7年度", "令和8年度"])
        #expect(a.allSatisfy { $0.perUnit })
    }

    @Test func signedFiguresAreChanges() {
        let a = Self.amounts(Self.head + "○ 運営費交付金 2,390億円（5,126億円）▲2,736億円\n○ 研究推進 117億円 (+3億円)\n")
        #expect(a.map(\.yen) == [239_000_000_000, 512_600_000_000, -273_600_000_000, 11_700_000_000, 300_000_000])
        #expect(a.map(\.role) == [.budget, .previousYear, .change, .budget, .change])
    }

    @Test func numbersSplitOverALineOrSpacedByOCRAreWhole() {
        let a = Self.amounts(Self.head + "○ 交付金 総額１兆 2,390\n億円を計上\n・基金残高 13, 345, 799千円\n")
        #expect(a.map(\.yen) == [1_239_000_000_000, 13_345_799_000])
    }

    @Test func aNoteInASupplementaryBoxIsSupplementary() {
        let doc = "令和7年度予算のポイント\n\n令和6年度補正予算額\n\n180億円\n\n※このほか、災害復旧等:40億円、GIGAスクール構想の推進:26億円を計上\n"
        let a = Self.amounts(doc)
        #expect(a.map(\.role) == [.supplementary, .supplementary, .supplementary])
        #expect(a.map(\.fiscalYear) == ["令和6年度", "令和6年度", "令和6年度"])
    }

    @Test func sharesUnderAnOrganisationTakeTheBoxRole() {
        let doc = Self.head + "先端国際共同研究推進事業\n  令和８年度予算額       30億円\n\n（JST：20億円 AMED：10億円）\n\n＜日本学術振興会＞\n（39百万円）\n"
        let a = Self.amounts(doc)
        #expect(a.map(\.role) == [.budget, .budget, .budget, .budget])
        #expect(a.allSatisfy { $0.fiscalYear == "令和8年度" })
    }

    @Test func includedInIsFlagged() throws {
        let a = try #require(Self.amounts(Self.head + "○ 人材育成事業 58億円の内数（52億円の内数）\n").first)
        #expect(a.includedIn && a.yen == 5_800_000_000)
    }

    @Test(arguments: [
        ("１．令和８年度観光庁関係予算総括表", "令和8年度", DocumentKind.budget),
        ("令和７年度富士市一般会計予算", "令和7年度", .budgetBook),
        ("令和6年度補正予算および 令和7年度予算のポイント", "令和7年度", .budget),
        ("R8年度 概算要求の概要", "令和8年度", .request),
        ("2026年度予算案の概要", "令和8年度", .budgetProposal),
    ])
    func documentYearFromTitle(_ title: String, _ year: String, _ kind: DocumentKind) throws {
        let p = try #require(PassageSplitter.passages(of: CorpusDocument(name: "t.txt", text: title + "\n\n本文。\n")).first)
        #expect(p.docFiscalYears.first == year)
        #expect(p.docKind == kind)
    }

    @Test func tableTakesUnitRoleYearAndRowFromItsLayout() {
        let doc = """
        １．令和８年度○○庁関係予算総括表

                                                       （単位：百万円）
        区 分          ７年度 当初     ８年度 予算     比較増△減額     対前年度比
        観光振興事業        1,200          1,500             300          1.25
        地域交通確保維持
        改善事業            2,000          1,800            △200          0.90
        合 計               3,200          3,300             100          1.03

        """
        let a = Self.amounts(doc)
        #expect(a.map(\.yen) == [1_200_000_000, 1_500_000_000, 300_000_000, 2_000_000_000, 1_800_000_000, -200_000_000,
                                 3_200_000_000, 3_300_000_000, 100_000_000])
        #expect(a.map(\.role) == [.previousYear, .budget, .change, .previousYear, .budget, .change, .previousYear, .budget, .change])
        #expect(a.map(\.fiscalYear) == ["令和7年度", "令和8年度", "令和8年度", "令和7年度", "令和8年度", "令和8年度",
                                        "令和7年度", "令和8年度", "令和8年度"])
        #expect(a.map { $0.programme?.name } == ["観光振興事業", "観光振興事業", "観光振興事業", "地域交通確保維持改善事業",
                                                "地域交通確保維持改善事業", "地域交通確保維持改善事業", nil, nil, nil])
        #expect(a.first?.programme?.source == .tableRow)
    }

    @Test func aSecondBulletKeepsItsOwnProgramme() {
        let doc = Self.head + "アルテミス計画\n- アルテミス計画に向けた研究開発等 76億円(153億円)【439億円】\n"
            + "- ※宇宙戦略基金の拡充(総務省、経済産業省と共に合計3,000億円を計上) 【1,550億円】\n"
        let a = Self.amounts(doc)
        #expect(a.count == 5)
        #expect(a.last?.programme?.name == "宇宙戦略基金の拡充")
        #expect(a.first?.programme?.name == "アルテミス計画に向けた研究開発等")
    }

    @Test func aPageNumberStopsTheProgramme() throws {
        let doc = Self.head + "○ 拠点形成事業 10億円（8億円）\n\n本事業は拠点を形成する。\n\n- 3 -\n\n研究の現状と課題を整理する。\n"
        let passages = PassageSplitter.passages(of: CorpusDocument(name: "t.txt", text: doc))
        let last = try #require(passages.last)
        #expect(last.programme == nil)
    }
}
