import Foundation
import SMRLanguage
#if canImport(Glibc)
import Glibc
#endif

/// The interactive session behind `smr` with no arguments.
///
/// On a terminal: readline prompts `>>> ` and `... `, history, completion, `:commands`.
/// With piped input: statements are read from stdin without prompts, grouped into
/// blocks the same way, and the exit status is 1 if any statement failed.
public final class REPL {
    let interpreter: Interpreter
    let sink = ConsoleSink()
    let reader: LineReader
    let interactive: Bool
    var inputCount = 0
    var hadError = false
    let version: String

    public static let primaryPrompt = ">>> "
    public static let continuationPrompt = "... "

    init(version: String, interactive: Bool, reader: LineReader?) {
        self.version = version
        self.interactive = interactive
        interpreter = Session.makeInterpreter(output: sink)
        let completer = Completer(interpreter: interpreter)
        self.reader = reader ?? (interactive
            ? ReadlineReader(historyPath: ReadlineReader.defaultHistoryPath(), completer: completer)
            : PipeLineReader())
    }

    /// Run the REPL on the process's terminal or piped stdin; returns the exit status.
    public static func main(version: String, allowRead: [String] = [], allowWrite: [String] = []) -> Int32 {
        FileAccessPolicy.install(notebook: nil, allowRead: allowRead, allowWrite: allowWrite)
        HostInstallation.install()
        let repl = REPL(version: version, interactive: isatty(0) == 1, reader: nil)
        InterruptHandler.install()
        return repl.loop()
    }

    func loop() -> Int32 {
        if interactive {
            Console.out("smr \(version) — Python-flavoured notebooks for memory-augmented RL. :help for help, Ctrl-D to exit.\n")
        }
        var acc = InputAccumulator()
        session: while true {
            let prompt = acc.isEmpty ? REPL.primaryPrompt : REPL.continuationPrompt
            let indent = acc.nextIndent
            switch reader.read(prompt: prompt, indent: indent) {
            case .eof:
                if !acc.isEmpty { execute(acc.source) }
                break session
            case .interrupted:
                acc.reset()
            case .line(let line):
                if acc.isEmpty, line.drop(while: { $0 == " " }).hasPrefix(":") {
                    if !command(line.trimmingWhitespace()) { break session }
                    continue
                }
                if acc.isEmpty, let target = REPL.helpTarget(line) {
                    showHelp(target.expression, source: target.source)
                    continue
                }
                var line = line
                // A paste at a continuation prompt brings its own indentation: drop the
                // pre-filled one from its first line so it is not doubled.
                if line.contains("\n"), !indent.isEmpty, line.hasPrefix(indent + " ") || line.hasPrefix(indent + "\t") {
                    line = String(line.dropFirst(indent.count))
                }
                if acc.add(line) {
                    let src = acc.source
                    acc.reset()
                    execute(src)
                }
            }
        }
        reader.close()
        return interactive ? 0 : (hadError ? 1 : 0)
    }

    /// Run one input and show its value; errors are printed, never fatal.
    func execute(_ source: String) {
        inputCount += 1
        rememberDefinitions(source)
        sink.displayed = []
        sink.atLineStart = true
        InterruptHandler.takePending()
        do {
            if let v = try interpreter.run(source: source, fileName: "<stdin>") {
                if let out = NotebookRunner.resultOutput(v, alreadyShown: sink.displayed) {
                    if !sink.atLineStart { Console.out("\n") }
                    switch out {
                    case .result(let text, let item):
                        rememberOutput(v)
                        let shown = sink.color ? ((item?.object as? SelfDisplaying)?.displayItem(color: true).text ?? text) : text
                        Console.out(shown + "\n")
                    default: break
                    }
                }
            }
        } catch let e as PyError {
            hadError = true
            // The terminal echoed ^C without ending the line.
            if !sink.atLineStart || (interactive && e.kind == .keyboardInterrupt) { Console.out("\n") }
            Console.err(e.formatted() + "\n")
        } catch {
            hadError = true
            Console.err("RuntimeError: \(error)\n")
        }
        InterruptHandler.takePending()
    }

    // MARK: IPython conveniences

