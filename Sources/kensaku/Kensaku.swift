import ArgumentParser
import Kensaku

@main
struct KensakuCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kensaku")
}
