/// Compile-time scope: maps names to frame slots (slot 0 holds a function's return value).
final class Scope {
    let isFunction: Bool
    let name: String
    let parent: Scope?
    var slots: [String: Int] = [:]
    var size = 1
    var declaredGlobal: Set<String> = []
    /// Variables of enclosing functions used here: name → (slot here, how the parent reads it).
    var captures: [(name: String, slot: Int)] = []
    var loopDepth = 0

    init(function: Bool, name: String, parent: Scope?) {
        isFunction = function
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
        if isFunction, !declaredGlobal.contains(name), let p = parent, p.resolvesLocally(name) {
            let s = newSlot()
            slots[name] = s
            captures.append((name, s))
            return s
        }
        return nil
    }

    /// Whether this scope (or an enclosing function) has `name` as a local variable.
    func resolvesLocally(_ name: String) -> Bool {
        if slots[name] != nil { return true }
        if isFunction, !declaredGlobal.contains(name), let p = parent { return p.resolvesLocally(name) }
        return false
    }
}

/// Names a function body assigns to (its locals), and names it declares `global`.
enum ScopeAnalysis {
    static func assignedNames(_ body: [Stmt]) -> (assigned: [String], globals: Set<String>) {
        var assigned: [String] = []
        var seen: Set<String> = []
        var globals: Set<String> = []
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
        func walk(_ stmts: [Stmt]) {
            for s in stmts {
                switch s.kind {
                case .assign(let ts, _): ts.forEach(target)
                case .augAssign(let t, _, _): target(t)
                case .forStmt(let t, _, let b): target(t); walk(b)
                case .whileStmt(_, let b): walk(b)
                case .ifStmt(let brs, let e):
                    for (_, b) in brs { walk(b) }
                    if let e { walk(e) }
                case .def(let n, _, _, _): add(n)
                case .importStmt(let ms):
                    for (m, a) in ms { add(a ?? String(m.split(separator: ".").first ?? Substring(m))) }
                case .fromImport(_, let ns):
                    for (n, a) in ns { add(a ?? n) }
                case .global(let ns): ns.forEach { globals.insert($0) }
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
                case .with(let items, let b):
                    for case (_, let t?) in items { target(t) }
                    walk(b)
                default: break
                }
            }
        }
        walk(body)
        return (assigned.filter { !globals.contains($0) }, globals)
    }
}
