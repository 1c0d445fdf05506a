import Foundation
import Testing
@testable import Kensaku

/// Layouts a review of unseen budget documents found misread: a table row whose name wraps after
/// its figures, a column heading written after the others, short sentences in a line without
/// breaks, and the short forms of 補正 labels. Hand-made documents (none of these lines is from Corpus/).
@Suite struct LayoutRepairTests {
    static func amounts(_ text: String) -> [Amount] {
        PassageSplitter.passages(of: CorpusDocument(name: "t.txt", text: text)).flatMap(\.amounts)
    }

    static func amount(_ text: String, in doc: String) -> Amount? { amounts(doc).first { $0.text == text } }

    @Test func aRowNameWrappedAfterItsFiguresIsJoined() throws {
        let doc = """
        １．令和８年度水産庁関係予算総括表

        （単位：百万円）
           事　　項                          前年度予算額    令和８年度予算額    比較増△減額
           (1) 漁港施設の機能保全               1,200            1,500               300
           (2) 地域の水産資源の持続的な管理の   3,410            3,150              △260
               推進
           (3) 水産業競争力強化緊急事業        9,523           10,522               999

        """
        let a = Self.amounts(doc)
        #expect(a.filter { $0.line == 6 }.map(\.programme?.name) == Array(repeating: "地域の水産資源の持続的な管理の推進", count: 3))
        #expect(try #require(Self.amount("9,523", in: doc)).programme?.name == "水産業競争力強化緊急事業")
        #expect(try #require(Self.amount("△260", in: doc)).yen == -260_000_000)
    }

    @Test func aHeadingWithoutFiguresAfterTheOthersIsNoRowName() throws {
        let doc = "令和８年度水産庁関係予算総括表\n\n（単位：百万円）\n事　　項\n前年度予算額\n令和８年度予算額\n比較増△減額\n備考\n"
            + "漁港施設の機能保全\n1,200\n1,500\n300\n水産業競争力強化緊急事業\n9,523\n10,522\n999\n"
        #expect(try #require(Self.amount("1,500", in: doc)).programme?.name == "漁港施設の機能保全")
    }

    @Test func aShortSentenceBeforeAMarkerStaysWithThePieceBeforeIt() throws {
        let filler = "中小企業の生産性向上に向けて、設備投資やデジタル化の取組に要する経費の一部を助成し、地域の雇用を支える。"
        let line = "○ 業務改善助成金 20億円（18億円） " + filler + filler + "助成上限額は600万円とする。"
            + "○ 人材開発支援助成金 650億円（600億円） " + filler + filler + filler + "1施設当たり上限1億円。"
            + "○ 児童虐待防止対策等総合支援事業 290億円（270億円） " + filler + filler
        #expect(line.unicodeScalars.count > PassageSplitter.longLine)
        let doc = "令和８年度 ○○省 予算のポイント\n\n令和８年度予算額 2,000億円\n\n" + line + "\n"
        #expect(try #require(Self.amount("650億円", in: doc)).programme?.name == "人材開発支援助成金")
        #expect(try #require(Self.amount("600億円", in: doc)).programme?.name == "人材開発支援助成金")
        #expect(try #require(Self.amount("270億円", in: doc)).programme?.name == "児童虐待防止対策等総合支援事業")
        let passages = PassageSplitter.passages(of: CorpusDocument(name: "t.txt", text: doc))
        #expect(passages.allSatisfy { $0.text.unicodeScalars.count <= 1_000 })
    }

    @Test(arguments: ["【補正 300億円】", "【R7補正 300億円】", "【Ｒ７補正予算 300億円】"])
    func shortFormsOfTheSupplementaryLabel(_ bracket: String) throws {
        let doc = "令和８年度 国土交通省 予算のポイント\n\n令和８年度予算額 5,000億円\n\n○ 防災情報基盤整備事業 50億円（45億円）" + bracket + "\n"
        let a = try #require(Self.amount("300億円", in: doc))
        #expect(a.role == .supplementary)
        #expect(a.fiscalYear == "令和7年度")
    }

