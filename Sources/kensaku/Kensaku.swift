import ArgumentParser
import Foundation
import Kensaku
import KensakuCLI

/// `kensaku`: index, search and inspect Japanese budget documents. `serve` and `mcp` run the
/// separate `kensaku-server` executable, so that a lookup never loads the server's libraries
/// (README, "A lean start for scripts").
@main
struct KensakuCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kensaku",
        abstract: "Full-text search for Japanese documents, with programme and amount context.",
        subcommands: [SearchCommand.self, IndexCommand.self, PassagesCommand.self, InspectCommand.self, VerifyCommand.self, ServeCommand.self, MCPCommand.self]
    )

    /// Runs the command. Every error exits 2 with one line on stderr (grep's convention).
    static func main() async { await CommandRunner.main(Self.self) }
}
