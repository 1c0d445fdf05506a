import ArgumentParser
import Foundation
import Kensaku
import KensakuCLI

/// `kensaku inspect FILE…`: how well each document was understood, for a user adding a document.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Report how a document was read: year, kind, amounts by role, figures without a programme, tables, repairs.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: "text for people, json (one object per file) for scripts.")
    var format: Format = .text

    @Argument(help: "The documents (UTF-8 text files).")
    var files: [String]

    func run() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for file in files {
            let document: CorpusDocument
            do {
                document = try CorpusReader.read(file: URL(fileURLWithPath: file))
            } catch let error as KensakuError {
                FileHandle.standardError.write(Data("kensaku: \(error.message)\n".utf8))
                throw ExitCode(2)
            }
            let report = PassageSplitter.analyse(document).report
            switch format {
            case .json:
                FileHandle.standardOutput.write(try encoder.encode(report) + Data("\n".utf8))
            case .text:
                FileHandle.standardOutput.write(Data(Self.render(report).utf8))
            }
        }
    }

    /// A report as text for people.
    static func render(_ r: DocumentReport) -> String {
        var out = "\(r.doc)\n"
        out += "  year:      \(r.fiscalYears.isEmpty ? "unknown" : r.fiscalYears.joined(separator: ", "))\n"
        out += "  kind:      \(r.kind?.rawValue ?? "unknown")\n"
        out += "  passages:  \(r.passages) (\(r.passagesWithoutProgramme) without a programme)\n"
        let total = r.amountsByRole.values.reduce(0, +)
        let roles = r.amountsByRole.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        out += "  amounts:   \(total)\(roles.isEmpty ? "" : " (\(roles))")\n"
        out += "  tables:    \(r.tables)\n"
        out += "  without a programme: \(r.amountsWithoutProgramme.count)\n"
        for line in r.amountsWithoutProgramme.prefix(20) { out += "    \(line)\n" }
        if r.amountsWithoutProgramme.count > 20 { out += "    … \(r.amountsWithoutProgramme.count - 20) more\n" }
        out += "  repaired numbers: \(r.repairedNumbers.count)\n"
        for line in r.repairedNumbers { out += "    \(line)\n" }
        return out
    }
}
