import ArgumentParser
import Foundation
import Kensaku
import KensakuCLI
import KensakuMCP

/// `kensaku mcp`: a Model Context Protocol server on stdio.
///
/// Standard output is the protocol (newline-delimited JSON-RPC): every note, such as building a
/// missing or stale index, goes to standard error.
struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Run an MCP server on stdio (tools: search, get_passage).",
        discussion: """
        Speaks the Model Context Protocol as newline-delimited JSON-RPC on standard input and \
        output until standard input closes. A missing or stale index is built first (notes on \
        standard error).
        """
    )

    @OptionGroup var location: IndexLocation

    func run() async throws {
        let index = try Console.run { try location.open() }
        try await runMCPServer(index: index)
    }
}
