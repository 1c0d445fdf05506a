import Foundation
import Testing
@testable import Kensaku

/// The Japanese matching faults users reported against other engines (issue 9), each as a small
/// corpus of one line per file, with its expected answer; and further cases of each kind.
@Suite struct MatchingCaseTests {
    /// Indexes `files` (one line each, named f1.txt, f2.txt…) and returns a search function that
    /// gives, for a query, the files of the full hits in rank order with their highlighted text.
    static func corpus(_ label: String, _ lines: [String]) throws -> (String) throws -> [(file: String, marked: [String])] {
        var files: [String: String] = [:]
        for (i, line) in lines.enumerated() { files["f\(i + 1).txt"] = line + "\n" }
        let index = try Support.fixtureIndex(label, files).search
        return { query in
            try index.search(query, limit: 50).hits.filter { !$0.partial }.map { hit in
                let scalars = Array(hit.passage.text.unicodeScalars)
                let marked = hit.highlights.map { String(String.UnicodeScalarView(scalars[$0[0]..<$0[1]])) }
                return (String(hit.passage.doc.prefix { $0 != "." }), marked)
            }
        }
    }

    static func files(_ hits: [(file: String, marked: [String])]) -> [String] { hits.map(\.file) }

    // MARK: 1. Look-alike characters

    @Test func dashesAndLongVowelLookAlikes() throws {
        let search = try Self.corpus("dashes", [
            "第6期科学技術・イノベーション基本計画（2021−2025年度）に基づき、研究開発を推進する。",
            "研究データのクラウドサ－ビスを整備する。",
            "利用者向けサ―ビスの高度化を図る。",
            "利用者向けサービスの改善を行う。",
            "旧システムのサ─ビス終了。",  // U+2500 box drawing, as PDF extraction writes ー
            "期間は2021‐2025年度とする。",  // U+2010 hyphen
        ])
        #expect(Set(Self.files(try search("2021-2025"))) == ["f1", "f6"])
        #expect(Set(Self.files(try search("サービス"))) == ["f2", "f3", "f4", "f5"])
        #expect(Set(Self.files(try search("サ－ビス"))) == ["f2", "f3", "f4", "f5"])
        // Quoted phrases keep NFKC + case folding only.
        #expect(Self.files(try search("\"サービス\"")) == ["f4"])
        #expect(Self.files(try search("\"2021−2025\"")) == ["f1"])
    }

    @Test func countersAfterANumber() throws {
        let search = try Self.corpus("counters", [
            "審査期間を1ヶ月に短縮する。", "全国10ヵ所に拠点を設ける。", "3ケ月ごとに報告する。", "海外5か国と協力する。",
        ])
        #expect(Self.files(try search("1か月")) == ["f1"])
        #expect(Self.files(try search("10か所")) == ["f2"])
        #expect(Self.files(try search("3ヶ月")) == ["f3"])
        #expect(Self.files(try search("5ヵ国")) == ["f4"])
        #expect(Self.files(try search("ヶ月")).count == 2)
        #expect(Self.files(try search("\"3ヶ月\"")).isEmpty)
        #expect(Self.files(try search("\"3ケ月\"")) == ["f3"])
    }

    @Test func tildesDotsAndKanjiVariants() throws {
        let search = try Self.corpus("variants", [
            "期間は4月〜6月とする。", "期間は4月~6月とする。", "髙橋委員の発言。", "高橋委員の発言。", "宮﨑県と連携。",
            "宮崎県の事業。", "データ･サイエンスの講座。",
        ])
        #expect(Set(Self.files(try search("4月～6月"))) == ["f1", "f2"])
        #expect(Set(Self.files(try search("高橋"))) == ["f3", "f4"])
        #expect(Set(Self.files(try search("髙橋"))) == ["f3", "f4"])
        #expect(Set(Self.files(try search("宮崎"))) == ["f5", "f6"])
        #expect(Self.files(try search("\"髙橋\"")) == ["f3"])
        // The highlight is on the characters as written.
        #expect(try search("高橋").first { $0.file == "f3" }?.marked == ["髙橋"])
        #expect(Self.files(try search("データ・サイエンス")) == ["f7"])
    }

    @Test func standaloneSoundMarks() throws {
        // OCR and old input methods write the sound marks apart: ハ゛ for バ, ハ゜ for パ.
        let search = try Self.corpus("soundmarks", ["停留所にハ゛ス停を整備する。", "ハ゜ンフレットを配布する。", "バス停の案内。", "ハス田の保全。"])
        #expect(Set(Self.files(try search("バス停"))) == ["f1", "f3"])
        #expect(Self.files(try search("パンフレット")) == ["f2"])
        #expect(Self.files(try search("ハス")) == ["f4"])
        #expect(try search("バス停").first { $0.file == "f1" }?.marked == ["ハ゛ス停"])
    }

