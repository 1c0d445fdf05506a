/// Other spellings of an unquoted term that mean the same, searched with equal standing
/// (docs/QUERY.md, "Other spellings"): digit-group commas added or removed (9777億円 ⇄
/// 9,777億円), Arabic and kanji numerals swapped after 第 or before a counter (第6期 ⇄ 第六期,
/// 3回 ⇄ 三回), separators ・ between words removed (データ・サイエンス → データサイエンス), and
/// the iteration mark 々 written out or in (人々 ⇄ 人人).
/// All work on character-stream scalars (folded, whitespace removed).
enum Spellings {
    /// Counter kanji after which a number may be written in kanji (期, 回, 次, 条, 項, 号, 章,
    /// 節, 年, 月, 日, 人, 件, 校, 名, 個, 所, 歳, 度, 位, 部, 編, 級, 段, 週).
    static let counters: Set<UInt32> = Set("期回次条項号章節年月日人件校名個所歳度位部編級段週".unicodeScalars.map(\.value))
    /// 〇 一 二 … 九 by value.
    static let kanjiDigits: [UInt32] = "〇一二三四五六七八九".unicodeScalars.map(\.value)
    static let ten: UInt32 = 0x5341  // 十
    static let dai: UInt32 = 0x7B2C  // 第

    @inline(__always)
    static func isDigit(_ c: UInt32) -> Bool { c >= 0x30 && c <= 0x39 }

    /// The other spellings of `s`, without `s` itself and without repeats.
    static func alternatives(_ s: [UInt32]) -> [[UInt32]] {
        var out: [[UInt32]] = []
        for candidate in [commas(s), numerals(s), withoutSeparators(s), iteration(s)] {
            if let c = candidate, c != s, !c.isEmpty, !out.contains(c) { out.append(c) }
        }
        return out
    }

    /// Commas between digits removed when `s` has any; else inserted every three digits into
    /// runs of four or more digits that are not part of a decimal.
    static func commas(_ s: [UInt32]) -> [UInt32]? {
        let grouped = s.indices.contains { i in
            s[i] == 0x2C && i > 0 && i + 1 < s.count && isDigit(s[i - 1]) && isDigit(s[i + 1])
        }
        if grouped {
            return s.indices.compactMap { i in
                s[i] == 0x2C && i > 0 && i + 1 < s.count && isDigit(s[i - 1]) && isDigit(s[i + 1]) ? nil : s[i]
            }
        }
        var out: [UInt32] = []
        var changed = false
        var i = 0
        while i < s.count {
            guard isDigit(s[i]) else { out.append(s[i]); i += 1; continue }
            var j = i
            while j < s.count && isDigit(s[j]) { j += 1 }
            let decimal = (i > 0 && s[i - 1] == 0x2E) || (j < s.count && s[j] == 0x2E)
            let run = s[i..<j]
            if run.count >= 4 && !decimal {
                for (k, d) in run.enumerated() {
                    if k > 0 && (run.count - k) % 3 == 0 { out.append(0x2C) }
                    out.append(d)
                }
                changed = true
            } else {
                out.append(contentsOf: run)
            }
            i = j
        }
        return changed ? out : nil
    }

    /// Numbers of 1–99 after 第 or before a counter, swapped between Arabic and kanji numerals.
    static func numerals(_ s: [UInt32]) -> [UInt32]? {
        var out: [UInt32] = []
        var changed = false
        var i = 0
        while i < s.count {
            let isArabic = isDigit(s[i])
            let isKanji = kanjiDigits.contains(s[i]) || s[i] == ten
            guard isArabic || isKanji else { out.append(s[i]); i += 1; continue }
            var j = i
            while j < s.count && (isArabic ? isDigit(s[j]) : (kanjiDigits.contains(s[j]) || s[j] == ten)) { j += 1 }
            let run = Array(s[i..<j])
            let marked = (i > 0 && s[i - 1] == dai) || (j < s.count && counters.contains(s[j]))
            if marked, isArabic, let value = Int(String(decoding: run.map { UInt8($0) }, as: UTF8.self)),
               value >= 1, value <= 99, run.first != 0x30 {
                out.append(contentsOf: kanji(value))
                changed = true
            } else if marked, isKanji, let value = arabicValue(run) {
                out.append(contentsOf: String(value).unicodeScalars.map(\.value))
                changed = true
            } else {
                out.append(contentsOf: run)
            }
            i = j
        }
        return changed ? out : nil
    }

    /// 1–99 in kanji: 六, 十, 十二, 二十, 二十三.
    static func kanji(_ n: Int) -> [UInt32] {
        if n < 10 { return [kanjiDigits[n]] }
        var out: [UInt32] = []
        if n / 10 > 1 { out.append(kanjiDigits[n / 10]) }
        out.append(ten)
        if n % 10 > 0 { out.append(kanjiDigits[n % 10]) }
        return out
    }

    /// The value of a kanji numeral: 十-forms up to 九十九, or digits written positionally (二〇二五).
    static func arabicValue(_ run: [UInt32]) -> Int? {
        if let t = run.firstIndex(of: ten) {
            guard run.lastIndex(of: ten) == t, t <= 1, run.count - t - 1 <= 1 else { return nil }
            let tens = t == 0 ? 1 : kanjiDigits.firstIndex(of: run[0]) ?? -1
            let ones = t + 1 < run.count ? kanjiDigits.firstIndex(of: run[t + 1]) ?? -1 : 0
            guard tens >= 1, ones >= 0 else { return nil }
            return tens * 10 + ones
        }
        var value = 0
        for c in run {
            guard let d = kanjiDigits.firstIndex(of: c) else { return nil }
            value = value * 10 + d
        }
        return run.count <= 4 ? value : nil
    }

    /// `s` without ・ between two other characters.
    static func withoutSeparators(_ s: [UInt32]) -> [UInt32]? {
        guard s.count > 2, s.dropFirst().dropLast().contains(0x30FB) else { return nil }
        return s.indices.compactMap { i in s[i] == 0x30FB && i > 0 && i + 1 < s.count ? nil : s[i] }
    }

    /// 々 after a kanji written out (人々 → 人人); else a doubled kanji written with 々 (人人 → 人々).
    static func iteration(_ s: [UInt32]) -> [UInt32]? {
        var out = s
        var changed = false
        for i in 1..<max(1, s.count) where s[i] == 0x3005 && Folding.isKanji(out[i - 1]) && out[i - 1] != 0x3005 {
            out[i] = out[i - 1]
            changed = true
        }
        if changed { return out }
        for i in 1..<max(1, s.count) where s[i] == s[i - 1] && Folding.isKanji(s[i]) && s[i] != 0x3005
            && (i < 2 || out[i - 1] != 0x3005) {
            out[i] = 0x3005
            changed = true
        }
        return changed ? out : nil
    }
}
