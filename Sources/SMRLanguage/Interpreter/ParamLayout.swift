/// Where the arguments of a function with `*args`, keyword-only parameters or
/// `**kwargs` go. Functions with only plain parameters have no layout and keep the
/// call fast paths; these bind through `Runtime.bindLayoutArgs`.
struct ParamLayout {
    /// Per parameter, in declaration order (= frame slot order).
    let kinds: [ParamKind]
    /// Per parameter: index into the function's defaults, or -1.
    let defaultIndex: [Int]
    /// Parameters before `*args` / `*` (they come first).
    let positionalCount: Int
    let varArgs: Int?
    let varKeywords: Int?

    /// nil when every parameter is a plain positional one.
    init?(_ params: [ParamDecl]) {
        guard params.contains(where: { $0.kind != .positional }) else { return nil }
        kinds = params.map { $0.kind }
        var next = 0
        defaultIndex = params.map { p in
            guard p.defaultValue != nil else { return -1 }
            next += 1
            return next - 1
        }
        positionalCount = params.prefix { $0.kind == .positional }.count
        varArgs = params.firstIndex { $0.kind == .varArgs }
        varKeywords = params.firstIndex { $0.kind == .varKeywords }
    }

    /// `a, b=1, *args, c, **kw` for help() and signatures.
    func signature(_ names: [String], _ defaults: [Value]) -> String {
        var parts: [String] = []
        var starShown = false
        for (k, n) in names.enumerated() {
            let dflt = defaultIndex[k] >= 0 && defaultIndex[k] < defaults.count ? "=" + Repr.repr(defaults[defaultIndex[k]]) : ""
            switch kinds[k] {
            case .positional: parts.append(n + dflt)
            case .varArgs: parts.append("*" + n); starShown = true
            case .keywordOnly:
                if !starShown { parts.append("*"); starShown = true }
                parts.append(n + dflt)
            case .varKeywords: parts.append("**" + n)
            }
        }
        return parts.joined(separator: ", ")
    }
}

extension Runtime {
    /// Fill the frame of a function that has a `ParamLayout`, with Python's messages.
    func bindLayoutArgs(_ f: FunctionObject, _ layout: ParamLayout, _ base: Fp, _ pos: [Value], _ kw: [(String, Value)]) throws {
        let name = f.displayName
        let npos = layout.positionalCount
        if pos.count > npos && layout.varArgs == nil {
            let required = (0..<npos).filter { layout.defaultIndex[$0] < 0 }.count
            let takes = required == npos ? "\(npos)" : "from \(required) to \(npos)"
            throw PyError.type("\(name)() takes \(takes) positional argument\(npos == 1 && required == npos ? "" : "s") but \(pos.count) \(pos.count == 1 ? "was" : "were") given")
        }
        for k in 0..<min(npos, pos.count) { base[1 + k] = pos[k] }
        if let va = layout.varArgs {
            base[1 + va] = .tuple(TupleObject(pos.count > npos ? Array(pos[npos...]) : []))
        }
        let extra: DictObject? = layout.varKeywords == nil ? nil : DictObject()
        for (n, v) in kw {
            if let k = f.params.firstIndex(of: n), layout.kinds[k] == .positional || layout.kinds[k] == .keywordOnly {
                if case .unbound = base[1 + k] {} else {
                    throw PyError.type("\(name)() got multiple values for argument '\(n)'")
                }
                base[1 + k] = v
            } else if let d = extra {
                if d.get(hash: .text(n)) != nil { throw PyError.type("\(name)() got multiple values for keyword argument '\(n)'") }
                d.set(.str(n), v, hash: .text(n))
            } else {
                let named = f.params.indices.filter { layout.kinds[$0] == .positional || layout.kinds[$0] == .keywordOnly }.map { f.params[$0] }
                throw PyError.type("\(name)() got an unexpected keyword argument '\(n)'" + Suggestions.hint(n, named))
            }
        }
        if let vk = layout.varKeywords, let d = extra { base[1 + vk] = .dict(d) }
        var missingPositional: [String] = [], missingKeyword: [String] = []
        for k in 0..<f.params.count where layout.kinds[k] == .positional || layout.kinds[k] == .keywordOnly {
            guard case .unbound = base[1 + k] else { continue }
            let d = layout.defaultIndex[k]
            if d >= 0 && d < f.defaults.count {
                base[1 + k] = f.defaults[d]
            } else if layout.kinds[k] == .positional {
                missingPositional.append(f.params[k])
            } else {
                missingKeyword.append(f.params[k])
            }
        }
        for (missing, what) in [(missingPositional, "positional"), (missingKeyword, "keyword-only")] where !missing.isEmpty {
            let names = missing.map { "'\($0)'" }
            let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
            throw PyError.type("\(name)() missing \(missing.count) required \(what) argument\(missing.count == 1 ? "" : "s"): \(list)")
        }
    }
}
