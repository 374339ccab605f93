/// A small Markdown renderer for notebook text cells: headings, paragraphs, bullet
/// and numbered lists, fenced code, block quotes, rules, pipe tables, and inline
/// code, bold, italic and links, and LaTeX math (`$…$`, `$$…$$`) as MathML. Everything
/// else is shown as escaped text.
enum MarkdownToHTML {
    static func render(_ md: String) -> String {
        let lines = md.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out = ""
        var i = 0
        var paragraph: [String] = []
        func flush() {
            if !paragraph.isEmpty { out += "<p>" + inline(paragraph.joined(separator: " ")) + "</p>\n"; paragraph = [] }
        }
        while i < lines.count {
            let line = lines[i]
            let t = line.trimmingWhitespace()
            if t.isEmpty { flush(); i += 1; continue }
            if t.hasPrefix("```") {
                flush()
                var code: [String] = []
                i += 1
                while i < lines.count, !lines[i].trimmingWhitespace().hasPrefix("```") { code.append(lines[i]); i += 1 }
                i += 1
                out += "<pre><code>" + HTMLExporter.escape(code.joined(separator: "\n")) + "</code></pre>\n"
                continue
            }
            if let level = heading(t) {
                flush()
                let text = String(t.dropFirst(level)).trimmingWhitespace()
                out += "<h\(level)>" + inline(text) + "</h\(level)>\n"
                i += 1
                continue
            }
            if t == "---" || t == "***" || t == "___" { flush(); out += "<hr>\n"; i += 1; continue }
            if t.hasPrefix(">") {
                flush()
                var q: [String] = []
                while i < lines.count, lines[i].trimmingWhitespace().hasPrefix(">") {
                    q.append(String(lines[i].trimmingWhitespace().dropFirst()).trimmingWhitespace()); i += 1
                }
                out += "<blockquote>" + render(q.joined(separator: "\n")) + "</blockquote>\n"
                continue
            }
            if t.hasPrefix("|"), i + 1 < lines.count, lines[i + 1].trimmingWhitespace().hasPrefix("|"),
               lines[i + 1].contains("-"), lines[i + 1].allSatisfy({ "|-: \t".contains($0) }) {
                flush()
                out += "<table>\n<tr>" + cells(t).map { "<th>" + inline($0) + "</th>" }.joined() + "</tr>\n"
                i += 2
                while i < lines.count, lines[i].trimmingWhitespace().hasPrefix("|") {
                    out += "<tr>" + cells(lines[i].trimmingWhitespace()).map { "<td>" + inline($0) + "</td>" }.joined() + "</tr>\n"
                    i += 1
                }
                out += "</table>\n"
                continue
            }
            if let (ordered, _) = listItem(t) {
                flush()
                let tag = ordered ? "ol" : "ul"
                out += "<\(tag)>\n"
                while i < lines.count, let (o, text) = listItem(lines[i].trimmingWhitespace()), o == ordered {
                    out += "<li>" + inline(text) + "</li>\n"
                    i += 1
                }
                out += "</\(tag)>\n"
                continue
            }
            paragraph.append(t)
            i += 1
        }
        flush()
        return out
    }

    static func heading(_ t: String) -> Int? {
        var n = 0
        for ch in t { if ch == "#" { n += 1 } else { break } }
        guard n >= 1, n <= 6, t.count > n, t.dropFirst(n).first == " " else { return nil }
        return n
    }

    static func listItem(_ t: String) -> (Bool, String)? {
        if t.hasPrefix("- ") || t.hasPrefix("* ") || t.hasPrefix("+ ") { return (false, String(t.dropFirst(2))) }
        var digits = 0
        for ch in t { if ch.isASCII && ch.isNumber { digits += 1 } else { break } }
        if digits > 0, t.dropFirst(digits).hasPrefix(". ") { return (true, String(t.dropFirst(digits + 2))) }
        return nil
    }

    static func cells(_ row: String) -> [String] {
        var r = Substring(row)
        if r.hasPrefix("|") { r = r.dropFirst() }
        if r.hasSuffix("|") { r = r.dropLast() }
        return r.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace() }
    }

    /// The end of a math span opening at `c[i] == "$"`, and whether it is `$$…$$` (display).
    /// An inline `$` opens only before a non-space and closes only after a non-space and not
    /// before a digit (pandoc's rule), so prices such as "$5 and $6" stay text.
    static func mathSpan(_ c: [Character], _ i: Int) -> (Int, Bool)? {
        if i + 1 < c.count, c[i + 1] == "$" {
            var j = i + 2
            while j + 1 < c.count {
                if c[j] == "$", c[j + 1] == "$", j > i + 2 { return (j, true) }
                j += c[j] == "\\" ? 2 : 1
            }
            return nil
        }
        guard i + 1 < c.count, !c[i + 1].isWhitespace else { return nil }
        var j = i + 1
        while j < c.count {
            if c[j] == "\\" { j += 2; continue }
            if c[j] == "$" {
                if c[j - 1].isWhitespace { return nil }
                if j + 1 < c.count, c[j + 1].isNumber { return nil }
                return j > i + 1 ? (j, false) : nil
            }
            j += 1
        }
        return nil
    }

    /// Inline spans on escaped text.
    static func inline(_ text: String) -> String {
        var out = ""
        let c = Array(text)
        var i = 0
        var bold = false, italic = false
        while i < c.count {
            let ch = c[i]
            if ch == "\\", i + 1 < c.count, c[i + 1] == "$" { out += "$"; i += 2; continue }
            if ch == "$", let (end, display) = mathSpan(c, i) {
                let skip = display ? 2 : 1
                out += LaTeXToMathML.convert(String(c[(i + skip)..<end]), display: display)
                i = end + skip
                continue
            }
            if ch == "`", let end = c[(i + 1)...].firstIndex(of: "`") {
                out += "<code>" + HTMLExporter.escape(String(c[(i + 1)..<end])) + "</code>"
                i = end + 1
                continue
            }
            if (ch == "*" || ch == "_"), i + 1 < c.count, c[i + 1] == ch {
                out += bold ? "</strong>" : "<strong>"
                bold.toggle()
                i += 2
                continue
            }
            if ch == "*" || (ch == "_" && (i == 0 || c[i - 1] == " " || italic)) {
                out += italic ? "</em>" : "<em>"
                italic.toggle()
                i += 1
                continue
            }
            if ch == "[", let close = c[i...].firstIndex(of: "]"), close + 1 < c.count, c[close + 1] == "(",
               let paren = c[(close + 1)...].firstIndex(of: ")") {
                let label = String(c[(i + 1)..<close]), url = String(c[(close + 2)..<paren])
                let safe = url.lowercased().hasPrefix("javascript:") ? "#" : url
                out += "<a href=\"" + HTMLExporter.escape(safe) + "\">" + inline(label) + "</a>"
                i = paren + 1
                continue
            }
            if ch == "<", text.dropFirst(i).hasPrefix("<br>") { out += "<br>"; i += 4; continue }
            out += HTMLExporter.escape(String(ch))
            i += 1
        }
        if italic { out += "</em>" }
        if bold { out += "</strong>" }
        return out
    }
}
