import ArgumentParser
import Foundation
import Kensaku
import KensakuMCP

/// `kensaku mcp`: a Model Context Protocol server on stdio.
struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mcp", abstract: "Run an MCP server on stdio (tools: search, get_passage).")
    func run() async throws {}
}
