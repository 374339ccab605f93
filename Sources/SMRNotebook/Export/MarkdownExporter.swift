/// Writes a run notebook as Markdown: markdown cells as they are, code in ```python
/// fences, each cell's outputs in a plain fence below it.
public enum MarkdownExporter {
    public static func export(_ notebook: Notebook, _ summary: RunSummary) -> String {
        var parts: [String] = []
        for run in summary.runs {
            let c = run.cell
            switch c.kind {
            case .markdown: parts.append(c.source)
            case .raw: parts.append(fence(c.source, info: ""))
            case .code:
                var block = ""
                if run.isInjected { block += "*Injected parameters:*\n\n" }
                block += fence(c.source, info: "python")
                let out = OutputText.plain(run.outputs)
                if !out.isEmpty { block += "\n\n" + fence(out, info: "text") }
                parts.append(block)
            }
        }
        return parts.joined(separator: "\n\n") + "\n"
    }

    /// A fence long enough not to be closed by backticks inside the text.
    static func fence(_ text: String, info: String) -> String {
        var n = 3
        var run = 0
        for ch in text { if ch == "`" { run += 1; n = max(n, run + 1) } else { run = 0 } }
        let f = String(repeating: "`", count: n)
        return f + info + "\n" + text + (text.hasSuffix("\n") || text.isEmpty ? "" : "\n") + f
    }
}

/// The plain-text form of a cell's outputs (what `smr run` prints).
enum OutputText {
    static func plain(_ outputs: [CellOutput]) -> String {
        var s = ""
        for o in outputs {
            switch o {
            case .stream(let t): s += t
            case .display(let item): s += item.text + "\n"
            case .result(let t, _): s += t + "\n"
            case .error(let e): s += e.formatted() + "\n"
            }
        }
        if s.hasSuffix("\n") { s.removeLast() }
        return s
    }
}
