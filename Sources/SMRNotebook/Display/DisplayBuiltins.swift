import SMRAgents
import SMRLanguage

/// The display functions every smr session has: `table`, `plot` and
/// `print_sb3_style_log_box`.
public enum DisplayBuiltins {
    /// Register the display functions into `interpreter`.
    public static func register(into interpreter: Interpreter) {
        interpreter.registerBuiltin(table)
        interpreter.registerBuiltin(plot)
        interpreter.registerBuiltin(logBox)
        interpreter.registerBuiltin(RecordBuiltin.record)
    }

    /// `table(rows, headers=None, tablefmt="rounded_outline", floatfmt="g")`.
    public static let table = BuiltinFunction(
        "table",
        doc: """
            Lay out rows as a table, as Python's tabulate does.
            rows: a list of lists, or a list of dicts (use headers="keys"), or a dict of columns.
            headers: a list of column names, "keys" or "firstrow".
            tablefmt: rounded_outline (default), simple_outline, simple, github, grid or plain.
            floatfmt: a format spec for float columns, e.g. ".3f".
            """,
        params: [
            Param("rows", .any, doc: "list of lists, list of dicts, or dict of columns"),
            Param("headers", .any, default: .none, doc: "column names, \"keys\" or \"firstrow\""),
            Param("tablefmt", .str, default: .str("rounded_outline"), doc: "table style"),
            Param("floatfmt", .str, default: .str("g"), doc: "format spec for floats"),
        ]
    ) { args in
        let (rows, headers) = try tableData(args["rows"], args["headers"])
        let fmt = try args.string("tablefmt")
        guard TableFormat.named(fmt) != nil else {
            var msg = "table() got an unknown tablefmt '\(fmt)'; choose one of " + TableFormat.names.joined(separator: ", ")
            if let best = ParameterOverrides.closest(fmt, TableFormat.names) { msg += " (did you mean '\(best)'?)" }
            throw PyError(.valueError, msg)
        }
        let text = try Table.render(rows: rows, headers: headers, format: fmt, floatfmt: try args.string("floatfmt"))
        return .object(TableObject(text: text))
    }

    static func tableData(_ rowsValue: Value, _ headersValue: Value) throws -> ([[TableCell]], [String]?) {
        var headers: [String]?
        var headerMode: String?
        switch headersValue {
        case .none: headers = nil
        case .str(let s) where s == "keys" || s == "firstrow": headerMode = s
        case .str(let s): throw PyError(.valueError, "table() headers must be a list of names, \"keys\" or \"firstrow\", not '\(s)'")
        default: headers = try ValueAccess.elements(headersValue, "table() headers").map { $0.description }
        }
        var rows: [[TableCell]] = []
        if case .dict(let d) = rowsValue {
            // A dict of columns.
            let cols = try d.values.map { try ValueAccess.elements($0, "table() column") }
            let n = cols.map(\.count).max() ?? 0
            rows = (0..<n).map { r in cols.map { r < $0.count ? ValueAccess.cell($0[r]) : .none } }
            if headerMode == "keys" { headers = d.keys.map { $0.description } }
            return (rows, headers)
        }
        let items = try ValueAccess.elements(rowsValue, "table() rows")
        if let first = items.first, case .dict = first {
            var keys: [Value] = []
            for item in items {
                guard case .dict(let d) = item else { throw PyError(.typeError, "table() rows must all be dicts when the first is") }
                for k in d.keys where !keys.contains(where: { $0.description == k.description }) { keys.append(k) }
            }
            for item in items {
                guard case .dict(let d) = item else { continue }
                rows.append(keys.map { k in
                    if let idx = d.keys.firstIndex(where: { $0.description == k.description }) { return ValueAccess.cell(d.values[idx]) }
                    return .none
                })
            }
            if headerMode == "keys" { headers = keys.map { $0.description } }
            return (rows, headers)
        }
        for item in items {
            switch item {
            case .str, .int, .float, .bool, .none:
                throw PyError(.typeError, "table() rows must be lists (or dicts), not \(item.typeName)")
            default:
                rows.append(try ValueAccess.elements(item, "table() row").map(ValueAccess.cell))
            }
        }
        if headerMode == "firstrow", !rows.isEmpty {
            headers = rows.removeFirst().map(Table.plain)
        } else if headerMode == "keys" {
            headers = (0..<(rows.map(\.count).max() ?? 0)).map(String.init)
        }
        return (rows, headers)
    }

