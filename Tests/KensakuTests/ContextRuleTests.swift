import Foundation
import Testing
@testable import Kensaku

/// Roles, years and programmes of the layouts issue 7 lists, each on a small hand-made document
/// written the way budget documents lay them out (none of these lines is from Corpus/).
@Suite struct ContextRuleTests {
    static func passages(_ text: String) -> [Passage] {
        PassageSplitter.passages(of: CorpusDocument(name: "t.txt", text: text))
    }

    static func amounts(_ text: String) -> [Amount] { passages(text).flatMap(\.amounts) }

    static let head = "令和８年度 ○○省 予算のポイント\n\n"

    // MARK: roles and years

    @Test(arguments: ["○ 地域防災力の強化 21億円（19億円） 6億円", "○ 地域防災力の強化 21億円（19億円）（6億円）"])
    func aThirdFigureAfterBudgetAndPreviousYearIsTheSupplementary(_ line: String) {
        let a = Self.amounts(Self.head + line + "\n")
        #expect(a.map(\.role) == [.budget, .previousYear, .supplementary])
        #expect(a.map(\.fiscalYear) == ["令和8年度", "令和7年度", "令和7年度"])
    }

    @Test func labelledFiguresKeepTheirLabels() {
        // The same shape with labels: no figure is taken for a 補正 by position.
        let doc = Self.head + "令和８年度予算額 港湾整備事業 漁港整備事業\n\n12億円(前年度予算額 11億円) 9億円(前年度予算額\n\n8億円)\n"
        let a = Self.amounts(doc)
        #expect(a.map(\.role) == [.budget, .previousYear, .budget, .previousYear])
    }

    @Test(arguments: ["総事業費 320億円（4年間）", "総整備費 1,200億円", "総額 80億円"])
    func totalsOverAProgrammesYearsHaveNoYear(_ text: String) throws {
        let a = try #require(Self.amounts(Self.head + "○ 新庁舎整備事業 40億円（35億円）\n整備期間 令和7年度～令和10年度 " + text + "\n").last)
        #expect(a.role == .other)
        #expect(a.fiscalYear == nil)
    }

    @Test func aSumOverLabelledYearsHasNoYear() throws {
        let doc = Self.head + "○ 観光基盤整備事業 10億円（8億円）\n※令和6年度補正予算額及び令和7年度予算額の合計 64億円\n"
        let a = try #require(Self.amounts(doc).last)
        #expect(a.yen == 6_400_000_000)
        #expect(a.role == .other && a.fiscalYear == nil)
    }

    @Test func aCostAttributeIsNoShare() throws {
        let doc = Self.head + "○ 学校施設整備費 300億円（280億円）\n補助対象経費：120億円、補助率：1/2\n"
        let a = try #require(Self.amounts(doc).last)
        #expect(a.yen == 12_000_000_000)
        #expect(a.role == .other)
        #expect(a.fiscalYear == "令和8年度")
    }

    @Test func includedInWithANameInsideSquareBracketsIsTheSupplementary() throws {
        let doc = Self.head + "●地域の担い手育成\n\n【15億円(地域人材確保事業)の内数】\n"
        let a = try #require(Self.amounts(doc).first)
        #expect(a.includedIn)
        #expect(a.role == .supplementary && a.fiscalYear == "令和7年度")
    }

    @Test func aLeadInSentenceNamesTheSupplementaryOfTheFiguresAfterIt() throws {
        let doc = Self.head + "令和6年度補正予算において、以下について基金を措置\n\n## 中小企業の省力化支援事業：300億円（3年間）\n"
        let a = try #require(Self.amounts(doc).first)
        #expect(a.role == .supplementary && a.fiscalYear == "令和6年度")
        // Plain text with a 補正 year but no lead-in does not label what follows.
        let plain = Self.head + "令和6年度補正予算の執行状況を点検した\n\n○ 省力化支援事業 12億円（10億円）\n"
        #expect(Self.amounts(plain).first?.role == .budget)
    }

