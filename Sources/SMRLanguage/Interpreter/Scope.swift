/// Compile-time scope: maps names to frame slots (slot 0 holds a function's return value).
///
/// Variables that nested functions use live in `Cell`s (as in CPython), so closures
/// bind late and `nonlocal` can rebind them: the owning frame creates the cell on
/// entry, nested functions capture the cell itself.
final class Scope {
    /// A `def` or `lambda` body (class bodies and the module are not).
    let isFunction: Bool
    /// A `class` body: its names are not visible to the methods defined in it.
    let isClass: Bool
    let name: String
    let parent: Scope?
    var slots: [String: Int] = [:]
    var size = 1
    var declaredGlobal: Set<String> = []
    var declaredNonlocal: Set<String> = []
    /// Variables of enclosing functions used here: name → slot here (holding their cell).
    var captures: [(name: String, slot: Int)] = []
    var loopDepth = 0
    /// Slots holding a `Cell`: own variables that nested functions capture, and captured ones.
    var cellSlots: Set<Int> = []
    /// The function's own name (a nested function calling itself gets itself, not a cell).
    var selfName: String?
    /// Class bodies: captured variables of enclosing functions (kept apart from class attributes).
    var freeSlots: [String: Int] = [:]
    /// The function contains `yield`.
    var isGenerator = false
    /// Parameters of a function (they hold slots 1...paramCount).
    var paramCount = 0

    init(function: Bool, name: String, parent: Scope?, isClass: Bool = false) {
        isFunction = function
        self.isClass = isClass
        self.name = name
        self.parent = parent
    }

    func newSlot() -> Int {
        size += 1
        return size - 1
    }

    /// The slot of a name local to this scope, or of a captured enclosing variable.
    func localSlot(_ name: String) -> Int? {
        if let s = slots[name] { return s }
        if isClass { return freeSlot(name) }
        if isFunction, !declaredGlobal.contains(name), let p = parent, p.resolvesForNested(name) {
            let s = newSlot()
            slots[name] = s
            captures.append((name, s))
            if name != selfName { cellSlots.insert(s) }
            return s
        }
        return nil
    }

    /// A class body's slot for a variable of an enclosing function (a cell), created on first use.
    func freeSlot(_ name: String) -> Int? {
        if let s = freeSlots[name] { return s }
        guard !declaredGlobal.contains(name), let p = parent, p.resolvesForNested(name) else { return nil }
        let s = newSlot()
        freeSlots[name] = s
        captures.append((name, s))
        cellSlots.insert(s)
        return s
    }

    /// The slot in this (defining) scope that holds the variable a nested function captures.
    func captureSource(_ name: String) -> Int? {
        if isClass {
            if name == "__class__", let s = slots[name] { return s }
            return freeSlot(name)
        }
        return localSlot(name)
    }

    /// Whether a function nested in this scope finds `name` as a variable of this scope
    /// or of an enclosing function (class attributes are not visible to methods).
    func resolvesForNested(_ name: String) -> Bool {
        if isClass {
            if name == "__class__", slots[name] != nil { return true }
            return !declaredGlobal.contains(name) && (parent?.resolvesForNested(name) ?? false)
        }
        if slots[name] != nil { return true }
        if isFunction, !declaredGlobal.contains(name), let p = parent { return p.resolvesForNested(name) }
        return false
    }
}

/// Names a function body assigns to (its locals), and names it declares `global` / `nonlocal`.
enum ScopeAnalysis {
    static func assignedNames(_ body: [Stmt]) -> (assigned: [String], globals: Set<String>) {
        let r = declarations(body)
        return (r.assigned, r.globals)
    }

