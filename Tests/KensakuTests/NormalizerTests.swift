import Testing
@testable import Kensaku

@Suite struct NormalizerTests {
    /// The original scalars that produced `needle` in the normalised text of `text`, found
    /// through the analyser's offset map (as highlights are computed).
    private func original(of needle: String, in text: String) -> String? {
        let analyzed = Analyzer().analyze(text, words: false)
        let n = needle.unicodeScalars.map(\.value)
        guard !n.isEmpty, analyzed.exact.count >= n.count else { return nil }
        for start in 0...(analyzed.exact.count - n.count) where Array(analyzed.exact[start..<(start + n.count)]) == n {
            let from = Int(analyzed.exactSource[start])
            let to = Int(analyzed.exactSourceEnd[start + n.count - 1])
            let scalars = Array(text.unicodeScalars)
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[from..<to])
            return String(s)
        }
        return nil
    }

    @Test func fullWidthLettersFoldToASCII() {
        #expect(Normalizer.fold("ＡＩ") == "ai")
        #expect(Normalizer.fold("１２３，４５６") == "123,456")
        let n = Normalizer.normalize("xＡＩy")
        #expect(n.string == "xaiy")
        #expect(n.sourceStart == [0, 1, 2, 3])
        #expect(n.sourceEnd == [1, 2, 3, 4])
    }

    @Test func halfWidthKanaComposes() {
        // ﾊﾟ is two code points (ﾊ + ﾟ) that become one パ.
        let n = Normalizer.normalize("ﾊﾟｿｺﾝ")
        #expect(n.string == "パソコン")
        #expect(n.units.count == 4)
        #expect(n.sourceStart[0] == 0 && n.sourceEnd[0] == 2)
        #expect(n.sourceStart[1] == 2 && n.sourceEnd[1] == 3)
    }

    @Test func outsideTheBMP() {
        // 𠮷 is one scalar, two UTF-16 units.
        let text = "𠮷野家のＡＩ"
        let n = Normalizer.normalize(text)
        #expect(n.string == "𠮷野家のai")
        let analyzed = Analyzer().analyze(text, words: false)
        #expect(analyzed.exact.first == 0x20BB7)
        #expect(analyzed.exactSource.map { Int($0) } == [0, 1, 2, 3, 4, 5])
        #expect(original(of: "ai", in: text) == "ＡＩ")
        #expect(original(of: "野家", in: text) == "野家")
        #expect(original(of: "𠮷", in: text) == "𠮷")
    }

    @Test func highlightsPointAtTheOriginalCharacters() {
        #expect(original(of: "ai", in: "ｶﾀｶﾅのＡＩ") == "ＡＩ")
        #expect(original(of: "カタカナ", in: "ｶﾀｶﾅのＡＩ") == "ｶﾀｶﾅ")
        #expect(original(of: "パ", in: "ﾊﾟｿｺﾝ") == "ﾊﾟ")
        #expect(original(of: "パソ", in: "ﾊﾟｿｺﾝ") == "ﾊﾟｿ")
        #expect(original(of: "1,133", in: "１，１３３百万円") == "１，１３３")
        // Whitespace and line breaks are not in `exact`: a phrase across a line break maps to both lines.
        #expect(original(of: "研究環境", in: "研究\n環境") == "研究\n環境")
        #expect(original(of: "ダイバーシティ研究環境実現イニシアティブ", in: "◆ダイバーシティ研究環境実現 イニシアティブ 1,133百万円")
            == "ダイバーシティ研究環境実現 イニシアティブ")
    }

    @Test func offsetsAreScalarOffsets() {
        // After a character outside the BMP, offsets count scalars (Python str indices), not UTF-16 units.
        let text = "𠮷ＡＩ"
        let analyzed = Analyzer().analyze(text, words: false)
        #expect(analyzed.exact == [0x20BB7, 0x61, 0x69])
        #expect(analyzed.exactSource == [0, 1, 2])
        #expect(analyzed.exactSourceEnd == [1, 2, 3])
    }

    @Test func emptyText() {
        #expect(Normalizer.normalize("").units.isEmpty)
        #expect(Analyzer().analyze("").exact.isEmpty)
    }
}
