import ArgumentParser
import Foundation
import SMRLibrary
import SMRNotebook

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
            train them, and print log boxes, tables and plots. Without a subcommand it
            starts the interactive REPL.

            Exit status: 0 success, 1 a cell failed (or syntax errors were found),
            2 usage errors, 130 interrupted.
            """,
        version: version,
        subcommands: [REPLCommand.self, RunCommand.self, CheckCommand.self, ExportCommand.self, SweepCommand.self, WorkerCommand.self],
        defaultSubcommand: REPLCommand.self
    )

    /// Parse, run, and map argument errors to exit status 2.
    static func main() {
        // Every interpreter (run, export, REPL) gets the library: gymnasium, torch, agents, …
        Session.libraryRegistrations.append { Library.install(into: $0) }
        // Independent runs (benchmark seeds) go to `smr __worker` processes.
        Library.registerWorkerTasks()
        WorkerProcessPool.executable = FileManager.default.fileExists(atPath: "/proc/self/exe")
            ? (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
            : CommandLine.arguments[0]
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Options shared by `run` and `export`.
struct RunOptionGroup: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Cells to run: numbers and ranges, e.g. 2-5 or 1,3,7-9 (cells are numbered from 1 in file order, markdown cells included).", valueName: "LIST"))
    var cells: String?

    @Option(name: .customLong("param"), help: ArgumentHelp("Override an assignment of the parameters cell, as papermill does (repeatable). VALUE is a literal: 3, 0.5, 'text', True, None, [1, 2].", valueName: "NAME=VALUE"))
    var params: [String] = []

    @Flag(name: .long, help: "Run the remaining cells after a failing cell.")
    var keepGoing = false

    @Option(name: .customLong("allow-read"), help: ArgumentHelp("Also let the notebook read files below DIR (repeatable). By default it reads only below its own folder and the working directory.", valueName: "DIR"))
    var allowRead: [String] = []

    @Option(name: .customLong("allow-write"), help: ArgumentHelp("Also let the notebook write (and read) files below DIR (repeatable). By default it writes only below its own folder and the working directory.", valueName: "DIR"))
    var allowWrite: [String] = []
}

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Replay a notebook cell by cell, printing each cell's outputs.",
        discussion: "Stops at the first failing cell (exit status 1) unless --keep-going is given; Ctrl-C stops with status 130."
    )

    @Argument(help: "The .smrnb notebook (any script without cell markers is one cell).")
    var notebook: String

    @OptionGroup var options: RunOptionGroup

    func run() throws {
        let status = NotebookCommands.run(path: notebook, cells: options.cells, params: options.params,
                                          keepGoing: options.keepGoing, allowRead: options.allowRead, allowWrite: options.allowWrite)
        throw ExitCode(status)
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Parse every cell and report every syntax error, without running anything.",
        discussion: "Exit status 1 if any syntax error was found."
    )

    @Argument(help: "The .smrnb notebook.")
    var notebook: String

    func run() throws {
        throw ExitCode(NotebookCommands.check(path: notebook))
    }
}

extension NotebookCommands.Format: ExpressibleByArgument {}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Run a notebook and write it with its outputs as ipynb, Markdown or HTML.",
        discussion: """
            ipynb is Jupyter's nbformat 4; HTML is one self-contained page (plots as inline
            SVG). The file is written even when a cell fails (exit status 1).
            """
    )

    @Argument(help: "The .smrnb notebook.")
    var notebook: String

    @Option(name: .long, help: "Output format: ipynb, md or html.")
    var to: NotebookCommands.Format

    @Option(name: [.short, .long], help: ArgumentHelp("Output file (default: the notebook's name with the format's extension; - for standard output).", valueName: "OUT"))
    var output: String?

    @OptionGroup var options: RunOptionGroup

    func run() throws {
        let status = NotebookCommands.export(path: notebook, to: to, output: output, cells: options.cells, params: options.params,
                                             keepGoing: options.keepGoing, allowRead: options.allowRead, allowWrite: options.allowWrite)
        throw ExitCode(status)
    }
}

struct REPLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "The interactive REPL (the default when smr is run without a subcommand).",
        discussion: """
            GNU readline editing, history kept in $XDG_DATA_HOME/smr/history, Tab completion
            of names, attributes and keyword arguments. Commands: :help, :vars, :load FILE,
            :run FILE, :reset, :quit. Ctrl-C stops running code; Ctrl-D exits. With standard
            input not a terminal, statements are read from it without prompts.
            """
    )

    @Option(name: .customLong("allow-read"), help: ArgumentHelp("Also let code read files below DIR (repeatable).", valueName: "DIR"))
    var allowRead: [String] = []

    @Option(name: .customLong("allow-write"), help: ArgumentHelp("Also let code write (and read) files below DIR (repeatable).", valueName: "DIR"))
    var allowWrite: [String] = []

    func run() throws {
        throw ExitCode(REPL.main(version: SMRCommand.version, allowRead: allowRead, allowWrite: allowWrite))
    }
}
