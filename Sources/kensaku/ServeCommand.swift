import ArgumentParser
import Foundation
import Kensaku
import KensakuServer

/// `kensaku serve`: the HTTP JSON API and the search page.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve the HTTP API and the search page.")
    func run() async throws {}
}
