import Foundation
import Testing
@testable import Kensaku

/// Programmes named in the middle of a line, in notes and footnotes, and page titles that wait for
/// their amount box: small hand-made documents in the layouts of budget documents (none of these
/// lines is from Corpus/). The rules are in docs/EXTRACTION.md, "Each amount's programme".
@Suite struct InlineItemTests {
    static let head = "令和８年度 ○○省 予算のポイント\n\n令和８年度予算額 1,200億円\n\n国土の強靱化と地域の活性化\n\n"

    static func amounts(_ text: String) -> [Amount] {
        PassageSplitter.passages(of: CorpusDocument(name: "t.txt", text: head + text)).flatMap(\.amounts)
    }

    static func programme(of text: String, in doc: String) -> String? {
        amounts(doc).first { $0.text == text }?.programme?.name
    }

    @Test func aSecondItemAfterTheFirstOnesFiguresNamesItsOwn() {
        let doc = "河川・砂防の推進\n\n- ・河川整備事業 120億円(110億円)【30億円】 -砂防施設の長寿命化対策 15億円(14億円)\n"
        let a = Self.amounts(doc).dropFirst()  // the head's total
        #expect(a.map(\.programme?.name) == ["河川整備事業", "河川整備事業", "河川整備事業",
                                             "砂防施設の長寿命化対策", "砂防施設の長寿命化対策"])
    }

    @Test(arguments: [
        ("○ 観光地域づくり推進事業 8億円（9億円）\nうち、インバウンド受入環境整備プログラム（IREP）【令和7年度補正予算額 20億円】\n",
         "20億円", "インバウンド受入環境整備プログラム（IREP）"),
        ("# 地域交通共創事業\n\n令和8年度予算額（案） 14億円（新規）\n\n * 令和7年度は地域交通再編モデル事業（MaaS）（12億円）で実施\n",
         "12億円", "地域交通再編モデル事業（MaaS）"),
        ("○ 中小企業生産性向上支援事業 30億円（28億円）\n - ※別途令和6年度補正予算により、中小企業省力化投資基金を措置(SMRJ)[500億円]\n",
         "500億円", "中小企業省力化投資基金"),
        ("○ 港湾整備事業 40億円（35億円）\n - ※別途、令和6年度補正予算により、 基金措置(JST) [213億円]\n",
         "213億円", "港湾整備事業"),
    ])
    func aNoteNamesTheProgrammeRightBeforeItsFigure(_ doc: String, _ figure: String, _ programme: String) {
        #expect(Self.programme(of: figure, in: doc) == programme)
    }

    @Test func aNameInMidLineNeedsAProgrammesEnding() {
        // `…を推進` is a verb, not a name: the figure stays with the line's item.
        let doc = "○ 地域観光推進事業 10億円（9億円）\n - ※このため、受入環境の整備を推進（5億円）\n"
        #expect(Self.programme(of: "5億円", in: doc) == "地域観光推進事業")
    }

    @Test func aFootnoteGoesToTheItemThatCarriesItsMark() {
        let doc = "施設運転の実施(A機構への補助) 900百万円 (850百万円)\n老朽化対策(A機構への補助) 50百万円 ( ー※)\n"
            + "利用促進(B財団への補助) 300百万円 ( 290百万円)\n\n※令和6年度補正予算により措置【700百万円】\n"
        #expect(Self.programme(of: "700百万円", in: doc) == "老朽化対策(A機構への補助)")
        #expect(Self.programme(of: "300百万円", in: doc) == "利用促進(B財団への補助)")
    }

    static let awaiting = """
         港湾物流高度化推進事業

         背景
        港湾の取扱量は増えているが、荷役の自動化が遅れている。

        %@

        令和8年度要求・要望額  3億円
        （前年度予算額      2億円）

        """

    @Test func aCaptionOverTheBoxLeavesItToTheTitleThatWaitsForIt() {
        let doc = Self.awaiting.replacingOccurrences(of: "%@", with: "港湾の生産性を高め地域の物流を支える拠点の形成")
        #expect(Self.programme(of: "3億円", in: doc) == "港湾物流高度化推進事業")
    }

    @Test func aNameOverTheBoxStillNamesIt() {
        // Kanji and katakana: a unit's name, not a caption.
        let doc = Self.awaiting.replacingOccurrences(of: "%@", with: "港湾物流研究センター（PLRC）")
        #expect(Self.programme(of: "3億円", in: doc) == "港湾物流研究センター（PLRC）")
    }

    @Test func anEnglishLedTitleIsOneName() {
        let name = "AIST: Advanced Industrial Science and Technology Innovation Programme 産業技術総合イノベーションプロジェクト"
        let doc = "\(name)\n\n令和8年度要求・要望額 50億円\n(前年度予算額 45億円)\n"
        #expect(Self.programme(of: "50億円", in: doc) == name)
    }

    @Test func aBracketedProgrammeNameGivesTheEnding() {
        #expect(ProgrammeFinder.hasProgrammeEnding("地方の若手研究者及び大学院生の育成 (次世代地域人材育成プログラム)"))
        #expect(!ProgrammeFinder.hasProgrammeEnding("地方の若手研究者及び大学院生の育成 (令和8年度)"))
        #expect(ProgrammeFinder.hasProgrammeEnding("外国人研究者招へい事業 <外国人特別研究員>"))
    }

    @Test func aLongTitleNamingItsProgrammeInBracketsIsATitle() {
        let title = "地方の若手研究者及び博士後期課程学生の育成と定着 (次世代地域人材育成プログラム)"
        let doc = "○ 前の事業 3億円（3億円）\n\n\(title)\n\n - 地域の大学で博士人材を育てる。\n\n令和8年度要求・要望額 6億円\n"
        #expect(Self.programme(of: "6億円", in: doc) == title)
    }

    @Test func aDefinitionInProseNamesAPageWhoseTitleWasLost() {
        let doc = "# 地域防災強化事業\n\n## 事業概要\n\n- 防災拠点を整備する。\n\n（担当：防災局防災課）\n\n## 背景・課題\n\n"
            + "地域医療連携推進事業（以下「RMC」という。）により、地域の病院間の連携を支援する。\n\n## 事業スキーム\n\n"
            + "- 支援規模 最大2億円/年×5年\n"
        #expect(Self.programme(of: "2億円", in: doc) == "地域医療連携推進事業")
    }

    @Test func aTrillionYenQuotedInProseIsAStatistic() throws {
        let doc = "○ 観光振興事業 12億円（11億円）\n\n- 我が国の観光消費額は2030年に約15兆円に達すると見込まれる。\n"
        let a = try #require(Self.amounts(doc).first { $0.text == "15兆円" })
        #expect(a.programme == nil)
        #expect(Self.programme(of: "12億円", in: doc) == "観光振興事業")
    }

    @Test func aNameRightAboveAPagesFirstPartIsItsTitle() {
        let doc = "○ 前の事業 3億円（3億円）\n\n海洋観測データの高度利活用\n現状・課題\n\n- 観測データが機関ごとに散在している。\n\n"
            + "令和8年度要求・要望額 5億円\n（前年度予算額 4億円）\n"
        #expect(Self.programme(of: "5億円", in: doc) == "海洋観測データの高度利活用")
    }

    @Test func aMarkdownHeadingRightUnderATitleIsItsSubtitle() {
        let doc = "# RISE: Regional Innovation Support Ecosystem\n\n## 地域イノベーション支援エコシステム形成プロジェクト\n\n"
            + "令和8年度予算額（案）\n\n24億円\n\n## 背景\n\n- 地域の産業が伸び悩んでいる。\n"
        #expect(Self.programme(of: "24億円", in: doc) == "RISE: Regional Innovation Support Ecosystem")
    }

    static let titleAfterItsPage = """
         海洋観測データ整備事業

        現状・課題
        - 観測網が老朽化している。

        令和8年度要求・要望額 8億円
        （前年度予算額 7億円）

        （担当：海洋局観測課）

        - 観測船の運航を支援する。

        令和8年度要求・要望額 2億円
        （前年度予算額 2億円）

        - 研修を実施する。

        海洋安全教育推進事業

        （担当：海洋局教育課）

         沿岸防災情報高度化事業

        令和8年度要求・要望額 3億円
        （前年度予算額 3億円）

        """

    @Test func aSecondBoxUnderOneProgrammeIsThePageOfTheTitleAfterIt() throws {
        let doc = Self.titleAfterItsPage
        #expect(Self.programme(of: "8億円", in: doc) == "海洋観測データ整備事業")
        #expect(Self.programme(of: "2億円", in: doc) == "海洋安全教育推進事業")
        #expect(Self.programme(of: "3億円", in: doc) == "沿岸防災情報高度化事業")
        let passages = PassageSplitter.passages(of: CorpusDocument(name: "t.txt", text: Self.head + doc))
        let prose = try #require(passages.first { $0.text.contains("観測船の運航") })
        #expect(prose.programme?.name == "海洋安全教育推進事業")
        let before = try #require(passages.first { $0.text.contains("老朽化") })
        #expect(before.programme?.name == "海洋観測データ整備事業")
    }

    @Test func aTitleWithItsOwnBoxAfterItTakesNoBoxBeforeIt() {
        // The title after the second box has a box of its own: the second box keeps its programme.
        let doc = Self.titleAfterItsPage.replacingOccurrences(of: "海洋安全教育推進事業\n\n（担当：海洋局教育課）\n",
                                                              with: "海洋安全教育推進事業\n\n令和8年度要求・要望額 4億円\n")
        #expect(Self.programme(of: "2億円", in: doc) == "海洋観測データ整備事業")
    }

    @Test func budgetHighlightsAreNoProgramme() {
        #expect(ProgrammeFinder.name(from: ArraySlice("科学技術予算のポイント".unicodeScalars)) == nil)
    }
}