    static func declarations(_ body: [Stmt]) -> (assigned: [String], globals: Set<String>, nonlocals: Set<String>, yields: Bool) {
        var assigned: [String] = []
        var seen: Set<String> = []
        var globals: Set<String> = []
        var nonlocals: Set<String> = []
        var yields = false
        func add(_ n: String) {
            if seen.insert(n).inserted { assigned.append(n) }
        }
        func target(_ e: Expr) {
            switch e.kind {
            case .name(let n): add(n)
            case .tuple(let xs), .list(let xs): xs.forEach(target)
            case .starred(let x): target(x)
            default: break
            }
        }
        func expr(_ e: Expr) {
            if !yields { yields = NameWalker.containsYield(e) }
            NameWalker.walrusTargets(e, add)
        }
        func walk(_ stmts: [Stmt]) {
            for s in stmts {
                switch s.kind {
                case .expr(let e): expr(e)
                case .assign(let ts, let v): ts.forEach(target); expr(v)
                case .augAssign(let t, _, let v): target(t); expr(v)
                case .forStmt(let t, let it, let b): target(t); expr(it); walk(b)
                case .whileStmt(let c, let b): expr(c); walk(b)
                case .ifStmt(let brs, let e):
                    for (c, b) in brs { expr(c); walk(b) }
                    if let e { walk(e) }
                case .def(let n, _, _, _): add(n)
                case .classDef(let n, _, _, _): add(n)
                case .decorated(_, let inner): walk([inner])
                case .returnStmt(let e?): expr(e)
                case .importStmt(let ms):
                    for (m, a) in ms { add(a ?? String(m.split(separator: ".").first ?? Substring(m))) }
                case .fromImport(_, let ns):
                    for (n, a) in ns { add(a ?? n) }
                case .global(let ns): ns.forEach { globals.insert($0) }
                case .nonlocal(let ns): ns.forEach { nonlocals.insert($0) }
                case .del(let ts): ts.forEach(target)
                case .tryStmt(let b, let hs, let e, let f):
                    walk(b)
                    for h in hs {
                        if let n = h.name { add(n) }
                        walk(h.body)
                    }
                    walk(e ?? [])
                    walk(f ?? [])
                case .loopElse(let loop, let e): walk([loop]); walk(e)
                case .match(let subject, let cases):
                    expr(subject)
                    for c in cases {
                        c.pattern.forEachBinding(add)
                        c.pattern.forEachExpr(expr)
                        if let g = c.guardExpr { expr(g) }
                        walk(c.body)
                    }
                case .with(let items, let b):
                    for (m, t) in items {
                        expr(m)
                        if let t { target(t) }
                    }
                    walk(b)
                default: break
                }
            }
        }
        walk(body)
        return (assigned.filter { !globals.contains($0) && !nonlocals.contains($0) }, globals, nonlocals, yields)
    }
}

/// Which names a piece of code uses, and which of them nested functions use (those
/// must live in cells). Nested `def`, `lambda` and `class` bodies are separate scopes:
/// only their free names count as uses here.
struct NameWalker {
    /// Every name read or written here (including nested scopes' free names).
    var used: Set<String> = []
    /// Free names of nested functions and classes.
    var nestedFree: Set<String> = []

    /// The names a function with these parameters and body takes from enclosing scopes.
    static func freeNames(params: [ParamDecl], body: [Stmt]) -> Set<String> {
        var w = NameWalker()
        w.stmts(body)
        let d = ScopeAnalysis.declarations(body)
        var locals = Set(params.map { $0.name }).union(d.assigned)
        locals.subtract(d.nonlocals)
        var free = w.used.subtracting(locals).subtracting(d.globals)
        if w.used.contains("super") { free.insert("__class__") }
        return free.union(d.nonlocals)
    }

    /// Free names of a class body: its own uses minus its attributes, plus its methods' free names.
    static func classFreeNames(_ body: [Stmt]) -> Set<String> {
        var w = NameWalker()
        w.stmts(body)
        let d = ScopeAnalysis.declarations(body)
        let own = w.used.subtracting(w.nestedFree).subtracting(d.assigned)
        var free = own.union(w.nestedFree).subtracting(d.globals)
        free.remove("__class__")
        return free
    }

    /// Own variables of a function body that its nested functions capture.
    static func cellNames(params: [ParamDecl], body: [Stmt]) -> Set<String> {
        var w = NameWalker()
        w.stmts(body)
        let d = ScopeAnalysis.declarations(body)
        let locals = Set(params.map { $0.name }).union(d.assigned)
        return w.nestedFree.intersection(locals)
    }

    /// Names nested functions inside these expressions capture.
    static func nestedFree(in exprs: [Expr]) -> Set<String> {
        var w = NameWalker()
        exprs.forEach { w.expr($0) }
        return w.nestedFree
    }

    /// Names bound by `:=` in `e` (not inside lambdas or generator expressions, which are their own scopes).
    static func walrusTargets(_ e: Expr, _ add: (String) -> Void) {
        switch e.kind {
        case .namedExpr(let n, let v): add(n); walrusTargets(v, add)
        case .lambda, .genExp: return
        default: e.forEachChild { walrusTargets($0, add) }
        }
    }

    static func containsYield(_ e: Expr) -> Bool {
        switch e.kind {
        case .yield, .yieldFrom: return true
        case .lambda: return false
        default:
            var found = false
            e.forEachChild { if !found { found = containsYield($0) } }
            return found
        }
    }

    mutating func nested(_ free: Set<String>) {
        used.formUnion(free)
        nestedFree.formUnion(free)
    }

    mutating func expr(_ e: Expr) {
        switch e.kind {
        case .name(let n): used.insert(n)
        case .namedExpr(let n, let v): used.insert(n); expr(v)
        case .lambda(let ps, let body):
            for p in ps { if let d = p.defaultValue { expr(d) } }
            nested(NameWalker.freeNames(params: ps, body: [Stmt(kind: .returnStmt(body), pos: body.pos)]))
        case .genExp(let elt, let clauses):
            // Only the first iterable runs here; the rest is the nested `<genexpr>` function.
            if let first = clauses.first { expr(first.iter) }
            nested(NameWalker.freeNames(params: Compiler.generatorExpressionParams(e.pos),
                                        body: Compiler.generatorExpressionBody(elt, clauses)))
        default:
            e.forEachChild { expr($0) }
        }
    }

