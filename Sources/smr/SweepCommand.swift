import ArgumentParser
import Foundation
import SMRNotebook

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a notebook over a grid of parameter values in worker processes, and collect the records.",
        discussion: """
            Each cell of the cross product of the --param lists is one
            `smr run NOTEBOOK --param …`, its output in DIR/runs/ID/output.log and its
            JSON record (parameters, exit status, seconds, the values the notebook
            passed to record(name, value)) in DIR/runs/ID/record.json. Running the same
            sweep again skips the runs that succeeded. At the end (or with --collect
            DIR) the records are grouped by the swept parameters but the seed, each
            recorded number shown as mean ± std over the seeds, and written to
            DIR/results.csv, DIR/results.json and DIR/summary.txt.

            --grid FILE gives the grid as JSON instead (or as well: its cells are
            crossed with the --param lists), in one of two shapes: an object of
            parameter → list of values, crossed as --param does,
              {"lr": [0.001, 0.01], "seed": [0, 1, 2]}
            or a list of settings, each one run as it stands,
              [{"lr": 0.001, "batch": 32}, {"lr": 0.01, "batch": 64}]
            Values are JSON numbers (an int unless written with '.' or an
            exponent), strings, true/false, null (None) and lists of them.

            With --slurm the runs go to Slurm as one sbatch job array (script in
            DIR/slurm/sweep.sbatch, task logs beside it), followed with squeue until
            done.

            Examples:
              smr sweep nb.smrnb --param lr=0.001,0.01 --param seed=0,1,2 --workers 2
              smr sweep nb.smrnb --grid settings.json --param seed=0,1,2,3,4
            """
    )

    @Argument(help: "The .smrnb notebook (not with --collect).")
    var notebook: String?

    @Option(name: .customLong("param"), help: ArgumentHelp("A parameter and its values (repeatable); commas inside [..] or quotes do not split.", valueName: "NAME=V1,V2,…"))
    var params: [String] = []

    @Option(name: .long, help: ArgumentHelp("A JSON grid: {\"NAME\": [V1, V2, …], …} (crossed) or a list of settings [{\"NAME\": V, …}, …].", valueName: "FILE"))
    var grid: String?

    @Option(name: .long, help: ArgumentHelp("Runs at once, each a single-threaded process (default: the core count).", valueName: "N"))
    var workers: Int?

    @Option(name: .long, help: ArgumentHelp("The sweep folder (default: NOTEBOOK-sweep).", valueName: "DIR"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp("Only collect the records of the sweep folder DIR.", valueName: "DIR"))
    var collect: String?

    @Option(name: .customLong("seed-param"), help: ArgumentHelp("The parameter averaged over in the table (default: one named seed, any case).", valueName: "NAME"))
    var seedParam: String?

    @Flag(name: .long, help: "Submit the runs to Slurm as one sbatch job array (DIR must be shared by the nodes) instead of running them here.")
    var slurm = false

    @Option(name: .long, help: ArgumentHelp("With --slurm: the partition.", valueName: "NAME"))
    var partition: String?

    @Option(name: .long, help: ArgumentHelp("With --slurm: each task's time limit, as sbatch --time takes it.", valueName: "TIME"))
    var time: String?

    @Option(name: .customLong("cpus-per-task"), help: ArgumentHelp("With --slurm: CPUs per task (default 1).", valueName: "N"))
    var cpusPerTask: Int = 1

    @Option(name: .customLong("array-limit"), help: ArgumentHelp("With --slurm: at most N tasks at once (sbatch --array=…%N).", valueName: "N"))
    var arrayLimit: Int?

    @Flag(name: .customLong("no-wait"), help: "With --slurm: return once the job is submitted (collect later with --collect DIR).")
    var noWait = false

    @Option(name: .long, help: .hidden)
    var task: Int?

    func validate() throws {
        if !slurm && (partition != nil || time != nil || cpusPerTask != 1 || arrayLimit != nil || noWait) {
            throw ValidationError("--partition, --time, --cpus-per-task, --array-limit and --no-wait go with --slurm")
        }
        if cpusPerTask < 1 { throw ValidationError("--cpus-per-task \(cpusPerTask): give at least 1") }
        if let l = arrayLimit, l < 1 { throw ValidationError("--array-limit \(l): give at least 1") }
        if collect != nil {
            guard notebook == nil, params.isEmpty, grid == nil else { throw ValidationError("--collect DIR takes no notebook, --param or --grid") }
        } else if notebook == nil {
            throw ValidationError("give a NOTEBOOK and --param NAME=V1,V2,… (or --grid FILE), or --collect DIR")
        }
    }

    func run() throws {
        if let dir = collect { throw ExitCode(SweepCommands.collect(dir: dir, seedParam: seedParam)) }
        var s: SweepSlurm?
        if slurm {
            var c = SweepSlurm()
            c.partition = partition; c.time = time; c.cpusPerTask = cpusPerTask; c.arrayLimit = arrayLimit; c.noWait = noWait
            s = c
        }
        throw ExitCode(SweepCommands.sweep(notebook: notebook ?? "", params: params, grid: grid, workers: workers, out: out,
                                           seedParam: seedParam, slurm: s, task: task))
    }
}
