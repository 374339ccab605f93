/// `import itertools`: lazy iterators as CPython's itertools makes them (`count`, `cycle`,
/// `repeat`, `accumulate`, `chain`, `islice`, `groupby`, `zip_longest`, the combinatoric
/// `product`, `permutations`, `combinations`, …), in the same order and with its errors.
enum ItertoolsModule {
    typealias Next = () throws -> Value?

    static func iterator(_ kind: String, _ next: @escaping Next) -> Value {
        .iterator(IteratorObject(kind: kind, next: next))
    }

    /// A function of any number of positional arguments and keyword-only `options`.
    static func variadic(_ m: NativeModule, _ name: String, _ signature: String, _ doc: String, options: [String: Value],
                         _ body: @escaping ([Value], [String: Value]) throws -> Value) {
        m.add(BuiltinFunction(raw: name, signature: signature, doc: doc) { _, a, kw in
            var given: [String: Value] = [:]
            for (n, v) in kw {
                guard options[n] != nil else {
                    throw PyError.type("\(name)() got an unexpected keyword argument '\(n)'" + Suggestions.hint(n, Array(options.keys)))
                }
                given[n] = v
            }
            return try body(a, given)
        })
    }

    static func make() -> NativeModule {
        let m = NativeModule("itertools", doc: """
            Iterator building blocks, as Python's itertools.
                list(itertools.islice(itertools.count(10, 2), 3))   # [10, 12, 14]
                list(itertools.combinations("abc", 2))   # [('a', 'b'), ('a', 'c'), ('b', 'c')]
            """)
        m.function("count", doc: "start, start+step, start+2*step, … without end.",
                   params: [Param("start", .any, default: .int(0)), Param("step", .any, default: .int(1))]) { a in
            var cur = a["start"]
            let step = a["step"]
            guard cur.asDouble != nil, step.asDouble != nil else { throw PyError.type("a number is required") }
            return iterator("count") {
                let v = cur
                cur = try Arith.add(cur, step)
                return v
            }
        }
        m.function("cycle", doc: "The items of the iterable, over and over.", params: [Param("iterable")]) { a in
            let next = try Iteration.makeIterator(a["iterable"])
            var saved: [Value] = []
            var exhausted = false
            var k = 0
            return iterator("cycle") {
                if !exhausted {
                    if let v = try next() { saved.append(v); return v }
                    exhausted = true
                }
                guard !saved.isEmpty else { return nil }
                defer { k = (k + 1) % saved.count }
                return saved[k]
            }
        }
        m.function("repeat", doc: "object, times times (for ever when times is None).",
                   params: [Param("object"), Param("times", .any, default: .none)]) { a in
            let v = a["object"]
            var left: Int? = nil
            if !a["times"].isNone {
                guard let t = a["times"].asInt else { throw PyError.type("'\(a["times"].typeName)' object cannot be interpreted as an integer") }
                left = max(0, t)
            }
            return iterator("repeat") {
                if let l = left {
                    if l == 0 { return nil }
                    left = l - 1
                }
                return v
            }
        }
        m.function("accumulate", doc: "Running totals (or running results of func), starting with initial if given.",
                   params: [Param("iterable"), Param("func", .any, default: .none), Param("initial", .any, default: .none)]) { a in
            let next = try Iteration.makeIterator(a["iterable"])
            let f = a["func"], rt = a.runtime
            var total: Value? = a["initial"].isNone ? nil : a["initial"]
            var pendingInitial = total != nil
            return iterator("accumulate") {
                if pendingInitial { pendingInitial = false; return total }
                guard let x = try next() else { return nil }
                if let t = total {
                    total = f.isNone ? try Arith.add(t, x) : try rt.call(f, [t, x])
                } else {
                    total = x
                }
                return total
            }
        }
        m.add("chain", .object(ChainType()))
        m.function("islice", doc: "islice(iterable, stop) or islice(iterable, start, stop[, step]): a slice of any iterator.",
                   params: [Param("iterable")], acceptsExtraPositional: true) { a in
            let extra = a.extra
            guard (1...3).contains(extra.count) else {
                throw PyError.type(extra.isEmpty ? "islice expected at least 2 arguments, got 1" : "islice expected at most 4 arguments, got \(extra.count + 1)")
            }
            func bound(_ v: Value, _ message: String) throws -> Int? {
                if v.isNone { return nil }
                guard let i = v.asInt, i >= 0 else { throw PyError.value(message) }
                return i
            }
            let indices = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize."
            let start: Int, stop: Int?, step: Int
            if extra.count == 1 {
                start = 0
                stop = try bound(extra[0], "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.")
                step = 1
            } else {
                start = try bound(extra[0], indices) ?? 0
                stop = try bound(extra[1], indices)
                if extra.count > 2, !extra[2].isNone {
                    guard let s = extra[2].asInt, s > 0 else { throw PyError.value("Step for islice() must be a positive integer or None.") }
                    step = s
                } else {
                    step = 1
                }
            }
            let next = try Iteration.makeIterator(a["iterable"])
            var index = 0, nextWanted = start
            return iterator("islice") {
                while true {
                    if let s = stop, nextWanted >= s {
                        // Consume up to stop, as CPython does, then end.
                        while index < s, try next() != nil { index += 1 }
                        return nil
                    }
                    guard let v = try next() else { return nil }
                    index += 1
                    if index - 1 == nextWanted {
                        nextWanted += step
                        return v
                    }
                }
            }
        }
        m.function("groupby", doc: "(key, group) for each run of consecutive items with the same key(item).",
                   params: [Param("iterable"), Param("key", .any, default: .none)]) { a in
            let next = try Iteration.makeIterator(a["iterable"])
            let keyf = a["key"], rt = a.runtime
            func key(_ v: Value) throws -> Value { keyf.isNone ? v : try rt.call(keyf, [v]) }
            var pending: (Value, Value)? = nil
            var started = false
            return iterator("groupby") {
                if !started {
                    started = true
                    if let v = try next() { pending = (try key(v), v) }
                }
                guard let (k, first) = pending else { return nil }
                var group = [first]
                pending = nil
                while let v = try next() {
                    let kv = try key(v)
                    if Compare.equal(kv, k) { group.append(v) } else { pending = (kv, v); break }
                }
                return .tuple([k, iterator("_grouper", try Iteration.makeIterator(.list(group)))])
            }
        }
        variadic(m, "zip_longest", "zip_longest(*iterables, fillvalue=None)", "Like zip, but runs until the longest iterable ends, filling with fillvalue.",
                 options: ["fillvalue": .none]) { iterables, options in
            let nexts = try iterables.map { try Iteration.makeIterator($0) }
            var done = [Bool](repeating: false, count: nexts.count)
            let fill = options["fillvalue"] ?? .none
            return iterator("zip_longest") {
                guard !nexts.isEmpty else { return nil }
                var row: [Value] = []
                for (k, n) in nexts.enumerated() {
                    if !done[k], let v = try n() { row.append(v) } else { done[k] = true; row.append(fill) }
                }
                return done.allSatisfy { $0 } ? nil : .tuple(row)
            }
        }
        variadic(m, "product", "product(*iterables, repeat=1)", "The cartesian product of the iterables (repeat= times each).",
                 options: ["repeat": .int(1)]) { iterables, options in
            let rv = options["repeat"] ?? .int(1)
            guard let r = rv.asInt else { throw PyError.type("'\(rv.typeName)' object cannot be interpreted as an integer") }
            guard r >= 0 else { throw PyError.value("repeat argument cannot be negative") }
            let (slots, overflow) = iterables.count.multipliedReportingOverflow(by: r)
            if overflow { throw Limits.memoryError() }
            try Limits.checkItems(slots)
            let pools = try Array([[[Value]]](repeating: try iterables.map { try Iteration.toArray($0) }, count: r).joined())
            var idx = [Int](repeating: 0, count: pools.count)
            var finished = pools.contains { $0.isEmpty }
            return iterator("product") {
                if finished { return nil }
                let row = Value.tuple(zip(pools, idx).map { $0[$1] })
                var k = pools.count - 1
                while k >= 0 {
                    idx[k] += 1
                    if idx[k] < pools[k].count { break }
                    idx[k] = 0
                    k -= 1
                }
                if k < 0 { finished = true }
                return row
            }
        }
        m.function("permutations", doc: "Every ordering of r items of the iterable (all of them by default), in lexicographic order of positions.",
                   params: [Param("iterable"), Param("r", .any, default: .none)]) { a in
            let pool = try Iteration.toArray(a["iterable"])
            let n = pool.count
            let r = a["r"].isNone ? n : try a.int("r")
            guard r >= 0 else { throw PyError.value("r must be non-negative") }
            var indices = Array(0..<n), cycles = r > n ? [] : Array(stride(from: n, to: n - r, by: -1))
            var first = true, finished = r > n
            return iterator("permutations") {
                if finished { return nil }
                if first { first = false; return .tuple(indices.prefix(r).map { pool[$0] }) }
                var i = r - 1
                while i >= 0 {
                    cycles[i] -= 1
                    if cycles[i] == 0 {
                        let moved = indices.remove(at: i)
                        indices.append(moved)
                        cycles[i] = n - i
                    } else {
                        let j = cycles[i]
                        indices.swapAt(i, n - j)
                        return .tuple(indices.prefix(r).map { pool[$0] })
                    }
                    i -= 1
                }
                finished = true
                return nil
            }
        }
        func combinations(_ name: String, replacement: Bool) {
            m.function(name, doc: replacement ? "r-length combinations of the items, each allowed more than once, in order."
                                              : "r-length subsequences of the items, in order.",
                       params: [Param("iterable"), Param("r", .int)]) { a in
                let pool = try Iteration.toArray(a["iterable"])
                let n = pool.count, r = try a.int("r")
                guard r >= 0 else { throw PyError.value("r must be non-negative") }
                if r > n && !replacement { return iterator(name) { nil } }
                try Limits.checkItems(r)
                var indices = replacement ? [Int](repeating: 0, count: r) : Array(0..<r)
                var first = true, finished = replacement ? (n == 0 && r > 0) : r > n
                return iterator(name) {
                    if finished { return nil }
                    if first { first = false; return .tuple(indices.map { pool[$0] }) }
                    var i = r - 1
                    while i >= 0, indices[i] == (replacement ? n - 1 : i + n - r) { i -= 1 }
                    if i < 0 { finished = true; return nil }
                    if replacement {
                        let v = indices[i] + 1
                        for j in i..<r { indices[j] = v }
                    } else {
                        indices[i] += 1
                        for j in (i + 1)..<max(r, i + 1) { indices[j] = indices[j - 1] + 1 }
                    }
                    return .tuple(indices.map { pool[$0] })
                }
            }
        }
        combinations("combinations", replacement: false)
        combinations("combinations_with_replacement", replacement: true)
        m.function("starmap", doc: "function(*args) for each args of the iterable.", params: [Param("function"), Param("iterable")]) { a in
            let next = try Iteration.makeIterator(a["iterable"])
            let f = a["function"], rt = a.runtime
            return iterator("starmap") {
                guard let args = try next() else { return nil }
                return try rt.call(f, try Iteration.toArray(args))
            }
        }
        func whileFunction(_ name: String, _ doc: String, take: Bool) {
            m.function(name, doc: doc, params: [Param("predicate"), Param("iterable")]) { a in
                let next = try Iteration.makeIterator(a["iterable"])
                let f = a["predicate"], rt = a.runtime
                var switched = false
                return iterator(name) {
                    while let v = try next() {
                        if switched { return take ? nil : v }
                        if try rt.call(f, [v]).truth() { if take { return v } } else { switched = true; if !take { return v }; return nil }
                    }
                    return nil
                }
            }
        }
        whileFunction("takewhile", "Items while predicate(item) is true.", take: true)
        whileFunction("dropwhile", "Items from the first one for which predicate(item) is false.", take: false)
        m.function("filterfalse", doc: "Items for which predicate(item) is false.", params: [Param("predicate"), Param("iterable")]) { a in
            let next = try Iteration.makeIterator(a["iterable"])
            let f = a["predicate"], rt = a.runtime
            return iterator("filterfalse") {
                while let v = try next() {
                    if !(f.isNone ? try v.truth() : try rt.call(f, [v]).truth()) { return v }
                }
                return nil
            }
        }
        m.function("pairwise", doc: "Overlapping pairs (a, b), (b, c), … of the items.", params: [Param("iterable")]) { a in
            let next = try Iteration.makeIterator(a["iterable"])
            var prev: Value? = nil
            return iterator("pairwise") {
                if prev == nil { prev = try next() }
                guard let p = prev, let v = try next() else { return nil }
                prev = v
                return .tuple([p, v])
            }
        }
        return m
    }
}

