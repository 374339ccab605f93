/// Tests a subject against a compiled pattern, binding its captures as it goes (the names a
/// pattern that fails part-way has bound are left bound, which PEP 634 allows).
typealias Matcher = (Fp, Value) throws -> Bool

/// `match subject: case …` (PEP 634): the subject is evaluated once, then the cases are tried
/// in order; the first whose pattern matches and whose guard holds runs, and no other.
extension Compiler {
    /// One compiled `case`: its pattern, guard and body.
    struct CompiledCase {
        var matches: Matcher
        var guardHolds: Cond?
        var body: Exec
    }

    func compileCases(_ cases: [MatchCase], body: ([Stmt]) throws -> Exec) throws -> [CompiledCase] {
        try cases.map { c in
            CompiledCase(matches: try compilePattern(c.pattern), guardHolds: try c.guardExpr.map(compileCond), body: try body(c.body))
        }
    }

    /// Index of the first case that matches `v` (and whose guard holds), or nil.
    static func selectCase(_ cases: [CompiledCase], _ v: Value, _ fp: Fp) throws -> Int? {
        for (k, c) in cases.enumerated() where try c.matches(fp, v) {
            if try c.guardHolds?(fp) ?? true { return k }
        }
        return nil
    }

    func compileMatch(_ subject: Expr, _ cases: [MatchCase]) throws -> Exec {
        let subjectEval = try compileExpr(subject)
        let compiled = try compileCases(cases, body: compileBlock)
        return { fp in
            let v = try subjectEval(fp)
            guard let k = try Compiler.selectCase(compiled, v, fp) else { return .normal }
            return try compiled[k].body(fp)
        }
    }

    /// A match statement in a generator whose case bodies may pause: a hidden slot keeps the
    /// running case while the body is suspended.
    func compileGenMatch(_ subject: Expr, _ cases: [MatchCase], _ sent: Int) throws -> Exec {
        if NameWalker.containsYield(subject) { throw unsupportedYield(subject.pos) }
        for c in cases {
            if let g = c.guardExpr, NameWalker.containsYield(g) { throw unsupportedYield(g.pos) }
        }
        let subjectEval = try compileExpr(subject)
        let compiled = try compileCases(cases) { try self.compileGenBlock($0, sentSlot: sent) }
        let state = scope.newSlot()
        return { fp in
            let k: Int
            if case .int(let running) = fp[state] {
                k = running
                fp[state] = .unbound
            } else {
                guard let found = try Compiler.selectCase(compiled, try subjectEval(fp), fp) else { return .normal }
                k = found
            }
            let f = try compiled[k].body(fp)
            if f == .yielded { fp[state] = .int(k) }
            return f
        }
    }

    // MARK: patterns

    func compilePattern(_ p: Pattern) throws -> Matcher {
        let s = site(p.pos)
        switch p.kind {
        case .wildcard:
            return { _, _ in true }
        case .capture(let n):
            let store = try compileStore(Expr(kind: .name(n), pos: p.pos))
            return { fp, v in
                try store(fp, v)
                return true
            }
        case .value(let e):
            let value = try compileExpr(e)
            return { fp, v in
                do { return try Compare.compare(.eq, v, try value(fp)) } catch { throw s.attach(error) }
            }
        case .singleton(let e):
            let value = try compileExpr(e)
            return { fp, v in Compare.identical(v, try value(fp)) }
        case .capturedAs(let inner, let n):
            let m = try compilePattern(inner)
            let store = try compileStore(Expr(kind: .name(n), pos: p.pos))
            return { fp, v in
                guard try m(fp, v) else { return false }
                try store(fp, v)
                return true
            }
        case .or(let alternatives):
            let ms = try alternatives.map(compilePattern)
            return { fp, v in
                for m in ms where try m(fp, v) { return true }
                return false
            }
        case .sequence(let items):
            return try compileSequencePattern(items, s)
        case .star:
            throw syntaxError("can't use starred name here", p.pos)
        case .mapping(let keys, let values, let rest):
            return try compileMappingPattern(keys, values, rest, s)
        case .classPattern(let cls, let positional, let keywords):
            return try compileClassPattern(cls, positional, keywords, s)
        }
    }

