import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Monotonic time and the statistics of a benchmark.
enum Timer {
    /// Nanoseconds of CLOCK_MONOTONIC.
    @inline(__always)
    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }

    /// Runs `body` once and returns its result and the seconds it took.
    static func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = now()
        let value = try body()
        return (value, Double(now() - start) / 1e9)
    }

    /// The seconds of `body`, run `repetitions` times: (best, median).
    static func repeated(_ repetitions: Int, _ body: () throws -> Void) rethrows -> (best: Double, median: Double) {
        var samples: [Double] = []
        for _ in 0..<max(1, repetitions) {
            let start = now()
            try body()
            samples.append(Double(now() - start) / 1e9)
        }
        return (samples.min() ?? 0, Stats.percentile(samples, 50))
    }
}

enum Stats {
    /// The `p`-th percentile (nearest rank) of `samples`.
    static func percentile(_ samples: [Double], _ p: Double) -> Double {
        guard !samples.isEmpty else { return 0 }
        let sorted = samples.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    /// Rounds to `digits` decimals, for readable JSON.
    static func round(_ value: Double, _ digits: Int = 2) -> Double {
        guard value.isFinite else { return 0 }
        let scale = pow(10, Double(digits))
        return (value * scale).rounded() / scale
    }

    /// `a / b`, rounded, or 0 when b is 0.
    static func ratio(_ a: Double, _ b: Double, _ digits: Int = 3) -> Double {
        b == 0 ? 0 : round(a / b, digits)
    }
}

/// Progress lines on standard error (standard output carries only the JSON).
enum Progress {
    static let start = Timer.now()

    static func note(_ message: String) {
        let origin = start
        let t = Double(Timer.now() - origin) / 1e9
        FileHandle.standardError.write(Data((String(format: "[%7.2fs] ", t) + message + "\n").utf8))
    }
}

/// A folder under the system temporary folder, removed by ``remove()``.
struct TemporaryFolder {
    let url: URL

    init(_ prefix: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func appending(_ name: String) -> URL { url.appendingPathComponent(name) }

    func remove() { try? FileManager.default.removeItem(at: url) }

    /// The bytes of every regular file under `url`.
    static func size(of url: URL) -> Int {
        guard let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.fileSizeKey, .isRegularFileKey]) else { return 0 }
        var total = 0
        for case let file as URL in walker {
            let values = try? file.resourceValues(forKeys: [.fileSizeKey, .isRegularFileKey])
            if values?.isRegularFile == true { total += values?.fileSize ?? 0 }
        }
        return total
    }
}
