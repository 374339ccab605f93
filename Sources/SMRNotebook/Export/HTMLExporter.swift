/// Writes a run notebook as one self-contained HTML page: inline CSS, no scripts, no
/// external resources; plots as inline SVG.
public enum HTMLExporter {
    public static func export(_ notebook: Notebook, _ summary: RunSummary, title: String? = nil) -> String {
        let name = title ?? notebook.path.split(separator: "/").last.map(String.init) ?? "notebook"
        var body = ""
        for run in summary.runs {
            let c = run.cell
            switch c.kind {
            case .markdown:
                body += "<div class=\"cell markdown\">\n" + MarkdownToHTML.render(c.source) + "</div>\n"
            case .raw:
                body += "<div class=\"cell raw\"><pre>" + escape(c.source) + "</pre></div>\n"
            case .code:
                let prompt = run.executionCount.map { "[\($0)]" } ?? "[ ]"
                body += "<div class=\"cell code\(run.isInjected ? " injected" : "")\">\n"
                body += "<div class=\"input\"><span class=\"prompt\">In \(prompt):</span>"
                if run.isInjected { body += "<span class=\"tag\">injected parameters</span>" }
                body += "<pre><code>" + escape(c.source) + "</code></pre></div>\n"
                for o in run.outputs { body += output(o) }
                body += "</div>\n"
            }
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(name))</title>
            <style>
            \(css)
            </style>
            </head>
            <body>
            <main>
            \(body)</main>
            </body>
            </html>

            """
    }

    static func output(_ o: CellOutput) -> String {
        switch o {
        case .stream(let s):
            return s.isEmpty ? "" : "<pre class=\"output stream\">" + escape(s) + "</pre>\n"
        case .display(let item), .result(_, let item?):
            if let svg = item.svg { return "<div class=\"output figure\">" + svg + "</div>\n" }
            return "<pre class=\"output result\">" + escape(item.text) + "</pre>\n"
        case .result(let text, nil):
            return "<pre class=\"output result\">" + escape(text) + "</pre>\n"
        case .error(let e):
            return "<pre class=\"output error\">" + escape(e.formatted()) + "</pre>\n"
        }
    }

    /// Escape text for HTML content and attribute values.
    public static func escape(_ s: String) -> String {
        var o = ""
        o.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": o += "&amp;"
            case "<": o += "&lt;"
            case ">": o += "&gt;"
            case "\"": o += "&quot;"
            case "'": o += "&#39;"
            default: o.unicodeScalars.append(ch)
            }
        }
        return o
    }

    static let css = """
        body { font-family: -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; margin: 0; background: #fafafa; color: #222; }
        main { max-width: 960px; margin: 2rem auto; padding: 0 1rem; }
        .cell { margin: 1rem 0; }
        .markdown { line-height: 1.5; }
        .markdown table { border-collapse: collapse; }
        .markdown th, .markdown td { border: 1px solid #ccc; padding: 0.2rem 0.5rem; }
        .input { background: #f3f5f7; border: 1px solid #dde2e6; border-radius: 4px; padding: 0.3rem 0.6rem; }
        .prompt { color: #307fc1; font-family: monospace; font-size: 0.85rem; }
        .tag { margin-left: 0.6rem; font-size: 0.75rem; background: #fff3cd; border-radius: 3px; padding: 0 0.3rem; }
        pre { margin: 0.3rem 0; font-family: "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.85rem; white-space: pre-wrap; }
        .output { padding: 0.2rem 0.6rem; }
        .error { background: #fdecea; color: #8a1c1c; border-radius: 4px; }
        .figure svg { max-width: 100%; height: auto; }
        code { font-family: "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; }
        """
}
