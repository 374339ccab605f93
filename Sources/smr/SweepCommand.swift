import ArgumentParser
import Foundation
import SMRNotebook

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a notebook over a grid of parameter values in worker processes, and collect the records.",
        discussion: """
            Each cell of the cross product of the --param lists is one `smr run NOTEBOOK
            --param …`, its output in DIR/runs/ID/output.log and its JSON record (parameters,
            exit status, seconds, the values the notebook passed to record(name, value)) in
            DIR/runs/ID/record.json. Running the same sweep again skips the runs that
            succeeded. At the end (or with --collect DIR) the records are grouped by the
            swept parameters but the seed, each recorded number shown as mean ± std over
            the seeds, and written to DIR/results.csv, DIR/results.json and DIR/summary.txt.

            Example: smr sweep nb.smrnb --param lr=0.001,0.01 --param seed=0,1,2 --workers 2
            """
    )

    @Argument(help: "The .smrnb notebook (not with --collect).")
    var notebook: String?

    @Option(name: .customLong("param"), help: ArgumentHelp("A parameter and its values (repeatable); commas inside [..] or quotes do not split.", valueName: "NAME=V1,V2,…"))
    var params: [String] = []

    @Option(name: .long, help: ArgumentHelp("Runs at once, each a single-threaded process (default: the core count).", valueName: "N"))
    var workers: Int?

    @Option(name: .long, help: ArgumentHelp("The sweep folder (default: NOTEBOOK-sweep).", valueName: "DIR"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp("Only collect the records of the sweep folder DIR.", valueName: "DIR"))
    var collect: String?

    @Option(name: .customLong("seed-param"), help: ArgumentHelp("The parameter averaged over in the table (default: one named seed, any case).", valueName: "NAME"))
    var seedParam: String?

    func validate() throws {
        if collect != nil {
            guard notebook == nil, params.isEmpty else { throw ValidationError("--collect DIR takes no notebook and no --param") }
        } else if notebook == nil {
            throw ValidationError("give a NOTEBOOK and --param NAME=V1,V2,…, or --collect DIR")
        }
    }

    func run() throws {
        if let dir = collect { throw ExitCode(SweepCommands.collect(dir: dir, seedParam: seedParam)) }
        throw ExitCode(SweepCommands.sweep(notebook: notebook ?? "", params: params, workers: workers, out: out, seedParam: seedParam))
    }
}