    @Test func anOrganisationsLabelOpeningALineMakesItsFigureAShare() throws {
        let doc = "令和８年度 概算要求のポイント\n\n＜国土交通省＞ ○ 点検手法の調査等（5百万円）\n"
        let a = try #require(Self.amounts(doc).first)
        #expect(a.role == .request && a.fiscalYear == "令和8年度")
        #expect(a.programme?.name == "点検手法の調査等")
    }

    @Test func aRangeQuotedInBracketsIsAGrantSize() throws {
        let doc = Self.head + "○ 研究助成事業 30億円（28億円）\n基盤型\n【1,000万円～3,000万円、3年】\n"
        let a = try #require(Self.amounts(doc).last)
        #expect(a.perUnit && a.yenMax == 30_000_000)
        #expect(a.role == .other && a.fiscalYear == "令和8年度")
    }

    @Test func aCapOverAPerYearFigureCoversSeveralYears() {
        let doc = Self.head + "○ 拠点整備事業 50億円（45億円）\n1. 整備経費（最大10億円程度（２億円程度／年）／件）\n"
        let a = Self.amounts(doc).suffix(2)
        #expect(a.map(\.fiscalYear) == [nil, "令和8年度"])
        #expect(a.allSatisfy { $0.perUnit && $0.role == .other })
    }

    @Test func unitPricesOfASupplementaryOnlyProgrammeTakeItsYear() {
        let doc = Self.head + "観光庁\n\n観光の振興\n\n○ 観光地再生事業 令和7年度補正予算額 40億円\n\n事業内容\n\n10箇所×約4億円を支援する\n"
        let a = Self.amounts(doc)
        #expect(a.map(\.role) == [.supplementary, .other])
        #expect(a.map(\.fiscalYear) == ["令和7年度", "令和7年度"])
        // A programme whose box states its budget keeps the document's year for its unit prices.
        let budget = Self.head + "観光庁\n\n観光の振興\n\n○ 観光地再生事業 令和8年度予算額 40億円\n\n事業内容\n\n10箇所×約4億円を支援する\n"
        #expect(Self.amounts(budget).last?.fiscalYear == "令和8年度")
    }

    // MARK: programmes

    @Test func aNameBeforeItsLabelAndFigureOpensThePage() {
        let doc = Self.head + "○ 救急医療体制整備事業 令和7年度補正予算額 30億円\n\n背景・課題\n\n救急搬送の件数が増えている。\n\n事業内容\n\n地域の救急医療機関の設備を整備する。\n"
        let ps = Self.passages(doc)
        #expect(ps.count >= 3)
        #expect(ps.dropFirst().allSatisfy { $0.programme?.name == "救急医療体制整備事業" })
    }

    @Test func aNameBeforeABracketedLabelNamesTheHeading() throws {
        let doc = "# 令和８年度 概算要求\n\n### 地域交通の再構築 地域公共交通確保維持事業 【令和7年度補正予算額 12億円】\n\n地域の路線を支援する。\n"
        let a = try #require(Self.amounts(doc).first)
        #expect(a.programme?.name == "地域公共交通確保維持事業")
        #expect(a.role == .supplementary)
    }

    @Test func aBlockHeadingNamesItsBlock() {
        let doc = Self.head + "港湾の機能強化\n\n令和８年度予算額 500億円\n\n▶ 国際コンテナ戦略港湾の機能強化\n\n大型船に対応した岸壁を整備し、\n\n120億円 (対前年度同額)\n\n▶ 成果に基づく配分\n\n実績を評価し配分する 配分対象経費:80億円\n"
        let a = Self.amounts(doc)
        #expect(a.first { $0.yen == 12_000_000_000 }?.programme?.name == "国際コンテナ戦略港湾の機能強化")
        #expect(a.first { $0.yen == 8_000_000_000 }?.programme?.name == "成果に基づく配分")
    }

