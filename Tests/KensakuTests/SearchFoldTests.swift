import Foundation
import Testing
@testable import Kensaku

/// The variant folds of unquoted terms (docs/QUERY.md §4, "Unquoted terms"), each tested
/// both ways, and that quoted phrases fold nothing beyond NFKC + case folding.
@Suite struct SearchFoldTests {
    static func passagesWithText(_ needle: String) -> Set<String> {
        let n = Array(Support.norm(needle).utf8)
        return Set(Support.corpusPassages.filter { Support.bytesContain(Array(Support.norm($0.text).utf8), n) }.map(\.id))
    }

    // MARK: width and case

    @Test func fullWidthAndCaseFoldForTermsAndPhrases() throws {
        let index = try Support.index()
        let ascii = try index.fullSet("STELLA")
        #expect(ascii.count >= 3)
        #expect(try index.fullSet("ＳＴＥＬＬＡ") == ascii)
        #expect(try index.fullSet("stella") == ascii)
        #expect(try index.fullSet("Ｓｔｅｌｌａ") == ascii)
        // A phrase folds width and case too (NFKC + case fold), and finds exactly the texts.
        let phrase = try index.fullSet("\"ＳＴＥＬＬＡ\"")
        #expect(phrase == Self.passagesWithText("STELLA"))
        #expect(try index.fullSet("\"stella\"") == phrase)
    }

    @Test func fullWidthDigitsAndLettersInAQuery() throws {
        let index = try Support.index()
        // ＡＩ and ｱｲ-style width variants: ＡＩ finds what AI finds.
        #expect(try index.fullSet("ＡＩ") == (try index.fullSet("AI")))
        #expect(try index.fullSet("\"Ｑ－ＬＥＡＰ\"") == (try index.fullSet("\"Q-LEAP\"")))
    }

    // MARK: hiragana / katakana

    @Test func hiraganaAndKatakanaFindEachOther() throws {
        let index = try Support.variantsIndex()
        let hira = try Support.passageID(in: index, containing: "いのちを大切に")
        let kata = try Support.passageID(in: index, containing: "イノチの表記")
        #expect(try index.fullSet("いのち") == [hira, kata])
        #expect(try index.fullSet("イノチ") == [hira, kata])
    }

    @Test func quotedKanaDoesNotFold() throws {
        let index = try Support.variantsIndex()
        let hira = try Support.passageID(in: index, containing: "いのちを大切に")
        let kata = try Support.passageID(in: index, containing: "イノチの表記")
        #expect(try index.fullSet("\"いのち\"") == [hira])
        #expect(try index.fullSet("「イノチ」") == [kata])
    }

    // MARK: prolonged sound mark

    @Test func trailingProlongedSoundMarkFolds() throws {
        let index = try Support.variantsIndex()
        let long = try Support.passageID(in: index, containing: "計算機のサーバーを")
        let short = try Support.passageID(in: index, containing: "古いサーバの")
        #expect(try index.fullSet("サーバー") == [long, short])
        #expect(try index.fullSet("サーバ") == [long, short])
        #expect(try index.fullSet("サーバー 更新") == [long])
        // Quoted: サーバー is not in the short form; サーバ is a substring of both.
        #expect(try index.fullSet("\"サーバー\"") == [long])
        #expect(try index.fullSet("\"サーバ\"") == [long, short])
    }

    // MARK: okurigana

    @Test func okuriganaVariantsFindEachOtherOnTheRealCorpus() throws {
        let index = try Support.index()
        let long = Self.passagesWithText("取り組み")
        let short = Self.passagesWithText("取組")
        #expect(long.count >= 5 && short.count >= 50)
        let termShort = try index.fullSet("取組")
        let termLong = try index.fullSet("取り組み")
        #expect(long.isSubset(of: termShort), "取組 misses 取り組み passages: \(long.subtracting(termShort).sorted().prefix(5))")
        #expect(short.isSubset(of: termLong), "取り組み misses 取組 passages: \(short.subtracting(termLong).sorted().prefix(5))")
        // Quoted phrases do not fold okurigana.
        let quotedShort = try index.fullSet("\"取組\"")
        #expect(quotedShort == short)
        let onlyLong = long.subtracting(short)
        #expect(!onlyLong.isEmpty)
        #expect(quotedShort.isDisjoint(with: onlyLong))
        #expect(try index.fullSet("\"取り組み\"") == long)
    }