/// Lines that look like the new rules' triggers but are not (the review of the rules, written as
/// budget documents lay them out).
@Suite struct InlineItemCounterCaseTests {
    static func programme(of text: String, in doc: String) -> String? { InlineItemTests.programme(of: text, in: doc) }

    @Test func aDefinitionOfAnotherSchemeUnderARunningTitleNamesNothing() {
        let doc = "国民健康保険財政安定化支援事業\n\n令和８年度要求額 1,200億円（前年度予算額 1,150億円）\n\n"
            + "国民健康保険制度（以下「国保」という。）の安定的な運営を図るため、市町村を支援する。\n補助率 国1/2\nうち財政安定化支援 900億円\n"
        #expect(Self.programme(of: "900億円", in: doc) == "国民健康保険財政安定化支援事業")
    }

    @Test func aTitleAtTheTopOfItsOwnPageTakesNoEarlierBox() {
        let doc = " 宇宙探査推進事業\n\n現状・課題\n- 探査機の開発が遅れている。\n\n令和8年度要求・要望額 50億円\n（前年度予算額 40億円）\n\n"
            + "（担当：研究開発局 宇宙開発利用課）\n\n- 基金により長期的に支援する。\n\n令和8年度要求・要望額 20億円\n（前年度予算額 15億円）\n\n"
            + " 月面活動基盤整備事業\n\n現状・課題\n- 月面での活動拠点が必要である。\n\n（担当：研究開発局 宇宙開発利用課）\n"
        #expect(Self.programme(of: "20億円", in: doc) == "宇宙探査推進事業")
    }