    mutating func args(_ args: [Arg]) {
        for a in args {
            switch a {
            case .positional(let e), .keyword(_, let e, _), .star(let e), .doubleStar(let e): expr(e)
            }
        }
    }

    mutating func stmts(_ ss: [Stmt]) { ss.forEach { stmt($0) } }

    mutating func stmt(_ s: Stmt) {
        switch s.kind {
        case .expr(let e): expr(e)
        case .assign(let ts, let v): ts.forEach { expr($0) }; expr(v)
        case .augAssign(let t, _, let v): expr(t); expr(v)
        case .ifStmt(let brs, let e):
            for (c, b) in brs { expr(c); stmts(b) }
            stmts(e ?? [])
        case .forStmt(let t, let it, let b): expr(t); expr(it); stmts(b)
        case .whileStmt(let c, let b): expr(c); stmts(b)
        case .breakStmt, .continueStmt, .pass, .global, .importStmt, .fromImport: break
        case .nonlocal(let ns): used.formUnion(ns)
        case .def(let n, let ps, let body, _):
            used.insert(n)
            for p in ps { if let d = p.defaultValue { expr(d) } }
            nested(NameWalker.freeNames(params: ps, body: body))
        case .classDef(let n, let bases, let body, _):
            used.insert(n)
            args(bases)
            nested(NameWalker.classFreeNames(body))
        case .decorated(let ds, let inner): ds.forEach { expr($0) }; stmt(inner)
        case .returnStmt(let e): if let e { expr(e) }
        case .assert(let c, let m): expr(c); if let m { expr(m) }
        case .del(let ts): ts.forEach { expr($0) }
        case .tryStmt(let b, let hs, let e, let f):
            stmts(b)
            for h in hs {
                if let t = h.type { expr(t) }
                if let n = h.name { used.insert(n) }
                stmts(h.body)
            }
            stmts(e ?? [])
            stmts(f ?? [])
        case .with(let items, let b):
            for (m, t) in items { expr(m); if let t { expr(t) } }
            stmts(b)
        case .loopElse(let l, let e): stmt(l); stmts(e)
        case .match(let subject, let cases):
            expr(subject)
            for c in cases {
                c.pattern.forEachBinding { used.insert($0) }
                c.pattern.forEachExpr { expr($0) }
                if let g = c.guardExpr { expr(g) }
                stmts(c.body)
            }
        case .raise(let e, let c): if let e { expr(e) }; if let c { expr(c) }
        }
    }
}

extension Expr {
    /// Call `body` on each direct sub-expression (lambda bodies included).
    func forEachChild(_ body: (Expr) -> Void) {
        func parts(_ ps: [FPart]) {
            for p in ps {
                if case .expr(let e, _, let spec, _) = p {
                    body(e)
                    if let spec { parts(spec) }
                }
            }
        }
        func clauses(_ cs: [CompClause]) {
            for c in cs { body(c.target); body(c.iter); c.conditions.forEach(body) }
        }
        switch kind {
        case .int, .bigInt, .float, .str, .bytes, .bool, .none, .name: break
        case .fstring(let ps): parts(ps)
        case .list(let xs), .tuple(let xs), .set(let xs): xs.forEach(body)
        case .dict(let pairs): for (k, v) in pairs { body(k); body(v) }
        case .unary(_, let x), .starred(let x), .yieldFrom(let x), .namedExpr(_, let x): body(x)
        case .yield(let x): if let x { body(x) }
        case .binary(_, let l, let r), .and(let l, let r), .or(let l, let r): body(l); body(r)
        case .compare(let f, let rest): body(f); rest.forEach { body($0.1) }
        case .ifExp(let c, let a, let b): body(c); body(a); body(b)
        case .call(let f, let args):
            body(f)
            for a in args {
                switch a {
                case .positional(let e), .keyword(_, let e, _), .star(let e), .doubleStar(let e): body(e)
                }
            }
        case .attribute(let o, _): body(o)
        case .index(let o, let i): body(o); body(i)
        case .slice(let a, let b, let c): [a, b, c].forEach { if let x = $0 { body(x) } }
        case .listComp(let e, let cs), .setComp(let e, let cs), .genExp(let e, let cs): body(e); clauses(cs)
        case .dictComp(let k, let v, let cs): body(k); body(v); clauses(cs)
        case .lambda(let ps, let b):
            for p in ps { if let d = p.defaultValue { body(d) } }
            body(b)
        }
    }
}
