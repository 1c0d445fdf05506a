import ArgumentParser
import Foundation
import Kensaku

/// `kensaku`: index, search and serve Japanese budget documents.
@main
struct KensakuCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kensaku",
        abstract: "Full-text search for Japanese documents, with programme and amount context.",
        subcommands: [SearchCommand.self, IndexCommand.self, PassagesCommand.self, InspectCommand.self, VerifyCommand.self, ServeCommand.self, MCPCommand.self]
    )

    /// Runs the command. Every error exits 2 with one line on stderr (grep's convention):
    /// ArgumentParser's usage errors would otherwise exit 64 with a usage screen.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .success || code.rawValue == 1 || error is CleanExit {
                exit(withError: error)
            }
            if code.rawValue == 64 {
                // A usage error: one line, the message only.
                let message = self.message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid usage"
                Console.error("kensaku: \(message) (see kensaku --help)")
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
