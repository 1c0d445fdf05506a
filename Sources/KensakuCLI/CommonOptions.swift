import ArgumentParser
import Foundation
import Kensaku

/// `--index` and `--corpus`, shared by the commands that read an index (in `kensaku` and
/// `kensaku-server`).
public struct IndexLocation: ParsableArguments {
    public init() {}

    @Option(help: "The index folder.")
    public var index: String = "Index"

    @Option(help: "The corpus folder the index is built from (when missing or stale); default: the folder the index was built from, else Corpus.")
    public var corpus: String?

    public var indexURL: URL { URL(fileURLWithPath: index) }

    /// The corpus: as given, else the one the index records (so that `--index X` alone never
    /// rebuilds X from another corpus), else `Corpus`.
    public var corpusURL: URL {
        if let corpus { return URL(fileURLWithPath: corpus) }
        // The recorded corpus even when it is gone: then the index is served as it is, never
        // rebuilt from ./Corpus, which may be another corpus.
        if let recorded = (try? Manifest.read(from: indexURL, olderFormats: true))?.corpusPath {
            return URL(fileURLWithPath: recorded)
        }
        return URL(fileURLWithPath: "Corpus")
    }

    /// Opens the index, building it first when missing or stale (with a note on stderr).
    public func open() throws -> SearchIndex {
        try IndexMaintenance.open(index: indexURL, corpus: corpusURL) { Console.error($0) }
    }
}

/// Writing to the terminal.
public enum Console {
    public static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    public static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    public static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Runs `body`, turning a KensakuError into one line on stderr and exit code 2.
    public static func run<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as KensakuError {
            Console.error("kensaku: \(error.message)")
            throw ExitCode(2)
        }
    }
}

/// Buffered standard output.
public struct Output {
    private var buffer = Data()

    public init() {}

    public mutating func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count > 1 << 16 { flush() }
    }

    public mutating func write(_ d: Data) {
        buffer.append(d)
        if buffer.count > 1 << 16 { flush() }
    }

    public mutating func flush() {
        FileHandle.standardOutput.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Runs a root command with grep's exit convention: every error exits 2 with one line on stderr
/// (ArgumentParser's usage errors would otherwise exit 64 with a usage screen).
public enum CommandRunner {
    public static func main<Root: ParsableCommand>(_ root: Root.Type) async {
        do {
            var command = try root.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = root.exitCode(for: error)
            if code == .success || code.rawValue == 1 || error is CleanExit {
                root.exit(withError: error)
            }
            if code.rawValue == 64 {
                // A usage error: one line, the message only.
                let message = root.message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid usage"
                Console.error("\(root.configuration.commandName ?? "kensaku"): \(message) (see \(root.configuration.commandName ?? "kensaku") --help)")
                Foundation.exit(2)
            }
            root.exit(withError: error)
        }
    }
}
