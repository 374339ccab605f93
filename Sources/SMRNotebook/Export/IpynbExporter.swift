import SMRLanguage

/// Writes a run notebook as Jupyter nbformat 4.5 JSON: markdown and code cells with
/// `execution_count`, stream / execute_result / display_data / error outputs, and plots
/// as `image/svg+xml`. Injected `--param` values become a cell tagged
/// `injected-parameters`, as papermill does.
public enum IpynbExporter {
    public static func export(_ notebook: Notebook, _ summary: RunSummary) -> String {
        document(notebook, summary).serialized()
    }

    public static func document(_ notebook: Notebook, _ summary: RunSummary) -> JSONValue {
        var cells: [JSONValue] = []
        for (k, run) in summary.runs.enumerated() {
            cells.append(cell(run, id: run.isInjected ? "injected-\(k + 1)" : "cell-\(k + 1)"))
        }
        let metadata: JSONValue = .object([
            ("kernelspec", .object([("display_name", .string("smr")), ("language", .string("python")), ("name", .string("smr"))])),
            ("language_info", .object([("name", .string("python")), ("file_extension", .string(".smrnb")),
                                       ("codemirror_mode", .object([("name", .string("ipython")), ("version", .int(3))]))])),
        ])
        return .object([("cells", .array(cells)), ("metadata", metadata), ("nbformat", .int(4)), ("nbformat_minor", .int(5))])
    }

    static func cell(_ run: CellRun, id: String) -> JSONValue {
        let c = run.cell
        var meta: [(String, JSONValue)] = []
        if !c.tags.isEmpty { meta.append(("tags", .array(c.tags.map { .string($0) }))) }
        if let t = c.title, !run.isInjected { meta.append(("title", .string(t))) }
        switch c.kind {
        case .markdown, .raw:
            return .object([("cell_type", .string(c.kind == .raw ? "raw" : "markdown")), ("id", .string(id)),
                            ("metadata", .object(meta)), ("source", JSONValue.lines(c.source))])
        case .code:
            let outputs = run.outputs.compactMap { output($0, count: run.executionCount) }
            return .object([("cell_type", .string("code")), ("execution_count", run.executionCount.map { .int($0) } ?? .null),
                            ("id", .string(id)), ("metadata", .object(meta)), ("outputs", .array(outputs)),
                            ("source", JSONValue.lines(c.source))])
        }
    }

    static func data(text: String, item: DisplayItem?) -> JSONValue {
        var d: [(String, JSONValue)] = [("text/plain", JSONValue.lines(text))]
        if let svg = item?.svg { d.append(("image/svg+xml", JSONValue.lines(svg))) }
        return .object(d)
    }

    static func output(_ o: CellOutput, count: Int?) -> JSONValue? {
        switch o {
        case .stream(let s):
            guard !s.isEmpty else { return nil }
            return .object([("name", .string("stdout")), ("output_type", .string("stream")), ("text", JSONValue.lines(s))])
        case .display(let item):
            return .object([("data", data(text: item.text, item: item)), ("metadata", .object([])), ("output_type", .string("display_data"))])
        case .result(let text, let item):
            return .object([("data", data(text: text, item: item)), ("execution_count", count.map { .int($0) } ?? .null),
                            ("metadata", .object([])), ("output_type", .string("execute_result"))])
        case .error(let e):
            return .object([("ename", .string(e.kind.name)), ("evalue", .string(e.message)), ("output_type", .string("error")),
                            ("traceback", .array(e.formatted().split(separator: "\n", omittingEmptySubsequences: false).map { .string(String($0)) }))])
        }
    }
}
