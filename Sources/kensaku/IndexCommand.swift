import ArgumentParser
import Foundation
import Kensaku
import KensakuCLI

/// `kensaku index`: builds the index from the corpus.
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "index", abstract: "Build the index from the corpus.")

    @OptionGroup var location: IndexLocation

    func run() throws {
        let started = Date()
        let terminal = Console.stderrIsTerminal
        let summary = try Console.run {
            try IndexWriter(directory: location.indexURL).build(corpus: location.corpusURL) { done, total in
                if terminal {
                    FileHandle.standardError.write(Data("\rindexing \(min(done, total))/\(total) passages".utf8))
                }
            }
        }
        if terminal { FileHandle.standardError.write(Data("\n".utf8)) }
        for warning in summary.warnings { Console.error("kensaku: warning: \(warning)") }
        let seconds = Date().timeIntervalSince(started)
        Console.error(String(format: "kensaku: indexed %d passages of %d documents into %@ (generation %d, %d bytes) in %.2f s",
                             summary.passages, summary.documents, location.index, summary.generation, summary.bytes, seconds))
    }
}

/// `kensaku verify`: checks every checksum and structure of the index.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify",
                                                    abstract: "Check every checksum and structure of the index; name the bad file.")

    @Option(help: "The index folder.")
    var index: String = "Index"

    func run() throws {
        let report = try Console.run { try IndexVerifier.verify(directory: URL(fileURLWithPath: index)) }
        print(report)
    }
}