    /// `[a, *rest, z]`: the subject is a sequence other than a string, of the right length.
    func compileSequencePattern(_ items: [Pattern], _ s: Site) throws -> Matcher {
        let star = items.firstIndex { if case .star = $0.kind { return true }; return false }
        var starStore: Store?
        if let star, case .star(let n?) = items[star].kind { starStore = try compileStore(Expr(kind: .name(n), pos: items[star].pos)) }
        let split = star ?? items.count
        let before = try items[..<split].map(compilePattern)
        let tail = star == nil ? [] : try items[(split + 1)...].map(compilePattern)
        let fixed = before.count + tail.count
        let hasStar = star != nil
        return { fp, v in
            // A range's length and items are known without making them all (a long one cannot
            // afford it): only what the sub-patterns look at is computed.
            if case .range(let r) = v {
                if hasStar ? r.count < fixed : r.count != fixed { return false }
                if starStore == nil {
                    let item = { (k: Int) in Value.int(r.start &+ k &* r.step) }
                    for (k, m) in before.enumerated() where try !m(fp, item(k)) { return false }
                    let tailStart = r.count - tail.count
                    for (k, m) in tail.enumerated() where try !m(fp, item(tailStart + k)) { return false }
                    return true
                }
            }
            let seq: [Value]
            do {
                guard let items = try Compiler.sequenceItems(v) else { return false }
                seq = items
            } catch { throw s.attach(error) }
            if hasStar ? seq.count < fixed : seq.count != fixed { return false }
            for (k, m) in before.enumerated() where try !m(fp, seq[k]) { return false }
            let tailStart = seq.count - tail.count
            if let starStore { try starStore(fp, .list(ListObject(Array(seq[before.count..<tailStart])))) }
            for (k, m) in tail.enumerated() where try !m(fp, seq[tailStart + k]) { return false }
            return true
        }
    }

    /// The items of a subject a sequence pattern may match (lists, tuples, ranges, named
    /// tuples, deques), or nil for anything else — strings and bytes included.
    static func sequenceItems(_ v: Value) throws -> [Value]? {
        switch v {
        case .list(let l): return l.items
        case .tuple(let t): return t.items
        case .range: return try Iteration.toArray(v)
        case .object(let n as NamedTupleObject): return n.items
        case .object(let d as DequeObject): return try Iteration.toArray(.object(d))
        default: return nil
        }
    }

    /// `{"k": p, **rest}`: the subject is a mapping holding every key, whose values match.
    func compileMappingPattern(_ keys: [Expr], _ values: [Pattern], _ rest: String?, _ s: Site) throws -> Matcher {
        let keyEvals = try keys.map(compileExpr)
        let valueMatchers = try values.map(compilePattern)
        let restStore = try rest.map { try compileStore(Expr(kind: .name($0), pos: s.pos)) }
        return { fp, v in
            guard case .dict(let d) = v else { return false }
            if d.count < keyEvals.count { return false }
            var seen: [Value] = []
            for (k, keyEval) in keyEvals.enumerated() {
                let found: Value?
                do {
                    let key = try keyEval(fp)
                    if seen.contains(where: { Compare.equal($0, key) }) {
                        throw PyError.value("mapping pattern checks duplicate key (\(Repr.repr(key)))")
                    }
                    seen.append(key)
                    found = try d.lookup(key)
                } catch { throw s.attach(error) }
                guard let item = found, try valueMatchers[k](fp, item) else { return false }
            }
            if let restStore {
                let remaining = DictObject()
                for (k, item) in zip(d.keys, d.values) where !seen.contains(where: { Compare.equal($0, k) }) {
                    try remaining.set(k, item)
                }
                try restStore(fp, .dict(remaining))
            }
            return true
        }
    }

