import SMRLanguage

/// Tab completion for the REPL: names (variables, builtins, keywords), attributes after
/// a dot (`env.<TAB>`), and keyword arguments inside a call's parentheses
/// (`PPO(learning_<TAB>` → `learning_rate=`), all taken from the live session.
public final class Completer {
    let interpreter: Interpreter
    private var cachedBuiltins: [String]?

    /// REPL commands offered after `:`.
    public static let commands = [":help", ":vars", ":load", ":run", ":paste", ":time", ":timeit", ":reset", ":quit"]

    static let keywords = ["and", "as", "break", "continue", "def", "elif", "else", "False", "for", "from", "if",
                           "import", "in", "is", "lambda", "None", "not", "or", "pass", "return", "True", "while"]

    public init(interpreter: Interpreter) { self.interpreter = interpreter }

    /// Completions for `word` (the text before the cursor back to the last word break),
    /// given everything on the line before the cursor. Each match replaces `word`.
    public func complete(word: String, linePrefix: String) -> [String] {
        let trimmed = linePrefix.drop { $0 == " " }
        if trimmed.hasPrefix(":") {
            if !trimmed.contains(" ") { return Completer.commands.filter { $0.hasPrefix(String(trimmed)) } }
            return [] // file names: left to readline
        }
        if let dot = word.lastIndex(of: ".") {
            let base = String(word[word.startIndex..<dot])
            let prefix = String(word[word.index(after: dot)...])
            guard let v = resolve(base) else { return [] }
            return attributes(of: v).filter { $0.hasPrefix(prefix) && (!$0.hasPrefix("_") || prefix.hasPrefix("_")) }
                .map { base + "." + $0 }
        }
        var out: [String] = []
        if let callee = Completer.openCallee(linePrefix), let f = resolve(callee) {
            out += parameterNames(of: f).filter { $0.hasPrefix(word) }.map { $0 + "=" }
        }
        var names = interpreter.globalNames + builtinNames() + Completer.keywords
        names = names.filter { $0.hasPrefix(word) && (!$0.hasPrefix("_") || word.hasPrefix("_")) }
        var seen = Set(out)
        for n in names.sorted() where !seen.contains(n) { seen.insert(n); out.append(n) }
        return out
    }

    /// The callee text before the innermost unclosed `(` of the line, if the cursor is
    /// inside a call (`env.step(` → `env.step`).
    static func openCallee(_ line: String) -> String? {
        let chars = Array(line)
        var stack: [Int] = []
        var quote: Character?
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if let q = quote {
                if c == "\\" { i += 2; continue }
                if c == q { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c == "#" {
                break
            } else if c == "(" || c == "[" || c == "{" {
                stack.append(i)
            } else if c == ")" || c == "]" || c == "}" {
                _ = stack.popLast()
            }
            i += 1
        }
        guard let open = stack.last, chars[open] == "(" else { return nil }
        var j = open
        while j > 0, chars[j - 1].isLetter || chars[j - 1].isNumber || chars[j - 1] == "_" || chars[j - 1] == "." { j -= 1 }
        let callee = String(chars[j..<open])
        return callee.isEmpty || callee.hasPrefix(".") ? nil : callee
    }

    /// The value of a dotted name (`np`, `env.action_space`), without calling anything.
    func resolve(_ dotted: String) -> Value? {
        let parts = dotted.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, Completer.isIdentifier(first) else { return nil }
        var v: Value
        if let g = interpreter[global: first] { v = g } else if let b = builtin(first) { v = b } else { return nil }
        for p in parts.dropFirst() {
            guard Completer.isIdentifier(p), case .object(let o) = v, let next = try? o.getAttribute(p) else { return nil }
            v = next
        }
        return v
    }

    static func isIdentifier(_ s: String) -> Bool {
        guard let f = s.first, f.isLetter || f == "_" else { return false }
        return s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && !keywords.contains(s)
    }

    /// A builtin by name (evaluating a bare name runs no user code).
    func builtin(_ name: String) -> Value? {
        guard builtinNames().contains(name) else { return nil }
        return quietly { try interpreter.run(source: name, fileName: "<completion>") } ?? nil
    }

    func attributes(of v: Value) -> [String] {
        if case .object(let o) = v { return o.attributeNames.sorted() }
        guard let dir = builtin("dir"), let r = quietly({ try interpreter.call(dir, [v]) }), case .list(let l) = r else { return [] }
        return l.items.compactMap { $0.asString }
    }

    /// Keyword names of a callable, from its declaration or signature text.
    public func parameterNames(of v: Value) -> [String] {
        switch v {
        case .builtin(let b):
            if let ps = b.params { return ps.map(\.name) }
            return Completer.names(inSignature: b.signatureText)
        case .object(let o):
            if let t = o as? NativeType { return t.initParams.map(\.name) }
            return []
        case .function:
            // help(f) prints `f(a, b=1)` on its third line.
            guard let help = builtin("help") else { return [] }
            let capture = CapturingOutputSink()
            let saved = interpreter.output
            interpreter.output = capture
            _ = quietly { try interpreter.call(help, [v]) }
            interpreter.output = saved
            let lines = capture.text.split(separator: "\n")
            guard let sig = lines.first(where: { $0.contains("(") && !$0.hasPrefix("Help on") }) else { return [] }
            return Completer.names(inSignature: String(sig))
        default:
            return []
        }
    }

    /// `f(a, b=1, *args, sep=' ')` → `["a", "b", "sep"]`.
    static func names(inSignature sig: String) -> [String] {
        guard let open = sig.firstIndex(of: "("), let close = sig.lastIndex(of: ")"), open < close else { return [] }
        let inner = sig[sig.index(after: open)..<close]
        var parts: [String] = []
        var depth = 0, cur = ""
        var quote: Character?
        for c in inner {
            if let q = quote { if c == q { quote = nil }; cur.append(c); continue }
            if c == "'" || c == "\"" { quote = c }
            if "([{".contains(c) { depth += 1 }
            if ")]}".contains(c) { depth -= 1 }
            if c == "," && depth == 0 { parts.append(cur); cur = ""; continue }
            cur.append(c)
        }
        parts.append(cur)
        return parts.compactMap { p in
            let t = p.trimmingWhitespace()
            if t.hasPrefix("*") || t.isEmpty || t == "/" { return nil }
            let name = t.split(separator: "=").first.map { String($0).trimmingWhitespace() } ?? t
            return name == "self" || !isIdentifier(name) ? nil : name
        }
    }

    /// Builtin and module names, read from `help()`'s overview.
    func builtinNames() -> [String] {
        if let c = cachedBuiltins { return c }
        var names: [String] = interpreter.moduleNames
        if let help = quietly({ try interpreter.run(source: "help", fileName: "<completion>") }) ?? nil {
            let capture = CapturingOutputSink()
            let saved = interpreter.output
            interpreter.output = capture
            _ = quietly { try interpreter.call(help, []) }
            interpreter.output = saved
            for line in capture.text.split(separator: "\n") where line.hasPrefix("Builtins:") {
                names += line.dropFirst("Builtins:".count).split(separator: ",").map { String($0).trimmingWhitespace() }
            }
        }
        for extra in ["table", "plot", "print_sb3_style_log_box", "help", "dir"] where !names.contains(extra) { names.append(extra) }
        cachedBuiltins = names
        return names
    }

    func quietly<T>(_ body: () throws -> T) -> T? {
        try? body()
    }
}