/// `itertools.chain`: called with iterables, and `chain.from_iterable(iterables)`.
final class ChainType: NativeObject {
    override var typeName: String { "type" }
    override var repr: String { "<class 'itertools.chain'>" }
    override var helpText: String {
        "class chain\n |  chain(*iterables)\n |\n |  The items of the first iterable, then of the second, and so on.\n |\n |  Methods:\n |    chain.from_iterable(iterable) — chain the iterables an iterable yields, lazily\n"
    }
    override var attributeNames: [String] { ["from_iterable"] }

    static func chained(_ outer: @escaping ItertoolsModule.Next) -> Value {
        var inner: ItertoolsModule.Next? = nil
        return ItertoolsModule.iterator("chain") {
            while true {
                if let i = inner, let v = try i() { return v }
                guard let nextIterable = try outer() else { return nil }
                inner = try Iteration.makeIterator(nextIterable)
            }
        }
    }

    override func call(_ args: [Value], _ keywords: [(String, Value)], runtime: Runtime) throws -> Value {
        try Builtins.noKeywords("chain", keywords)
        return ChainType.chained(try Iteration.makeIterator(.list(args)))
    }

    override func getAttribute(_ name: String) throws -> Value {
        if name == "from_iterable" {
            return .builtin(BuiltinFunction("chain.from_iterable", doc: "Chain the iterables an iterable yields, lazily.", params: [Param("iterable")]) { a in
                ChainType.chained(try Iteration.makeIterator(a["iterable"]))
            })
        }
        return try super.getAttribute(name)
    }
}
