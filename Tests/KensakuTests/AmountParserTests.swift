import Testing
@testable import Kensaku

@Suite struct AmountParserTests {
    @Test(arguments: [
        ("100億円", Int64(10_000_000_000)),
        ("5000百万円", 5_000_000_000),
        ("1,133百万円", 1_133_000_000),
        ("1兆784億円", 1_078_400_000_000),
        ("30兆円", 30_000_000_000_000),
        ("1.5億円", 150_000_000),
        ("0.2億円", 20_000_000),
        ("3千万円", 30_000_000),
        ("2,400千円", 2_400_000),
        ("700万円", 7_000_000),
        ("25.2万円", 252_000),
        ("１２億円", 1_200_000_000),
        ("７億円", 700_000_000),
        ("１，１３３百万円", 1_133_000_000),
        ("178 億円", 17_800_000_000),
        ("100億", 10_000_000_000),
        (" 207億円 ", 20_700_000_000),
    ])
    func yen(_ text: String, _ expected: Int64) {
        #expect(AmountParser.yen(of: text) == expected)
    }

    @Test(arguments: ["", "億円", "百万円", "100", "100円", "令和7年度", "abc", "100億円です", "1,,2億円", "99999999999999999999兆円"])
    func notAnAmount(_ text: String) {
        #expect(AmountParser.yen(of: text) == nil)
    }

    @Test func rangeCountsOnceAtItsLowerBound() {
        let found = AmountParser.amounts(in: "●研究費:3~4千万円程度/人、1.5～5億円、2,000〜5,000万円")
        #expect(found.map(\.text) == ["3~4千万円", "1.5～5億円", "2,000〜5,000万円"])
        #expect(found.map(\.yen) == [30_000_000, 150_000_000, 20_000_000])
    }

    @Test func rangeWithUnitsOnBothSidesIsOneRange() {
        let found = AmountParser.amounts(in: Array("【5,000万円～2億円、5年】".unicodeScalars))
        #expect(found.map(\.yen) == [50_000_000])
        #expect(found.map(\.yenMax) == [200_000_000])
        #expect(found.map(\.text) == ["5,000万円～2億円"])
    }

    @Test func compoundCountsOnce() {
        let found = AmountParser.amounts(in: "1兆784億円(前年度予算額 1兆784億円) 53億円")
        #expect(found.map(\.text) == ["1兆784億円", "1兆784億円", "53億円"])
        #expect(found[0].yen == 1_078_400_000_000)
    }

    @Test func innerPartKeepsItsWords() {
        let found = AmountParser.amounts(in: "177億円の内数（181億円の内数）[385億円の内数]")
        #expect(found.map(\.text) == ["177億円の内数", "181億円の内数", "385億円の内数"])
        #expect(found.map(\.yen) == [17_700_000_000, 18_100_000_000, 38_500_000_000])
    }

    @Test func amountsOfALine() {
        let found = AmountParser.amounts(in: "9,777億円 (9,780億円) 【3,677億円】 令和7年4月16日 第95回 10年 5.5%")
        #expect(found.map(\.yen) == [977_700_000_000, 978_000_000_000, 367_700_000_000])
    }

    @Test func fullWidthDigitsAndCommas() {
        #expect(AmountParser.amounts(in: "年額２，４００千円").map(\.yen) == [2_400_000])
    }

    /// A long run of digits is no amount and no crash.
    @Test func hugeNumbersDoNotOverflow() {
        let digits = String(repeating: "9", count: 5_000)
        #expect(AmountParser.amounts(in: digits + "億円").isEmpty)
        #expect(AmountParser.yen(of: "9223372036854775807億円") == nil)
    }
}

@Suite struct AmountRoleTests {
    private func amounts(_ text: String) -> [Amount] {
        PassageSplitter.passages(of: CorpusDocument(name: "t.txt", text: text)).flatMap(\.amounts)
    }

    @Test func budgetDocumentPairs() {
        let found = amounts("令和7年度予算のポイント\n\n◆ 特別研究員制度 16,309百万円(16,344百万円)【5億円】\n")
        #expect(found.map(\.role) == [.budget, .previousYear, .supplementary])
        #expect(found.map(\.fiscalYear) == ["令和7年度", "令和6年度", "令和6年度"])
    }

    @Test func labelsOnEarlierLines() {
        let found = amounts("事業名\n令和8年度予算額（案）\n（前年度予算額）\n\n193億円\n\n189億円\n令和7年度補正予算額\n1,143億円\n")
        #expect(found.map(\.role) == [.budget, .previousYear, .supplementary])
        #expect(found.map(\.fiscalYear) == ["令和8年度", "令和7年度", "令和7年度"])
    }

    @Test func staleLabelsAreDropped() {
        let found = amounts("科研費\n令和7年度予算額 (前年度予算額\n\n2,379億円\n\n令和6年度補下予算額\n\n52億円\n")
        #expect(found.map(\.role) == [.budget, .supplementary])
        #expect(found.map(\.fiscalYear) == ["令和7年度", "令和6年度"])
    }

    @Test func requestDocument() {
        let found = amounts("令和3年度要求・要望額 77,599百万円\n (前年度予算額 61,013百万円)\n\n※令和5年度補正予算により、基金措置[49,901百万円]\n")
        #expect(found.map(\.role) == [.request, .previousYear, .supplementary])
        #expect(found.map(\.fiscalYear) == ["令和3年度", "令和2年度", "令和5年度"])
    }

    @Test func looseAmountsAreOther() {
        let found = amounts("令和7年度予算のポイント\n\n件数・単価：34百万円程度/年、(1機関×64百万円×3年)、【～5億円、7年】\n")
        #expect(found.map(\.role) == [.other, .other, .other])
    }

    @Test func noYearNoRole() {
        let found = amounts("計画\n\n5年間で総額 約30兆円を目指す 12億円（10億円）\n")
        #expect(found.map(\.role) == [.other, .other, .previousYear])
        #expect(found.map(\.fiscalYear) == [nil, nil, nil])
    }
}
