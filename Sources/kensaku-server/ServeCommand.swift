import ArgumentParser
import Foundation
import Kensaku
import KensakuCLI
import KensakuServer

/// `kensaku serve`: the HTTP JSON API and the search page.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP API and the search page.",
        discussion: """
        Builds the index first when it is missing or stale. Listens on loopback unless --host says \
        otherwise; SIGINT or SIGTERM stop it gracefully (requests in flight are answered). \
        One line per request on stderr. The API is described at /openapi.yaml.
        """
    )

    @OptionGroup var location: IndexLocation

    @Option(help: "The address to listen on (0.0.0.0 for every interface).")
    var host: String = "127.0.0.1"

    @Option(help: "The TCP port (0 picks a free one).")
    var port: Int = 8080

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port must be from 0 to 65535") }
    }

    func run() async throws {
        let index = try Console.run { try location.open() }
        let configuration = ServerConfiguration(host: host, port: port)
        let host = self.host
        let app = buildApplication(index: index, configuration: configuration) { port in
            let shown = host.contains(":") ? "[\(host)]" : host
            Console.error("kensaku: serving \(index.passageCount) passages on http://\(shown):\(port)/ (Ctrl-C to stop)")
        }
        do {
            try await app.runService()
        } catch {
            Console.error("kensaku: cannot serve on \(host):\(port): \(error)")
            throw ExitCode(2)
        }
        Console.error("kensaku: stopped")
    }
}
