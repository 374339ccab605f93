import ArgumentParser

/// The `smr` command: REPL and notebook runner for memory-augmented RL.
@main
struct SMRCommand: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "smr",
        abstract: "Learn and explore memory-augmented reinforcement learning.",
        discussion: """
            smr interprets .smrnb notebooks (jupytext percent cells in a small
            Python-flavoured language) that build environments, memories and policies,
            train them, and print log boxes, tables and plots.
            """,
        version: version
    )

    func run() throws {
        print("smr \(Self.version) — the interactive REPL and notebook commands are not built yet; see `smr --help`.")
    }
}