    @Test func iterationMarks() throws {
        let search = try Self.corpus("iteration", ["人々の暮らしを守る。", "人人の暮らしを守る。", "各地の様子。"])
        #expect(Set(Self.files(try search("人々"))) == ["f1", "f2"])
        #expect(Set(Self.files(try search("人人"))) == ["f1", "f2"])
    }

    // MARK: 2. Numbers

    @Test func numbersMatchAtNumberBoundaries() throws {
        let search = try Self.corpus("number-edges", [
            "◆ 若手研究者の処遇改善 31百万円（31百万円）", "◆ 大型施設の共用運転 4,296百万円（3,631百万円）",
            "事業期間は5年とする。", "事業期間は15年とする。", "金利は1.5%とする。",
        ])
        #expect(Self.files(try search("31百万円")) == ["f1"])
        #expect(Self.files(try search("5年")) == ["f3"])
        #expect(Self.files(try search("15年")) == ["f4"])
        #expect(Self.files(try search("5%")).isEmpty)  // 1.5% is one number
        #expect(Self.files(try search("1.5%")) == ["f5"])
        #expect(try search("31百万円").first?.marked == ["31百万円", "31百万円"])
        // A quoted phrase keeps substring semantics.
        #expect(Set(Self.files(try search("\"31百万円\""))) == ["f1", "f2"])
    }

    @Test func digitGroupCommasAreOptional() throws {
        let search = try Self.corpus("commas", [
            "総額9,777億円を計上する。", "補助金として12,345,678円を交付する。", "総額1500億円を計上する。",
        ])
        #expect(Self.files(try search("9777億円")) == ["f1"])
        #expect(Self.files(try search("12345678円")) == ["f2"])
        #expect(Self.files(try search("1,500億円")) == ["f3"])
        #expect(Self.files(try search("９７７７億円")) == ["f1"])  // full-width digits
    }

    @Test func kanjiAndArabicNumeralsBeforeACounter() throws {
        let search = try Self.corpus("numerals", ["第六期の計画を定める。", "第6期の計画を定める。", "年に三回開催する。", "年に3回開催する。"])
        #expect(Set(Self.files(try search("第6期"))) == ["f1", "f2"])
        #expect(Set(Self.files(try search("第六期"))) == ["f1", "f2"])
        #expect(Set(Self.files(try search("3回"))) == ["f3", "f4"])
        #expect(Set(Self.files(try search("三回"))) == ["f3", "f4"])
    }

    @Test func amountTermsMatchByValue() throws {
        let search = try Self.corpus("amount-value", [
            "◆ 研究基盤の整備 10,000百万円（9,000百万円）", "◆ 人材育成 100億円を計上。", "◆ 施設整備 1,000億円を計上。",
        ])
        let hits = try search("100億円")
        #expect(Set(Self.files(hits)) == ["f1", "f2"])
        #expect(hits.first { $0.file == "f1" }?.marked == ["10,000百万円"])
        #expect(Self.files(try search("\"100億円\"")) == ["f2"])
    }

    // MARK: 3. Latin, word edges, spaces

    @Test func latinTermsMatchAtWordEdges() throws {
        let search = try Self.corpus("latin", [
            "AI活用による研究の高度化を図る。", "若手研究者のTrainingプログラムを実施する。", "申請はEmailで受け付ける。",
            "UNIT化した装置。", "IT人材を育てる。",
        ])
        #expect(Self.files(try search("AI")) == ["f1"])
        #expect(Self.files(try search("IT")) == ["f5"])
        #expect(Self.files(try search("email")) == ["f3"])
        #expect(Set(Self.files(try search("\"ai\""))) == ["f1", "f2", "f3"])
    }

    @Test func wholeWordMatchesRankAboveMatchesInsideLongerWords() throws {
        let search = try Self.corpus("whole-word", [
            "東京大学と連携して東京大学の施設を活用する。", "京大と連携した研究を行う。",
        ])
        #expect(Self.files(try search("京大")) == ["f2", "f1"])
    }

    @Test func termsNeverMatchAcrossASpaceButBridgeLineBreaks() throws {
        let search = try Self.corpus("spaces", [
            "実施地域 東京 大阪 福岡", "京大と連携した研究を行う。", "研究開\n発を進める。", "研究　開発の拠点。",
        ])
        #expect(Self.files(try search("京大")) == ["f2"])
        #expect(Self.files(try search("研究開発")) == ["f3"])
        // Quoted phrases are whitespace-insensitive.
        #expect(Set(Self.files(try search("\"京大\""))) == ["f1", "f2"])
        #expect(Set(Self.files(try search("\"研究開発\""))) == ["f3", "f4"])
    }

