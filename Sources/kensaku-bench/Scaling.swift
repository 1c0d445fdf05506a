import Foundation

/// The scaled corpus: every document copied N times, each copy with its ASCII numbers perturbed.
///
/// Copy 0 is the document unchanged, under its own name, so that queries naming a document
/// (`doc:000_…`) or an amount of the original (76億円) still find it. Copy k ≥ 1 is written as
/// `<stem>_x<k>.txt`, with every ASCII digit replaced deterministically: digit i of digit run j
/// becomes (d + h(k, j, i)) mod 10 for a fixed hash h. Lengths, line structure and the kana/kanji
/// text are unchanged, so the copies analyse like the originals but are distinct documents with
/// distinct amounts, years and line numbers in their text.
enum Scaling {
    /// Writes the scaled corpus of `corpus` into `destination`; returns its UTF-8 bytes.
    static func write(corpus: URL, copies: Int, into destination: URL) throws -> Int {
        let names = try FileManager.default.contentsOfDirectory(atPath: corpus.path)
            .filter { $0.hasSuffix(".txt") && !$0.hasPrefix(".") }.sorted()
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
        var total = 0
        for name in names {
            let original = [UInt8](try Data(contentsOf: corpus.appendingPathComponent(name)))
            let stem = String(name.dropLast(4))
            for copy in 0..<max(1, copies) {
                let bytes = copy == 0 ? original : perturbDigits(original, copy: copy)
                let file = copy == 0 ? name : "\(stem)_x\(String(format: "%03d", copy)).txt"
                try Data(bytes).write(to: destination.appendingPathComponent(file))
                total += bytes.count
            }
        }
        return total
    }

    /// `bytes` with every ASCII digit changed as described above (copy ≥ 1).
    static func perturbDigits(_ bytes: [UInt8], copy: Int) -> [UInt8] {
        var out = bytes
        var run = 0            // index of the current digit run
        var position = 0       // index of the digit within its run
        var inRun = false
        for i in out.indices {
            let b = out[i]
            guard b >= 0x30 && b <= 0x39 else {
                if inRun { run += 1; inRun = false }
                continue
            }
            if !inRun { inRun = true; position = 0 }
            let d = Int(b - 0x30)
            out[i] = 0x30 + UInt8((d + hash(copy, run, position)) % 10)
            position += 1
        }
        return out
    }

    /// A small deterministic mix of (copy, run, position) into 1…9, so a copy never keeps a digit
    /// run unchanged and two copies rarely agree.
    static func hash(_ copy: Int, _ run: Int, _ position: Int) -> Int {
        var x = UInt64(truncatingIfNeeded: copy) &* 0x9E37_79B9_7F4A_7C15
        x ^= UInt64(truncatingIfNeeded: run) &* 0xC2B2_AE3D_27D4_EB4F
        x ^= UInt64(truncatingIfNeeded: position) &* 0x1656_67B1_9E37_79F9
        x ^= x >> 29
        x = x &* 0xBF58_476D_1CE4_E5B9
        x ^= x >> 32
        return 1 + Int(x % 9)
    }
}