    /// Sources of the functions and classes defined in this session, for `obj??`.
    var definitions: [String: String] = [:]

    /// `_`, `__`, `___`: the last three displayed values, as IPython keeps them.
    func rememberOutput(_ v: Value) {
        interpreter[global: "___"] = interpreter[global: "__"]
        interpreter[global: "__"] = interpreter[global: "_"]
        interpreter[global: "_"] = v
    }

    func rememberDefinitions(_ source: String) {
        for line in source.split(separator: "\n") {
            for keyword in ["def ", "class "] where line.hasPrefix(keyword) {
                let name = line.dropFirst(keyword.count).prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                if !name.isEmpty { definitions[String(name)] = source }
            }
        }
    }

    /// `obj?` → help(obj); `obj??` also shows the source of a session definition.
    static func helpTarget(_ line: String) -> (expression: String, source: Bool)? {
        let t = line.trimmingWhitespace()
        guard t.hasSuffix("?"), !t.hasPrefix("#") else { return nil }
        let source = t.hasSuffix("??")
        let expr = String(t.dropLast(source ? 2 : 1)).trimmingWhitespace()
        guard !expr.isEmpty, expr.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) else { return nil }
        return (expr, source)
    }

    func showHelp(_ expression: String, source: Bool) {
        execute("help(\(expression))")
        if source, let text = definitions[expression.split(separator: ".").last.map(String.init) ?? expression] {
            Console.out("Source:\n" + text + (text.hasSuffix("\n") ? "" : "\n"))
        }
    }

    /// `:paste`: lines until `--`, run as one input, without auto-indent.
    func pasteCommand() {
        var lines: [String] = []
        while true {
            switch reader.read(prompt: "") {
            case .line(let l) where l.trimmingWhitespace() == "--":
                if !lines.isEmpty { execute(lines.joined(separator: "\n")) }
                return
            case .line(let l): lines.append(l)
            case .interrupted: return
            case .eof:
                if !lines.isEmpty { execute(lines.joined(separator: "\n")) }
                return
            }
        }
    }

    /// `:time STATEMENT` and `:timeit STATEMENT`.
    func timeCommand(_ statement: String, repeatedly: Bool) {
        let usage = repeatedly ? "usage: :timeit [-n LOOPS] [-r RUNS] STATEMENT\n" : "usage: :time STATEMENT\n"
        guard !statement.isEmpty else {
            Console.err(usage)
            hadError = true
            return
        }
        guard repeatedly else {
            Console.out(REPLTiming.time { execute(statement) })
            return
        }
        let options: REPLTiming.TimeitOptions
        switch REPLTiming.TimeitOptions.parse(statement) {
        case .success(let o) where !o.statement.isEmpty: options = o
        case .success: Console.err(usage); hadError = true; return
        case .failure(let usage): Console.err("UsageError: \(usage.message)\n"); hadError = true; return
        }
        // As IPython: the statement runs inside a function, with the session's globals.
        let name = "__smr_timeit__"
        let body = options.statement.split(separator: "\n").map { "        " + $0 }.joined(separator: "\n")
        do {
            _ = try interpreter.run(source: "def \(name)(_n):\n    for _i in range(_n):\n\(body)\n", fileName: "<timeit>")
            defer { interpreter[global: name] = nil }
            guard let fn = interpreter[global: name] else { return }
            InterruptHandler.takePending()
            let text = try REPLTiming.timeit(options) { n in
                let t0 = REPLTiming.now()
                _ = try interpreter.call(fn, [.int(n)])
                return REPLTiming.now() - t0
            }
            Console.out(text)
        } catch let e as PyError {
            hadError = true
            // The terminal echoed ^C without ending the line.
            if interactive && e.kind == .keyboardInterrupt { Console.out("\n") }
            Console.err(e.formatted() + "\n")
        } catch {
            hadError = true
            Console.err("RuntimeError: \(error)\n")
        }
        InterruptHandler.takePending()
    }

    // MARK: commands

    static let helpText = """
        smr REPL — type statements as in Python; a line ending in ':' opens a block (the next
        lines start indented) that an empty or indentation-only line closes. The value of an
        expression is shown. A pasted cell runs as one input.

          :help          this text (help(x) documents a function, class or value)
          :vars          the variables of the session
          :load FILE     run a notebook's (or script's) code cells quietly, keeping its names
          :run FILE      run a notebook here, showing each cell's outputs
          :paste         read lines as typed or pasted, blank lines included, until a line
                         with only --; then run them as one input (where a terminal lacks
                         bracketed paste, which is otherwise taken as one input)
          :time STMT     run a statement once: CPU and wall time
          :timeit STMT   time a statement over many loops (IPython's calibration; -n LOOPS, -r RUNS)
          :reset         forget every variable
          :quit          leave (also Ctrl-D)

        obj? shows help(obj); obj?? also the source of a function or class defined here.
        _ is the last shown value (__ and ___ the ones before).
        Tab completes names, attributes (env.<Tab>) and keyword arguments (f(<Tab>).
        Ctrl-C stops running code at the next step, or clears the line at the prompt.
        """

    /// Handle a `:command`; false means quit.
    func command(_ text: String) -> Bool {
        let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
        let name = parts.first ?? ""
        let arg = parts.count > 1 ? parts[1].trimmingWhitespace() : ""
        switch name {
        case ":help", ":h", ":?": Console.out(REPL.helpText + "\n")
        case ":vars": showVariables()
        case ":load": runFile(arg, quiet: true)
        case ":run": runFile(arg, quiet: false)
        case ":paste": pasteCommand()
        case ":time": timeCommand(arg, repeatedly: false)
        case ":timeit": timeCommand(arg, repeatedly: true)
        case ":reset":
            interpreter.reset()
            Console.out("session reset: all variables forgotten\n")
        case ":quit", ":q", ":exit": return false
        default:
            let known = Completer.commands
            var msg = "unknown command \(name)"
            if let best = ParameterOverrides.closest(name, known) { msg += " (did you mean \(best)?)" }
            Console.err(msg + "; :help lists the commands\n")
            hadError = true
        }
        return true
    }

    func showVariables() {
        let vars = interpreter.variables()
        guard !vars.isEmpty else { Console.out("no variables\n"); return }
        let rows: [[TableCell]] = vars.map { v in
            // One line: a multi-line repr (an n-d array) loses its line breaks and their indentation.
            let r = v.repr.split(separator: "\n").map { String($0.drop(while: { $0 == " " })) }.joined(separator: " ")
            return [.str(v.name), .str(v.type), .str(r.count > 60 ? String(r.prefix(57)) + "..." : r)]
        }
        let text = (try? Table.render(rows: rows, headers: ["name", "type", "value"], format: "simple", numparse: false)) ?? ""
        Console.out(text + "\n")
    }

    func runFile(_ path: String, quiet: Bool) {
        guard !path.isEmpty else {
            Console.err("usage: \(quiet ? ":load" : ":run") FILE\n")
            hadError = true
            return
        }
        let expanded = path.hasPrefix("~/") ? (ProcessInfo.processInfo.environment["HOME"] ?? "") + path.dropFirst() : path
        do {
            let nb = try Notebook.load(path: expanded)
            let folder = URL(fileURLWithPath: expanded).deletingLastPathComponent().path
            FileAccessPolicy.writing.allow(folder)
            FileAccessPolicy.reading.allow(folder)
            let before = Set(interpreter.globalNames)
            let observer: RunObserver = quiet ? ErrorEchoObserver() : ConsoleRunPrinter()
            let runner = try NotebookRunner(notebook: nb, options: RunOptions(), observer: observer, interpreter: interpreter)
            let summary = runner.run()
            if summary.failed { hadError = true }
            if quiet {
                let ran = summary.runs.filter { $0.executionCount != nil }.count
                let new = interpreter.globalNames.filter { !before.contains($0) }
                var msg = "loaded \(ran) cell\(ran == 1 ? "" : "s") from \(path)"
                if !new.isEmpty { msg += "; new names: " + new.joined(separator: ", ") }
                Console.out(msg + (summary.failed ? " (stopped at an error)" : "") + "\n")
            }
        } catch {
            Console.err("\(error)\n")
            hadError = true
        }
    }
}