    @Test func aPolicyTitleOnANewPageIsNoCaption() {
        let doc = " こどもの居場所づくり支援事業\n\n- 地域における多様な居場所づくりを支援する。\n- 補助率 国1/2\n\n（担当：成育局 成育環境課）\n\n"
            + "ひとり親家庭の自立に向けた総合的な支援\n\n令和8年度予算額（案） 20億円\n（前年度予算額 18億円）\n"
        #expect(Self.programme(of: "20億円", in: doc) == "ひとり親家庭の自立に向けた総合的な支援")
    }

    @Test func aCatchCopyOverThePagesFirstPartLeavesTheTitle() {
        let doc = " 大学改革推進等補助金事業\n\n令和8年度要求・要望額 30億円\n（前年度予算額 25億円）\n\n"
            + "地域と共に未来を創る大学づくりの推進\n背景・課題\n- 18歳人口の減少が進んでいる。\n\n事業内容\n- 大学間連携を支援する。 1件当たり 1億円\n"
        #expect(Self.programme(of: "1億円", in: doc) == "大学改革推進等補助金事業")
    }

    @Test func aNumberedNoteGoesToTheItemWithItsNumber() {
        let doc = "原子力安全規制体制強化事業\n\n令和8年度予算額（案） 3,000百万円（2,800百万円）\n\n"
            + "・規制基準適合性審査の実施 1,200百万円 ※1\n・放射線モニタリングの強化 800百万円 ※2\n・人材育成の推進 1,000百万円\n\n"
            + "※1 うち令和7年度補正予算で前倒し措置 300百万円\n※2 令和7年度補正予算により措置【150百万円】\n"
        #expect(Self.programme(of: "300百万円", in: doc) == "規制基準適合性審査の実施")
        #expect(Self.programme(of: "150百万円", in: doc) == "放射線モニタリングの強化")
    }

    @Test func aJapaneseSubheadingUnderAJapaneseTitleIsAProgramme() {
        let doc = "# 科学技術人材育成プログラム\n\n## 特別研究員事業\n\n令和8年度要求・要望額 180億円（前年度予算額 163億円）\n\n"
            + "## 卓越研究員事業\n\n令和8年度要求・要望額 12億円（前年度予算額 11億円）\n"
        #expect(Self.programme(of: "180億円", in: doc) == "特別研究員事業")
    }

    @Test func aTrillionYenBudgetedInProseKeepsItsProgramme() {
        // The bullet names its item (a budget figure: 計上), the heading the page.
        let doc = "年金制度\n\n○ 基礎年金国庫負担（２分の１）として、13.6兆円を計上。\n"
        #expect(Self.programme(of: "13.6兆円", in: doc) == "基礎年金国庫負担")
    }
}