    @Test func aBlockHeadingWithoutFiguresNamesNothing() {
        let doc = Self.head + "●研究環境の充実\n\n- 研究時間を確保する。\n- 設備を共用する。\n"
        #expect(Self.passages(doc).allSatisfy { $0.programme == nil })
    }

    @Test func aNoteInMidLineNamesItsFigure() throws {
        let doc = Self.head + "○ 文化財保存事業 80億円（78億円）\n\n文化財の修理を推進 ※このほか、史跡等保存整備費補助金 14億円(対前年度同額)を計上\n"
        let a = try #require(Self.amounts(doc).last)
        #expect(a.programme?.name == "史跡等保存整備費補助金")
    }

    @Test func aLabelOverSeveralNamesNamesTheFiguresInOrder() {
        let doc = Self.head + "地域交通の確保\n\n令和８年度予算額 地域公共交通確保維持事業 離島航路補助金\n\n210億円(前年度予算額 205億円) 40億円(前年度予算額\n\n38億円)\n"
        let a = Self.amounts(doc)
        #expect(a.map { $0.programme?.name } == ["地域公共交通確保維持事業", "地域公共交通確保維持事業", "離島航路補助金", "離島航路補助金"])
    }

    @Test func aTitleEndingInAConnectiveIsJoinedWithTheNextTitleLine() {
        let doc = Self.head + "港湾局\n\n港湾の整備\n\n離島の暮らしを支える\n\n定期航路確保対策\n\n令和８年度予算額 (前年度予算額\n\n8億円 7億円)\n"
        #expect(Self.amounts(doc).first?.programme?.name == "離島の暮らしを支える定期航路確保対策")
    }

    @Test func aTitleWrappedAtAParticleWithoutItsFigureIsJoined() {
        let doc = Self.head + "観光庁\n\n観光の振興\n\n地域観光データ基盤の構築\nに向けた実証及び普及\n\n２億円\n"
        #expect(Self.amounts(doc).first?.programme?.name == "地域観光データ基盤の構築に向けた実証及び普及")
    }

    @Test func quotedNodesOverAsManyBracketsNameThemInOrder() {
        let doc = Self.head + "○ 研究助成事業 30億円（28億円）\n若手の支援\n「奨励研究」「国際共同研究」\n【～100万円、1年】、【～1,200万円、～6年】\n"
        let a = Self.amounts(doc).suffix(2)
        #expect(a.map { $0.programme?.name } == ["奨励研究", "国際共同研究"])
    }

    @Test func aBulletTitleWrappedAtAParticleIsJoined() {
        let doc = Self.head + "観光庁\n\n観光の振興\n\n○ 地域観光データ基盤の構築\nに向けた実証及び普及\n\n２億円（１億円）\n"
        #expect(Self.amounts(doc).map { $0.programme?.name } == ["地域観光データ基盤の構築に向けた実証及び普及", "地域観光データ基盤の構築に向けた実証及び普及"])
    }

    @Test func columnLettersUnderTheHeadingsAreNoRowName() {
        let doc = "令和８年度 観光庁関係予算総括表\n\n（単位：百万円）\n  事  項      前年度予算額    令和８年度予算額    比較増△減額\n"
            + "                 (A)              (B)            (B-A)\n１ 観光地の再生    4,120    4,530    410\n"
        let a = Self.amounts(doc)
        #expect(a.map(\.yen) == [4_120_000_000, 4_530_000_000, 410_000_000])
        #expect(a.allSatisfy { $0.programme?.name == "観光地の再生" })
    }

    @Test func textAfterATablesLastRowIsNotTheTables() {
        let doc = "令和８年度 観光庁関係予算総括表\n\n（単位：百万円）\n  事  項      前年度予算額    令和８年度予算額\n１ 観光地の再生    4,120    4,530\n"
            + "   合  計      4,120    4,530\n\n○ 航路確保対策事業\n\n２億円（１億円）\n"
        let a = Self.amounts(doc).suffix(2)
        #expect(a.map(\.role) == [.budget, .previousYear])
        #expect(a.allSatisfy { $0.programme?.name == "航路確保対策事業" })
    }

