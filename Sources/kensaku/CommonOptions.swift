import ArgumentParser
import Foundation
import Kensaku

/// `--index` and `--corpus`, shared by the commands that read an index.
struct IndexLocation: ParsableArguments {
    @Option(help: "The index folder.")
    var index: String = "Index"

    @Option(help: "The corpus folder the index is built from (when missing or stale); default: the folder the index was built from, else Corpus.")
    var corpus: String?

    var indexURL: URL { URL(fileURLWithPath: index) }

    /// The corpus: as given, else the one the index records (so that `--index X` alone never
    /// rebuilds X from another corpus), else `Corpus`.
    var corpusURL: URL {
        if let corpus { return URL(fileURLWithPath: corpus) }
        // The recorded corpus even when it is gone: then the index is served as it is, never
        // rebuilt from ./Corpus, which may be another corpus.
        if let recorded = (try? Manifest.read(from: indexURL))?.corpusPath {
            return URL(fileURLWithPath: recorded)
        }
        return URL(fileURLWithPath: "Corpus")
    }

    /// Opens the index, building it first when missing or stale (with a note on stderr).
    func open() throws -> SearchIndex {
        try IndexMaintenance.open(index: indexURL, corpus: corpusURL) { Console.error($0) }
    }
}

/// Writing to the terminal.
enum Console {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Runs `body`, turning a KensakuError into one line on stderr and exit code 2.
    static func run<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as KensakuError {
            Console.error("kensaku: \(error.message)")
            throw ExitCode(2)
        }
    }
}

/// Buffered standard output.
struct Output {
    private var buffer = Data()

    mutating func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count > 1 << 16 { flush() }
    }

    mutating func write(_ d: Data) {
        buffer.append(d)
        if buffer.count > 1 << 16 { flush() }
    }

    mutating func flush() {
        FileHandle.standardOutput.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
