/// `locals()`, `vars()` and `dir()` without arguments inside a function or class body: they
/// read the frame's slots, which only the compiler can name, so such calls compile to a
/// snapshot of the scope's bound variables (a new dict each call, as CPython's `locals()`
/// in a function is). At module level the builtins answer from the globals. A program that
/// rebinds the name (`locals = …`) calls its own value instead.
extension Compiler {
    static let scopeIntrospection: Set<String> = ["locals", "vars", "dir"]

    func compileScopeIntrospection(_ name: String, _ s: Site) -> Eval? {
        guard Compiler.scopeIntrospection.contains(name), scope.isFunction || scope.isClass,
              case .global(let cell) = resolve(name) else { return nil }
        let layout = LocalsLayout(scope)
        let rt = self.rt
        let fname = scope.name
        return { fp in
            if case .unbound = cell.ptr.pointee {
                let d = layout.snapshot(fp)
                if name != "dir" { return .dict(d) }
                return .list(ListObject(d.keys.sorted { Compare.strLess($0.asString ?? "", $1.asString ?? "") }))
            }
            do { return try rt.call(cell.ptr.pointee, []) } catch { throw Compiler.traced(error, s, fname) }
        }
    }
}

/// The named slots of a scope in definition order, read once the whole scope is compiled
/// (variables captured from enclosing functions get their slots as the body uses them).
final class LocalsLayout {
    private var scope: Scope?
    private var entries: [(name: String, slot: Int, isCell: Bool)] = []
    private var prefix: [(String, Value)] = []

    init(_ scope: Scope) { self.scope = scope }

    func snapshot(_ fp: Fp) -> DictObject {
        if let sc = scope {
            resolve(sc)
            scope = nil
        }
        let d = DictObject()
        for (n, v) in prefix { d.set(.str(n), v, hash: .text(n)) }
        for e in entries {
            let v = e.isCell ? (Cell.at(fp + e.slot)?.value ?? .unbound) : fp[e.slot]
            if case .unbound = v { continue }
            d.set(.str(e.name), v, hash: .text(e.name))
        }
        return d
    }

    private func resolve(_ sc: Scope) {
        var named = sc.slots.map { (name: $0.key, slot: $0.value, isCell: sc.cellSlots.contains($0.value)) }
        if sc.isClass {
            // A class body's `__class__` slot is the cell its methods share, not a variable.
            named.removeAll { $0.name == "__class__" }
            if let outer = sc.parent {
                prefix = [("__module__", .str("__main__")),
                          ("__qualname__", .str(Compiler.qualifiedName(sc.name, in: outer, isLambda: false)))]
            }
        }
        entries = named.sorted { $0.slot < $1.slot }
    }
}