    // MARK: 4. Optional separators

    @Test func separatorsInsideCompoundsAreOptional() throws {
        let search = try Self.corpus("separators", [
            "データ・サイエンス教育を強化する。", "データサイエンス人材の育成を図る。", "研究・開発を進める。", "研究開発の拠点。",
        ])
        #expect(Set(Self.files(try search("データサイエンス"))) == ["f1", "f2"])
        #expect(Set(Self.files(try search("データ・サイエンス"))) == ["f1", "f2"])
        #expect(Set(Self.files(try search("研究開発"))) == ["f3", "f4"])
        #expect(Set(Self.files(try search("研究・開発"))) == ["f3", "f4"])
    }

    // MARK: 5. Folds that lose meaning

    @Test func literalCharactersRankFirstWhenNFKCChangesTheirMeaning() throws {
        let search = try Self.corpus("literal", ["①　研究基盤の整備　②　人材育成", "令和1年度に1件を採択した。", "第Ⅲ期の計画。", "第iii期の計画。"])
        #expect(Self.files(try search("①")).first == "f1")
        #expect(Self.files(try search("Ⅲ")).first == "f3")
    }

    // MARK: 6. Highlights

    @Test func highlightsCoverTheWholeMatchedForm() throws {
        let search = try Self.corpus("highlight", ["データセンターを整備する。", "古いサーバを更新する。"])
        #expect(try search("センター").first?.marked == ["センター"])
        #expect(try search("センタ").first?.marked == ["センター"])
        #expect(try search("サーバー").first?.marked == ["サーバ"])
    }

    @Test func hitsFoundThroughLabelsSayWhereTheyMatched() throws {
        let index = try Support.index()
        let hits = try index.search("センター", limit: 100).hits
        #expect(hits.count >= 20)
        var labelOnly = 0
        for hit in hits {
            #expect(!hit.matchedIn.isEmpty, "\(hit.passage.id) matched nowhere")
            if hit.highlights.isEmpty { labelOnly += 1 }
            #expect(hit.matchedIn.contains("text") == !hit.highlights.isEmpty)
            if let name = hit.passage.programme?.name {
                let scalars = Array(name.unicodeScalars)
                for h in hit.programmeHighlights {
                    #expect(String(String.UnicodeScalarView(scalars[h[0]..<h[1]])).hasPrefix("センタ"))
                }
                #expect(hit.matchedIn.contains("programme") == !hit.programmeHighlights.isEmpty)
            }
            for h in hit.sectionHighlights {
                let scalars = Array(hit.passage.section[h[0]].unicodeScalars)
                #expect(String(String.UnicodeScalarView(scalars[h[1]..<h[2]])).hasPrefix("センタ"))
            }
        }
        #expect(labelOnly > 0, "the corpus has hits through labels only")
        // The JSON of every front carries the same fields.
        let json = String(decoding: KensakuJSON.encode(try index.search("センター", limit: 100)), as: UTF8.self)
        #expect(json.contains("\"matched_in\":[\"programme\"]") || json.contains("\"matched_in\":[\"section\"]")
                || json.contains("\"matched_in\":[\"programme\",\"section\"]"))
    }

    @Test func explainNamesTheFoldOfEachMatch() throws {
        var files: [String: String] = [:]
        for (i, line) in ["研究データのクラウドサ－ビスを整備する。", "利用者向けサービスの改善を行う。", "総額9,777億円を計上する。",
                          "審査期間を1ヶ月に短縮する。", "データセンタを整備する。"].enumerated() {
            files["f\(i + 1).txt"] = line + "\n"
        }
        let index = try Support.fixtureIndex("explain", files).search
        func folds(_ query: String) throws -> [String: [String]] {
            var out: [String: [String]] = [:]
            for hit in try index.search(query, options: SearchOptions(limit: 10, explain: true)).hits {
                for e in hit.explain ?? [] where e.field == "text" { out[e.matched] = e.folds }
            }
            return out
        }
        #expect(try folds("サービス") == ["サービス": [], "サ－ビス": ["width", "look-alike"]])
        #expect(try folds("9777億円") == ["9,777億円": ["number"]])
        #expect(try folds("1か月") == ["1ヶ月": ["look-alike"]])
        #expect(try folds("センター") == ["センタ": ["long-vowel"]])
        #expect(try folds("ＳＡＢＩＳＵ").isEmpty)
        // Without explain, hits carry none.
        #expect(try index.search("サービス").hits.allSatisfy { $0.explain == nil })
    }
}
