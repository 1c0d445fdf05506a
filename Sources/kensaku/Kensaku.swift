import ArgumentParser
import Kensaku

/// `kensaku`: index, search and serve Japanese budget documents.
@main
struct KensakuCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kensaku",
        abstract: "Full-text search for Japanese documents, with programme and amount context.",
        subcommands: [SearchCommand.self, IndexCommand.self, PassagesCommand.self, VerifyCommand.self, ServeCommand.self, MCPCommand.self]
    )
}
