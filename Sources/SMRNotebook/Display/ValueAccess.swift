import SMRLanguage

/// Reading language values from display helpers.
enum ValueAccess {
    /// The elements of a list, tuple, range, dict (keys), str or iterable library object.
    static func elements(_ v: Value, _ what: String) throws -> [Value] {
        switch v {
        case .list(let l): return l.items
        case .tuple(let t): return t.items
        case .range(let r):
            guard r.count <= 10_000_000 else { throw PyError(.valueError, "\(what) is too long") }
            return (0..<r.count).map { .int(r.start + $0 * r.step) }
        case .dict(let d): return d.keys
        case .str(let s): return s.map { .str(String($0)) }
        case .object(let o):
            let next = try o.makeIterator()
            var out: [Value] = []
            while let x = try next() {
                out.append(x)
                if out.count > 10_000_000 { throw PyError(.valueError, "\(what) is too long") }
            }
            return out
        default:
            throw PyError(.typeError, "\(what) must be a list, not \(v.typeName)")
        }
    }

    static func doubles(_ v: Value, _ what: String) throws -> [Double] {
        try elements(v, what).map { x in
            if let d = x.asDouble { return d }
            if case .none = x { return .nan }
            throw PyError(.typeError, "\(what) must contain numbers, not \(x.typeName)")
        }
    }

    static func cell(_ v: Value) -> TableCell {
        switch v {
        case .none: return .none
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .float(let d): return .float(d)
        case .str(let s): return .str(s)
        default: return .str(v.description)
        }
    }
}