    @Test func aSupplementaryLabelWithoutYearInASupplementaryDocumentIsItsYear() throws {
        let doc = "令和７年度 国土交通省関係 補正予算（案）の概要\n\n補正予算額 2,000億円\n\n○ 防災・減災対策事業\n補正予算額 80億円\n"
        let a = try #require(Self.amount("80億円", in: doc))
        #expect(a.role == .supplementary)
        #expect(a.fiscalYear == "令和7年度")
    }

    @Test func aNoteInAdditionAfterASupplementaryThirdFigureTakesTheBudgetsRole() throws {
        let doc = "令和８年度 厚生労働省 予算のポイント\n\n令和８年度予算額 9,000億円\n\n"
            + "○ 介護人材確保対策事業 50億円（45億円）【補正 120億円】\n※このほか、介護保険事業費補助金 30億円（28億円）を計上\n"
        let a = try #require(Self.amount("30億円", in: doc))
        #expect(a.role == .budget)
        #expect(a.fiscalYear == "令和8年度")
        #expect(try #require(Self.amount("120億円", in: doc)).role == .supplementary)
    }

    @Test func ocrSlipsInsideNumbersAreRead() throws {
        let doc = "令和８年度 ○○県 当初予算案の概要\n\n令和８年度予算額 9,000億円\n\n"
            + "○ 地域医療介護総合確保基金 1,O29億円（l,O29億円）\n○ 農業農村整備事業 2,l00百万円（1､950百万円）\n"
        let a = Self.amounts(doc)
        #expect(a.map(\.yen).contains(102_900_000_000))
        #expect(a.filter { $0.yen == 102_900_000_000 }.count == 2)
        #expect(a.map(\.yen).contains(2_100_000_000))
        #expect(a.map(\.yen).contains(1_950_000_000))
        #expect(!a.contains { $0.yen == 0 })
        // A Latin word is no number: `CO2` stays text.
        #expect(AmountParser.amounts(in: "CO2削減に10億円").map(\.yen) == [1_000_000_000])
    }

    @Test func aProgrammeNamedInProseBeforeItsFigures() throws {
        let doc = "令和８年度 ○○市 予算案の概要\n\n令和８年度予算額 900億円\n\n２ 主な事業\n\n"
            + "子育て世帯の負担軽減として、こども医療費助成事業に12億3,400万円（前年度10億円）を計上。\n"
        let first = try #require(Self.amount("12億3,400万円", in: doc))
        #expect(first.programme?.name == "こども医療費助成事業")
        #expect(first.role == .budget && first.fiscalYear == "令和8年度")
        let previous = try #require(Self.amount("10億円", in: doc))
        #expect(previous.programme?.name == "こども医療費助成事業")
        #expect(previous.role == .previousYear)
    }

    @Test func aColumnBeforeTheSupplementaryIsTheBudget() throws {
        let doc = """
        令和７年度 ○○県 補正予算（案）の概要

                                                    （単位：百万円）
           区　　分            補正前予算額      第１号補正      補正後予算額
           一般会計               812,300            8,450          820,750

        """
        let a = Self.amounts(doc)
        #expect(a.map(\.role) == [.budget, .supplementary, .supplementary])
        #expect(a.allSatisfy { $0.fiscalYear == "令和7年度" })
    }

    @Test(arguments: ["（2025年度 8億円）", "（令和7年度 8億円）", "（FY2025 8億円）"])
    func aYearRightBeforeAFigureInBracketsIsItsLabel(_ bracket: String) throws {
        let doc = "令和８年度 ○○市 予算案の概要\n\n令和８年度予算額 900億円\n\n○ DX推進事業 12億円" + bracket + "\n"
        let a = try #require(Self.amount("8億円", in: doc))
        #expect(a.role == .previousYear)
        #expect(a.fiscalYear == "令和7年度")
        #expect(a.programme?.name == "DX推進事業")
    }
}
