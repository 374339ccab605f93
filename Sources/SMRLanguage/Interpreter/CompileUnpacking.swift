/// Iterable unpacking: `[*xs, 1]`, `(*a, *b)`, `{**defaults, 'k': v}` displays and
/// starred assignment targets `first, *rest = items`.
extension Compiler {
    static func isStarred(_ e: Expr) -> Bool {
        if case .starred = e.kind { return true }
        return false
    }

    /// The items of a list/tuple display whose elements may be `*iterable`.
    func compileUnpackingItems(_ xs: [Expr]) throws -> (Fp) throws -> [Value] {
        var parts: [(EvalBox, Bool, Site)] = []
        for x in xs {
            if case .starred(let inner) = x.kind {
                parts.append((EvalBox(try compileExpr(inner)), true, site(x.pos)))
            } else {
                parts.append((EvalBox(try compileExpr(x)), false, site(x.pos)))
            }
        }
        return { fp in
            var out: [Value] = []
            for (e, spread, s) in parts {
                let v = try e.run(fp)
                if !spread { out.append(v); continue }
                do { out.append(contentsOf: try Iteration.toArray(v)) } catch { throw s.attach(error) }
            }
            return out
        }
    }

    /// A dict display with `**mapping` entries, merged left to right.
    func compileUnpackingDict(_ pairs: [(Expr, Expr)], _ p: Pos) throws -> Eval {
        var parts: [(EvalBox?, EvalBox, Site)] = []
        for (k, v) in pairs {
            if case .starred(let m) = k.kind {
                parts.append((nil, EvalBox(try compileExpr(m)), site(m.pos)))
            } else {
                parts.append((EvalBox(try compileExpr(k)), EvalBox(try compileExpr(v)), site(p)))
            }
        }
        return { fp in
            let d = DictObject()
            for (k, v, s) in parts {
                do {
                    if let k {
                        let key = try k.run(fp)
                        try d.set(key, try v.run(fp))
                        continue
                    }
                    let m = try v.run(fp)
                    switch m {
                    case .dict(let src):
                        for (kk, vv) in zip(src.keys, src.values) { try d.set(kk, vv) }
                    case .object(let o as MappingSnapshot):
                        let src = o.snapshot()
                        for (kk, vv) in zip(src.keys, src.values) { try d.set(kk, vv) }
                    default:
                        throw PyError.type("'\(m.typeName)' object is not a mapping")
                    }
                } catch { throw s.attach(error) }
            }
            return .dict(d)
        }
    }

    /// `a, *rest, z = items`: the starred target gets a list of the middle items.
    func compileStarredStore(_ xs: [Expr], _ star: Int, _ s: Site) throws -> Store {
        var stores: [Store] = []
        for x in xs {
            if case .starred(let inner) = x.kind { stores.append(try compileStore(inner)) } else { stores.append(try compileStore(x)) }
        }
        let before = star, after = xs.count - star - 1
        return { fp, v in
            let items: [Value]
            do {
                switch v {
                case .str, .dict, .range, .iterator, .object, .list, .tuple: items = try Iteration.toArray(v)
                default: throw PyError.type("cannot unpack non-iterable \(v.typeName) object")
                }
                if items.count < before + after {
                    throw PyError.value("not enough values to unpack (expected at least \(before + after), got \(items.count))")
                }
            } catch { throw s.attach(error) }
            for k in 0..<before { try stores[k](fp, items[k]) }
            try stores[star](fp, .list(ListObject(Array(items[before..<(items.count - after)]))))
            for k in 0..<after { try stores[star + 1 + k](fp, items[items.count - after + k]) }
        }
    }
}
