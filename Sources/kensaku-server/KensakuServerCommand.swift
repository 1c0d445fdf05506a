import ArgumentParser
import KensakuCLI

/// `kensaku-server`: the HTTP JSON API with its page (`serve`) and the MCP server (`mcp`).
/// `kensaku serve` and `kensaku mcp` run this executable.
@main
struct KensakuServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kensaku-server",
        abstract: "Kensaku's servers: the HTTP API and search page, and MCP on stdio.",
        subcommands: [ServeCommand.self, MCPCommand.self]
    )

    /// Runs the command. Every error exits 2 with one line on stderr.
    static func main() async { await CommandRunner.main(Self.self) }
}