    @Test func okuriganaVariantsOnAFixture() throws {
        let index = try Support.variantsIndex()
        let torikumi = try Support.passageID(in: index, containing: "地域の取り組みを")
        let moushikomi = try Support.passageID(in: index, containing: "参加の申し込みを")
        #expect(try index.fullSet("取組").contains(torikumi))
        #expect(try index.fullSet("取り組み").contains(torikumi))
        #expect(try index.fullSet("申込").contains(moushikomi))
        #expect(try index.fullSet("申し込み").contains(moushikomi))
        #expect(!(try index.fullSet("\"取組\"")).contains(torikumi))
        #expect(!(try index.fullSet("\"申込\"")).contains(moushikomi))
    }

    /// docs/QUERY.md §4 names 申し込み/申込み: a query with part of the okurigana finds every form.
    @Test
    func queryWithPartOfTheOkuriganaFindsEveryForm() throws {
        let fixture = try Support.variantsIndex()
        let torikumi = try Support.passageID(in: fixture, containing: "地域の取り組みを")
        let moushikomi = try Support.passageID(in: fixture, containing: "参加の申し込みを")
        #expect(try fixture.fullSet("取組み").contains(torikumi), "取組み does not find 取り組み")
        #expect(try fixture.fullSet("申込み").contains(moushikomi), "申込み does not find 申し込み")
        let index = try Support.index()
        let all = try index.fullSet("取組")
        #expect(!all.isEmpty)
        let partial = try index.fullSet("取組み")
        let same = partial == all
        #expect(same, "取組み finds \(partial.count) passages, 取組 \(all.count)")
    }

    // MARK: abbreviations declared as 正式名称（略称）

    @Test func abbreviationDeclaredInTheCorpusExpandsBothWays() throws {
        let index = try Support.index()
        let abbreviation = try index.fullSet("STELLA")
        let name = try index.fullSet("次世代科学技術チャレンジプログラム")
        // Passages that state only STELLA (e.g. 001's "取組(STELLA)") are found by the full name…
        let onlyAbbreviation = Support.corpusPassages.filter {
            QueryOperatorTests.occurs("STELLA", in: $0) && !QueryOperatorTests.occurs("次世代科学技術チャレンジプログラム", in: $0)
        }.map(\.id)
        #expect(!onlyAbbreviation.isEmpty)
        for id in onlyAbbreviation { #expect(name.contains(id), "次世代科学技術チャレンジプログラム misses \(id), which says STELLA") }
        // …and every passage naming the programme is found by STELLA.
        let withName = Support.corpusPassages.filter { QueryOperatorTests.occurs("次世代科学技術チャレンジプログラム", in: $0) }.map(\.id)
        #expect(!withName.isEmpty)
        for id in withName { #expect(abbreviation.contains(id), "STELLA misses \(id)") }
        #expect(abbreviation == name)
        // A quoted phrase does not expand.
        #expect(try index.fullSet("\"STELLA\"") == Self.passagesWithText("STELLA"))
    }

    @Test func abbreviationLearnedFromAFixtureExpandsBothWays() throws {
        let index = try Support.variantsIndex()
        let declared = try Support.passageID(in: index, containing: "（TansaX）を設置")
        let abbreviationOnly = try Support.passageID(in: index, containing: "TansaXの成果")
        let nameOnly = try Support.passageID(in: index, containing: "ハブの活動を紹介")
        let all: Set = [declared, abbreviationOnly, nameOnly]
        #expect(try index.fullSet("TansaX") == all)
        #expect(try index.fullSet("ｔａｎｓａｘ") == all)
        #expect(try index.fullSet("宇宙探査イノベーションハブ") == all)
        #expect(try index.fullSet("\"TansaX\"") == [declared, abbreviationOnly])
        #expect(try index.fullSet("\"宇宙探査イノベーションハブ\"") == [declared, nameOnly])
    }

    // MARK: half-width katakana

    @Test func halfWidthKatakanaIsNFKC() throws {
        let index = try Support.variantsIndex()
        let half = try Support.passageID(in: index, containing: "ｶﾀｶﾅで書かれた")
        let full = try Support.passageID(in: index, containing: "カタカナで書いた")
        #expect(try index.fullSet("カタカナ") == [half, full])
        #expect(try index.fullSet("ｶﾀｶﾅ") == [half, full])
        // NFKC is part of a phrase's normalisation, so a quoted phrase also crosses widths…
        #expect(try index.fullSet("\"ｶﾀｶﾅ\"") == [half, full])
        // …including a separate half-width voiced mark (ﾃﾞ → デ).
        #expect(try index.fullSet("\"データ\"") == [half])
        #expect(try index.fullSet("データ") == [half])
    }
}