    /// `plot(y)`, `plot(x, y)`, `plot({"name": ys, …}, title=, xlabel=, ylabel=)`.
    public static let plot = BuiltinFunction(
        "plot",
        doc: """
            Draw a line chart: Unicode in the terminal, SVG in exports.
            plot(y), plot(x, y), or plot({"name": ys, ...}) for several series.
            """,
        params: [
            Param("x", .any, doc: "y values, x values (with y), or a dict of named series"),
            Param("y", .any, default: .none, doc: "y values when x is given"),
            Param("title", .any, default: .none, doc: "chart title"),
            Param("xlabel", .any, default: .none, doc: "x axis label"),
            Param("ylabel", .any, default: .none, doc: "y axis label"),
        ]
    ) { args in
        var series: [PlotSeries] = []
        let first = args["x"], second = args["y"]
        if case .dict(let d) = first {
            guard second.isNone else { throw PyError(.typeError, "plot() takes a dict of series or x and y, not both") }
            for (k, v) in zip(d.keys, d.values) {
                var xs: [Double]?, ys: [Double]
                if case .tuple(let t) = v, t.items.count == 2 {
                    xs = try ValueAccess.doubles(t.items[0], "plot() x values")
                    ys = try ValueAccess.doubles(t.items[1], "plot() y values")
                } else {
                    ys = try ValueAccess.doubles(v, "plot() series '\(k.description)'")
                }
                series.append(PlotSeries(name: k.description, x: xs ?? ys.indices.map(Double.init), y: ys))
            }
        } else if second.isNone {
            let ys = try ValueAccess.doubles(first, "plot() y values")
            series.append(PlotSeries(name: "", x: ys.indices.map(Double.init), y: ys))
        } else {
            let xs = try ValueAccess.doubles(first, "plot() x values")
            let ys = try ValueAccess.doubles(second, "plot() y values")
            guard xs.count == ys.count else {
                throw PyError(.valueError, "plot() x and y must have the same length, not \(xs.count) and \(ys.count)")
            }
            series.append(PlotSeries(name: "", x: xs, y: ys))
        }
        func label(_ n: String) throws -> String? {
            let v = args[n]
            if v.isNone { return nil }
            return v.description
        }
        let p = Plot(series: series, title: try label("title"), xlabel: try label("xlabel"), ylabel: try label("ylabel"))
        show(p, runtime: args.runtime)
        return .object(p)
    }

    /// Show a self-displaying object now: through the host's display sink if it has
    /// one, else as text on the output.
    public static func show(_ obj: SelfDisplaying, runtime: Runtime) {
        if let sink = runtime.output as? DisplaySink {
            sink.display(obj.displayItem(color: false))
        } else {
            runtime.write(obj.displayItem(color: false).text + "\n")
        }
    }

    /// `print_sb3_style_log_box(stats)` from the reference code: a list of
    /// `{"header": str, "stats": dict}` sections.
    public static let logBox = BuiltinFunction(
        "print_sb3_style_log_box",
        doc: "Print sections of statistics as a Stable-Baselines3 style box.\nstats: a list of {\"header\": name, \"stats\": {label: value}} dicts.",
        params: [Param("stats", .any, doc: "list of {\"header\": str, \"stats\": dict} sections")]
    ) { args in
        var sections: [LogBox.Section] = []
        for s in try ValueAccess.elements(args["stats"], "print_sb3_style_log_box() stats") {
            guard case .dict(let d) = s, let h = d["header"], let st = d["stats"], case .dict(let sd) = st else {
                throw PyError(.typeError, "print_sb3_style_log_box() sections must be dicts with 'header' and 'stats'")
            }
            var stats: [(String, LogValue)] = []
            for (k, v) in zip(sd.keys, sd.values) {
                switch v {
                case .int(let i): stats.append((k.description, .int(i)))
                case .bool(let b): stats.append((k.description, .int(b ? 1 : 0)))
                case .float(let f): stats.append((k.description, .float(f)))
                default: stats.append((k.description, .str(v.description)))
                }
            }
            sections.append(LogBox.Section(header: h.description, stats: stats))
        }
        args.runtime.write(LogBox.reference(sections) + "\n")
        return .none
    }
}