    @Test func anItemUnderItsUmbrellaProgrammeNamesThePage() {
        let doc = Self.head + "観光庁\n\n観光の振興\n\n地域観光振興事業\n温泉地の長期滞在環境づくり\n\n現状・課題\n\n滞在日数が短い。\n"
        let ps = Self.passages(doc)
        #expect(ps.last?.programme?.name == "温泉地の長期滞在環境づくり")
    }

    @Test func aLogoInitialBeforeTheNameItRepeatsIsDropped() {
        let doc = Self.head + "港湾局\n\n港湾の整備\n\n港 港湾整備事業\n\n令和８年度予算額 2,379億円\n"
        #expect(Self.amounts(doc).first?.programme?.name == "港湾整備事業")
    }

    // MARK: numbered items, size phrases, unit prices under a page's box

    static func numberedList(_ marker: String) -> String {
        head + "■ 研究拠点の機能強化\n\n\(marker) 地域連携拠点支援プログラム 90百万円（前年度予算額:80百万円）\n\n"
            + "地域の大学が持つ研究拠点を対象として、拠点の機能の一層の強化と研究者の交流を図る取組への支援を行う。\n\n"
            + "- 運営経費を支援\n- 機能強化支援（1拠点あたり上限2千万円）\n\n② 国際共同研究拠点形成事業 60百万円\n"
    }

    @Test func aNumberedItemHeadsTheLinesUnderItUntilTheNextItem() {
        let ps = Self.passages(Self.numberedList("①"))
        let details = ps.first { $0.text.hasPrefix("- 運営経費") }
        #expect(details?.programme?.name == "地域連携拠点支援プログラム")
        #expect(details?.amounts.first?.perUnit == true)
        #expect(ps.last?.programme?.name == "国際共同研究拠点形成事業")
    }

    @Test func aBulletItemStillEndsAtABlankLine() {
        // The counter-case: a bullet's item names only its own block; the lines under it are the title's.
        let details = Self.passages(Self.numberedList("・")).first { $0.text.hasPrefix("- 運営経費") }
        #expect(details?.programme?.name == "研究拠点の機能強化")
    }

    @Test(arguments: ["- 大学改革の推進、5兆円規模の地域大学ファンド\n", "・地方創生、1,000億円程度規模の地域交通再生基金\n"])
    func aSizeNamesTheProgrammeAfterIt(_ line: String) throws {
        let a = try #require(Self.amounts(Self.head + "○ 主要施策\n\n" + line).first)
        #expect(a.programme?.name.hasPrefix("地域") == true)
        #expect(a.programme?.source == .inline)
    }

    @Test func aSizeBeforeWordsThatNameNoProgrammeNamesNothing() throws {
        let a = try #require(Self.amounts(Self.head + "○ 地域交通再生事業 20億円\n\n- 50億円規模の経済効果を見込む\n").last)
        #expect(a.programme?.name == "地域交通再生事業")
    }

    @Test func aUnitPriceUnderAPageBoxGoesToThePagesLastItem() {
        let doc = "令和８年度概算要求 ○○省\n\n"
            + "  次世代人材の育成  10億円\n\n人材を育成する。\n\n令和8年度要求・要望額 24億円\n（新規）\n\n"
            + "  産学連携研究者の育成  ６億円\n大学と企業が共同研究を通じて研究者を育成。\n\n"
            + "件数・単価 ５分野×約1.2億円 交付先 大学・企業等\n"
        let unit = Self.amounts(doc).first { $0.yen == 120_000_000 }
        #expect(unit?.perUnit == true)
        #expect(unit?.programme?.name == "産学連携研究者の育成")
    }
}
