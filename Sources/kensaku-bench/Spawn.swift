import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Wall time of whole `kensaku` processes, as a script that starts one per lookup sees it.
enum Spawn {
    /// The release `kensaku` beside this benchmark's executable, if built.
    static func kensakuBinary() -> URL? {
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let candidate = me.deletingLastPathComponent().appendingPathComponent("kensaku")
        return FileManager.default.isExecutableFile(atPath: candidate.path) ? candidate : nil
    }

    /// Runs `binary arguments` with stdout and stderr to /dev/null; returns (seconds, exit status).
    static func run(_ binary: URL, _ arguments: [String]) -> (Double, Int32) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([binary.path] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let start = Timer.now()
        guard posix_spawn(&pid, binary.path, &actions, nil, argv, environ) == 0 else { return (0, -1) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let seconds = Double(Timer.now() - start) / 1e9
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
        return (seconds, exitStatus)
    }

    /// Median and best wall time in milliseconds of `runs` runs, after one warm-up run;
    /// nil when a run fails (exit status other than 0 or 1).
    static func measure(_ binary: URL, _ arguments: [String], runs: Int) -> (median: Double, best: Double)? {
        _ = run(binary, arguments)
        var samples: [Double] = []
        for _ in 0..<max(1, runs) {
            let (seconds, status) = run(binary, arguments)
            guard status == 0 || status == 1 else { return nil }
            samples.append(seconds * 1000)
        }
        return (Stats.percentile(samples, 50), samples.min() ?? 0)
    }
}
