import ArgumentParser
import Foundation
import KensakuCLI

/// `kensaku serve …` and `kensaku mcp …` hand over to `kensaku-server serve …` / `kensaku-server
/// mcp …`, the executable next to this one: the HTTP and MCP servers' libraries (NIO,
/// Hummingbird, the MCP SDK, FoundationNetworking) stay out of every lookup's process.
enum ServerExecutable {
    /// The name of the server executable, looked for in this executable's folder.
    static let name = "kensaku-server"

    /// Replaces this process with `kensaku-server subcommand arguments…`; returns only by throwing
    /// (exit 2, with a note naming what is missing).
    static func exec(_ subcommand: String, _ arguments: [String]) throws -> Never {
        let own = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? Bundle.main.executablePath ?? CommandLine.arguments[0]
        let path = URL(fileURLWithPath: own).deletingLastPathComponent().appendingPathComponent(name).path
        let argv = [path, subcommand] + arguments
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) }
        cArgs.append(nil)
        execv(path, &cArgs)
        let reason = String(cString: strerror(errno))
        Console.error("kensaku: cannot run \(path) (\(reason)); build it with `swift build --product \(name)` (`-c release` for a release build)")
        Foundation.exit(2)
    }
}

/// `kensaku serve`: the HTTP JSON API and the search page (see `kensaku-server serve --help`).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP API and the search page (runs kensaku-server serve).",
        discussion: "Options: [--index Index] [--corpus Corpus] [--host 127.0.0.1] [--port 8080]; see kensaku-server serve --help."
    )

    @Argument(parsing: .allUnrecognized, help: "Passed on to kensaku-server serve.")
    var arguments: [String] = []

    func run() throws { try ServerExecutable.exec("serve", arguments) }
}

/// `kensaku mcp`: the Model Context Protocol server on stdio (see `kensaku-server mcp --help`).
struct MCPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Run an MCP server on stdio (runs kensaku-server mcp; tools: search, get_passage).",
        discussion: "Options: [--index Index] [--corpus Corpus]; see kensaku-server mcp --help."
    )

    @Argument(parsing: .allUnrecognized, help: "Passed on to kensaku-server mcp.")
    var arguments: [String] = []

    func run() throws { try ServerExecutable.exec("mcp", arguments) }
}
