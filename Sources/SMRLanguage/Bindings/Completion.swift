/// What a REPL's tab completion should offer for the text before the cursor.
public struct Completion: Equatable {
    /// The trailing part of the input that the candidates replace (e.g. `np.me`).
    public var replacing: String
    /// Full replacements for `replacing`, sorted (e.g. `np.mean`, `lr=`).
    public var candidates: [String]
}

extension Interpreter {
    static let keywordNames = ["and", "break", "continue", "def", "elif", "else", "False", "for", "from", "global",
                               "if", "import", "in", "is", "lambda", "None", "not", "or", "pass", "return", "True", "while"]

    /// Completion candidates for `text` (the input up to the cursor): global names,
    /// builtins and keywords; attributes after `obj.`; keyword arguments (as `name=`)
    /// inside a call's parentheses; module names after `import`. Never runs user code.
    public func completions(for text: String) -> Completion {
        let chars = Array(text)
        var start = chars.count
        while start > 0, chars[start - 1].isLetter || chars[start - 1].isNumber || chars[start - 1] == "_" || chars[start - 1] == "." {
            start -= 1
        }
        let word = String(chars[start...])
        let before = String(chars[..<start])
        let trimmedBefore = before.trimmingTrailingSpaces()
        if trimmedBefore.hasSuffix("import") || trimmedBefore.hasSuffix("from") && !before.contains(" import ") {
            let names = moduleNames.filter { $0.hasPrefix(word) }
            return Completion(replacing: word, candidates: names.sorted())
        }
        if let dot = word.lastIndex(of: ".") {
            let objPath = String(word[..<dot])
            let prefix = String(word[word.index(after: dot)...])
            guard let v = resolvePath(objPath) else { return Completion(replacing: word, candidates: []) }
            let names = Attributes.names(v).filter { $0.hasPrefix(prefix) && (!$0.hasPrefix("_") || prefix.hasPrefix("_")) }
            return Completion(replacing: word, candidates: Set(names).sorted().map { objPath + "." + $0 })
        }
        var out = Set<String>()
        if let callee = enclosingCall(before), let v = resolvePath(callee) {
            for p in parameterNames(v) where p.hasPrefix(word) { out.insert(p + "=") }
        }
        for n in globalNames where n.hasPrefix(word) { out.insert(n) }
        for n in runtime.builtins.keys where n.hasPrefix(word) { out.insert(n) }
        for k in Interpreter.keywordNames where k.hasPrefix(word) && !word.isEmpty { out.insert(k) }
        return Completion(replacing: word, candidates: out.sorted())
    }

    /// Keyword names a callable accepts.
    func parameterNames(_ v: Value) -> [String] {
        switch v {
        case .function(let f): return f.params
        case .builtin(let b): return b.params?.map { $0.name } ?? []
        case .object(let t as NativeType): return t.initParams.map { $0.name }
        default: return []
        }
    }

    /// The dotted callee of the innermost unclosed `(` in `text`, if any.
    func enclosingCall(_ text: String) -> String? {
        var depth = 0
        let chars = Array(text)
        var i = chars.count - 1
        while i >= 0 {
            let c = chars[i]
            if c == ")" || c == "]" { depth += 1 }
            else if c == "(" || c == "[" {
                if depth == 0 {
                    guard c == "(" else { return nil }
                    var j = i
                    while j > 0, chars[j - 1].isLetter || chars[j - 1].isNumber || chars[j - 1] == "_" || chars[j - 1] == "." { j -= 1 }
                    return j < i ? String(chars[j..<i]) : nil
                }
                depth -= 1
            }
            i -= 1
        }
        return nil
    }

    /// Look up `a.b.c` through globals, builtins and attributes, without calling anything
    /// except attribute getters of library objects.
    func resolvePath(_ path: String) -> Value? {
        let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, !first.isEmpty else { return nil }
        guard var v = runtime.globals.value(first) ?? runtime.builtins[first] else { return nil }
        for p in parts.dropFirst() {
            guard !p.isEmpty, let next = try? Attributes.get(v, p) else { return nil }
            v = next
        }
        if case .object(let inst as NativeInstance) = v, parts.count > 1 {
            // A method: offer its parameters via a bound builtin.
            _ = inst
        }
        return v
    }
}
