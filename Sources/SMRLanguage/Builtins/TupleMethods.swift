/// Methods of tuples: `count` and `index`, as Python has them.
extension Methods {
    static let tuple: [String: Impl] = [
        "count": { _, s, a, k in
            try arity("count", a, k, 1, 1)
            guard case .tuple(let t) = s else { return .none }
            return .int(t.items.filter { Compare.equal($0, a[0]) }.count)
        },
        "index": { _, s, a, k in
            try arity("index", a, k, 1, 3)
            guard case .tuple(let t) = s else { return .none }
            let n = t.items.count
            var lo = a.count > 1 ? try int(a[1], "start") : 0
            var hi = a.count > 2 ? try int(a[2], "stop") : n
            if lo < 0 { lo = Swift.max(0, lo + n) }
            if hi < 0 { hi = Swift.max(0, hi + n) }
            hi = Swift.min(hi, n)
            if lo < hi { for i in lo..<hi where Compare.equal(t.items[i], a[0]) { return .int(i) } }
            throw PyError.value("tuple.index(x): x not in tuple")
        },
    ]
}