    /// Builtin types whose single positional sub-pattern matches the subject itself.
    static let selfMatchingTypes: Set<String> = ["bool", "bytearray", "bytes", "dict", "float", "frozenset", "int", "list", "set", "str", "tuple"]

    /// `Cls(p, attr=q)`: an instance of `Cls` whose attributes (positional ones named by
    /// `__match_args__`) match the sub-patterns; a missing attribute is no match.
    func compileClassPattern(_ cls: Expr, _ positional: [Pattern], _ keywords: [(String, Pattern, Pos)], _ s: Site) throws -> Matcher {
        let clsEval = try compileExpr(cls)
        let positionalMatchers = try positional.map(compilePattern)
        let keywordNames = keywords.map { $0.0 }
        let keywordMatchers = try keywords.map { try compilePattern($0.1) }
        return { fp, v in
            let c = try clsEval(fp)
            let attributes: [String]
            do {
                guard Compiler.isMatchableType(c) else { throw PyError.type("called match pattern must be a type") }
                guard try ClassBuiltins.instanceCheck(v, c) else { return false }
                if positionalMatchers.isEmpty {
                    attributes = []
                } else if case .builtin(let bt) = c, Compiler.selfMatchingTypes.contains(bt.name) {
                    if positionalMatchers.count > 1 {
                        throw PyError.type("\(bt.name)() accepts 1 positional sub-pattern (\(positionalMatchers.count) given)")
                    }
                    return try positionalMatchers[0](fp, v)
                        && Compiler.matchAttributes(keywordNames, keywordMatchers, v, fp, s)
                } else {
                    attributes = try Compiler.matchArgs(c, count: positionalMatchers.count)
                }
                let all = attributes + keywordNames
                for (k, name) in all.enumerated() where all[..<k].contains(name) {
                    throw PyError.type("\(ClassObject.baseName(c))() got multiple sub-patterns for attribute '\(name)'")
                }
            } catch { throw s.attach(error) }
            return try Compiler.matchAttributes(attributes, positionalMatchers, v, fp, s)
                && Compiler.matchAttributes(keywordNames, keywordMatchers, v, fp, s)
        }
    }

    static func isMatchableType(_ c: Value) -> Bool {
        switch c {
        case .builtin(let bt): return bt.isType
        case .object(let o): return o is ClassObject || o is NativeType || o is NumpyScalarType
        default: return false
        }
    }

    /// The first `count` names of the class's `__match_args__` (a tuple of strings).
    static func matchArgs(_ c: Value, count: Int) throws -> [String] {
        let clsName = ClassObject.baseName(c)
        var names: [Value] = []
        do {
            let declared = try Attributes.get(c, "__match_args__")
            guard case .tuple(let t) = declared else {
                throw PyError.type("\(clsName).__match_args__ must be a tuple (got \(declared.typeName))")
            }
            names = t.items
        } catch let e as PyError where e.kind == .attributeError {}
        if count > names.count {
            let plural = names.count == 1 ? "" : "s"
            throw PyError.type("\(clsName)() accepts \(names.count) positional sub-pattern\(plural) (\(count) given)")
        }
        return try names.prefix(count).map { n in
            guard case .str(let s) = n else { throw PyError.type("__match_args__ elements must be strings (got \(n.typeName))") }
            return s
        }
    }

    /// Each named attribute of `v` exists and matches its pattern.
    static func matchAttributes(_ names: [String], _ matchers: [Matcher], _ v: Value, _ fp: Fp, _ s: Site) throws -> Bool {
        for (name, m) in zip(names, matchers) {
            let a: Value
            do { a = try Attributes.get(v, name) } catch let e as PyError where e.kind == .attributeError {
                return false
            } catch { throw s.attach(error) }
            guard try m(fp, a) else { return false }
        }
        return true
    }
}
