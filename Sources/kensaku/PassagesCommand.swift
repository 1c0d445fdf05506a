import ArgumentParser
import Foundation
import Kensaku
import KensakuCLI

/// `kensaku passages`: every passage of the corpus, for scripts and embedding pipelines.
struct PassagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "passages",
                                                    abstract: "Print every passage of the corpus.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case jsonl, text
    }

    @Option(help: "The corpus folder (its *.txt files).")
    var corpus: String = "Corpus"

    @Option(help: "jsonl: one passage JSON per line; text: blocks for people.")
    var format: Format = .jsonl

    @Flag(help: "Print a report per document (year, kind, amounts by role, figures without a programme, tables, repairs) instead.")
    var report = false

    func run() throws {
        let documents: [CorpusDocument]
        do {
            let listing = try CorpusReader.readListing(directory: URL(fileURLWithPath: corpus))
            documents = listing.documents
            for line in listing.skipped { FileHandle.standardError.write(Data("kensaku: warning: \(line)\n".utf8)) }
        } catch let error as KensakuError {
            FileHandle.standardError.write(Data("kensaku: \(error.message)\n".utf8))
            throw ExitCode(2)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out = Data()
        for document in documents {
            for warning in document.warnings {
                FileHandle.standardError.write(Data("kensaku: warning: \(warning)\n".utf8))
            }
            if report {
                let result = PassageSplitter.analyse(document)
                out.append(Data((format == .jsonl ? String(decoding: try encoder.encode(result.report), as: UTF8.self) + "\n"
                                 : InspectCommand.render(result.report)).utf8))
                continue
            }
            for passage in PassageSplitter.passages(of: document) {
                switch format {
                case .jsonl:
                    out.append(try encoder.encode(passage))
                    out.append(0x0A)
                case .text:
                    out.append(Data(Self.render(passage).utf8))
                }
                if out.count > 1 << 16 {
                    FileHandle.standardOutput.write(out)
                    out.removeAll(keepingCapacity: true)
                }
            }
        }
        FileHandle.standardOutput.write(out)
    }

    /// One passage as a block of text for people.
    static func render(_ passage: Passage) -> String {
        var block = "── \(passage.id)  (lines \(passage.lines[0])–\(passage.lines[1]))\n"
        if !passage.section.isEmpty { block += "section: \(passage.section.joined(separator: " › "))\n" }
        if let programme = passage.programme {
            block += "programme: \(programme.name) (line \(programme.line), \(programme.source.rawValue))\n"
        }
        for amount in passage.amounts {
            var flags = ""
            if let max = amount.yenMax { flags += " (to \(max) yen)" }
            if amount.perUnit { flags += " per-unit" }
            if amount.includedIn { flags += " の内数" }
            if let p = amount.programme, p != passage.programme { flags += " [\(p.name), \(p.source.rawValue)]" }
            block += "amount: \(amount.text) \(amount.role.rawValue) \(amount.fiscalYear ?? "-") = \(amount.yen) yen\(flags)\n"
        }
        block += passage.text + "\n\n"
        return block
    }
}
