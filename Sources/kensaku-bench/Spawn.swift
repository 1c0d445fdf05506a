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

    /// Starts `binary arguments` with stdout and stderr to /dev/null; nil when it cannot start.
    private static func start(_ binary: URL, _ arguments: [String]) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([binary.path] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        return posix_spawn(&pid, binary.path, &actions, nil, argv, environ) == 0 ? pid : nil
    }

    /// The exit status of a wait status, or -1 when the child was killed by a signal.
    private static func exitStatus(_ status: Int32) -> Int32 { (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1 }

    /// Runs `binary arguments` with stdout and stderr to /dev/null; returns (seconds, exit status).
    static func run(_ binary: URL, _ arguments: [String]) -> (Double, Int32) {
        let started = Timer.now()
        guard let pid = start(binary, arguments) else { return (0, -1) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (Double(Timer.now() - started) / 1e9, exitStatus(status))
    }

    /// The peak resident set (KiB) of one run of `binary arguments`: the child's `VmHWM` from
    /// /proc, read every 2 ms until it exits (the last reading; the peak of the last 2 ms may be
    /// missed). Not `ru_maxrss` from wait4: a child started by posix_spawn (vfork) inherits the
    /// parent's peak through exec, and this benchmark holds every passage. Nil when the run fails.
    static func peakRSS(_ binary: URL, _ arguments: [String]) -> Int? {
        guard let pid = start(binary, arguments) else { return nil }
        var status: Int32 = 0
        var peak = 0
        while true {
            if let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
               let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
               let kb = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap({ Int($0) }) {
                peak = max(peak, kb)
            }
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if done < 0 && errno != EINTR { return nil }
            usleep(2000)
        }
        return exitStatus(status) == 0 ? peak : nil
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
