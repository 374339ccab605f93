/// `import collections`: `Counter`, `defaultdict` and `OrderedDict` (dicts with a
/// `DictFlavor`, so everything a dict does they do), `deque` and `namedtuple`, with
/// CPython 3.11's reprs and methods.
enum CollectionsModule {
    static func make() -> NativeModule {
        let m = NativeModule("collections", doc: """
            Container types: Counter, defaultdict, OrderedDict, deque, namedtuple.
                c = Counter("abracadabra"); c.most_common(2)   # [('a', 5), ('b', 2)]
                d = defaultdict(list); d["k"].append(1)
                q = deque(maxlen=3); q.append(1)
                Point = namedtuple("Point", ["x", "y"])
            """)
        m.add("Counter", counterClass)
        m.add("defaultdict", defaultdictClass)
        m.add("OrderedDict", orderedDictClass)
        m.add(DequeObject.type)
        m.function("namedtuple", doc: "A tuple class with named fields: namedtuple('Point', ['x', 'y']) or 'x y'.",
                   params: [Param("typename", .str), Param("field_names"), Param("rename", .bool, default: .bool(false)),
                            Param("defaults", .any, default: .none), Param("module", .any, default: .none)]) { a in
            .object(try NamedTupleObject.makeClass(try a.string("typename"), a["field_names"], defaults: a["defaults"]))
        }
        return m
    }

    static func flavored(_ kind: DictFlavor.Kind, _ rt: Runtime) -> DictObject {
        let d = DictObject()
        let cls: Value
        switch kind {
        case .counter: cls = counterClass
        case .defaultdict: cls = defaultdictClass
        case .orderedDict: cls = orderedDictClass
        }
        d.flavor = DictFlavor(kind, cls: cls, runtime: rt)
        return d
    }

    static let counterClass = Builtins.raw("Counter", "Counter(iterable_or_mapping=None, **kwds)",
                                           "A dict counting hashable items; missing items count 0.", isType: true) { rt, a, kw in
        try Builtins.count("Counter", a, 0, 1)
        let d = flavored(.counter, rt)
        try countInto(d, a.first, kw, sign: 1)
        return .dict(d)
    }

    static let defaultdictClass = Builtins.raw("defaultdict", "defaultdict(default_factory=None, mapping_or_pairs=(), **kwargs)",
                                               "A dict that calls default_factory() for a missing key and stores the result.", isType: true) { rt, a, kw in
        try Builtins.count("defaultdict", a, 0, 2)
        let factory = a.first ?? .none
        if !factory.isNone {
            switch factory {
            case .function, .builtin, .object: break
            default: throw PyError.type("first argument must be callable or None")
            }
        }
        let d = flavored(.defaultdict, rt)
        d.flavor?.defaultFactory = factory
        try Builtins.fillDict(d, a.count > 1 ? a[1] : nil)
        for (k, v) in kw { try d.set(.str(k), v) }
        return .dict(d)
    }

    static let orderedDictClass = Builtins.raw("OrderedDict", "OrderedDict(mapping_or_pairs=(), **kwargs)",
                                               "A dict that remembers insertion order, with move_to_end and popitem(last=).", isType: true) { rt, a, kw in
        try Builtins.count("OrderedDict", a, 0, 1)
        let d = flavored(.orderedDict, rt)
        try Builtins.fillDict(d, a.first)
        for (k, v) in kw { try d.set(.str(k), v) }
        return .dict(d)
    }

    /// Counter.update / subtract: add (or take away) counts from a mapping or an iterable.
    static func countInto(_ d: DictObject, _ src: Value?, _ kw: [(String, Value)], sign: Int) throws {
        func add(_ k: Value, _ n: Value) throws {
            let old = try d.lookup(k) ?? .int(0)
            try d.set(k, try Arith.binary(sign > 0 ? .add : .sub, old, n))
        }
        if let src, !src.isNone {
            if case .dict(let o) = src {
                for (k, v) in zip(o.keys, o.values) { try add(k, v) }
            } else {
                try Iteration.forEach(src) { try add($0, .int(1)); return true }
            }
        }
        for (k, v) in kw { try add(.str(k), v) }
    }

    /// `a + b`, `a - b`, `a | b`, `a & b` of two Counters (nil unless both are): counts
    /// combined per key, keeping only positive results, `a`'s keys first, as CPython does.
    static func counterOp(_ op: BinaryOp, _ a: DictObject, _ b: DictObject) throws -> Value? {
        guard a.flavor?.kind == .counter, b.flavor?.kind == .counter else { return nil }
        guard [.add, .sub, .bitOr, .bitAnd].contains(op), let rt = a.flavor?.runtime else { return nil }
        let out = flavored(.counter, rt)
        let zero = Value.int(0)
        for (k, x) in zip(a.keys, a.values) {
            let y = try b.lookup(k) ?? zero
            let r: Value
            switch op {
            case .add: r = try Arith.add(x, y)
            case .sub: r = try Arith.sub(x, y)
            case .bitOr: r = try Compare.compare(.lt, x, y) ? y : x
            default: r = try Compare.compare(.lt, y, x) ? y : x
            }
            if try Compare.compare(.gt, r, zero) { try out.set(k, r) }
        }
        if op != .bitAnd {
            for (k, y) in zip(b.keys, b.values) where try a.lookup(k) == nil {
                let r = op == .sub ? try Arith.sub(zero, y) : y
                if try Compare.compare(.gt, r, zero) { try out.set(k, r) }
            }
        }
        return .dict(out)
    }

    /// `(key, count)` pairs by count, largest first; ties keep insertion order.
    static func mostCommon(_ d: DictObject) throws -> [(Value, Value)] {
        let pairs = Array(zip(d.keys, d.values))
        var order = Array(pairs.indices)
        try order.sort { i, j in
            if try Compare.compare(.lt, pairs[j].1, pairs[i].1) { return true }
            if try Compare.compare(.lt, pairs[i].1, pairs[j].1) { return false }
            return i < j
        }
        return order.map { pairs[$0] }
    }

    static func repr(_ d: DictObject, _ f: DictFlavor, _ seen: inout [ObjectIdentifier]) -> String {
        func item(_ k: Value, _ v: Value, _ seen: inout [ObjectIdentifier]) -> String { Repr.repr(k, &seen) + ": " + Repr.repr(v, &seen) }
        switch f.kind {
        case .counter:
            if d.count == 0 { return "Counter()" }
            let pairs = (try? mostCommon(d)) ?? Array(zip(d.keys, d.values))
            return "Counter({" + pairs.map { item($0.0, $0.1, &seen) }.joined(separator: ", ") + "})"
        case .defaultdict:
            let body = zip(d.keys, d.values).map { item($0.0, $0.1, &seen) }.joined(separator: ", ")
            return "defaultdict(\(Repr.repr(f.defaultFactory, &seen)), {\(body)})"
        case .orderedDict:
            if d.count == 0 { return "OrderedDict()" }
            return "OrderedDict([" + zip(d.keys, d.values).map { "(" + Repr.repr($0.0, &seen) + ", " + Repr.repr($0.1, &seen) + ")" }.joined(separator: ", ") + "])"
        }
    }

    /// The methods a flavour adds to (or changes in) dict's.
    static func methods(_ kind: DictFlavor.Kind) -> [String: Methods.Impl] {
        switch kind {
        case .counter: return counterMethods
        case .orderedDict: return orderedDictMethods
        case .defaultdict: return [:]
        }
    }

    /// The positional arguments with the one optional last parameter `name` appended when
    /// it is given by keyword (`most_common(n=2)`, `move_to_end(k, last=False)`).
    static func trailingKeyword(_ function: String, _ a: [Value], _ k: [(String, Value)], _ name: String) throws -> [Value] {
        var args = a
        for (n, v) in k {
            guard n == name else { throw PyError.type("\(function)() got an unexpected keyword argument '\(n)'") }
            args.append(v)
        }
        return args
    }

    static func dict(_ v: Value) -> DictObject {
        if case .dict(let d) = v { return d }
        return DictObject()
    }

    static let counterMethods: [String: Methods.Impl] = [
        "most_common": { _, s, a, k in
            let args = try trailingKeyword("most_common", a, k, "n")
            if args.count > 1 { throw PyError.type("most_common() takes from 1 to 2 positional arguments but \(args.count + 1) were given") }
            var pairs = try mostCommon(dict(s))
            if let n = args.first, !n.isNone {
                guard let c = n.asInt else { throw PyError.type("'\(n.typeName)' object cannot be interpreted as an integer") }
                pairs = Array(pairs.prefix(max(0, c)))
            }
            return .list(pairs.map { .tuple([$0.0, $0.1]) })
        },
        "elements": { _, s, a, k in
            try Methods.arity("elements", a, k, 0, 0)
            let d = dict(s)
            var out: [Value] = []
            for (key, v) in zip(d.keys, d.values) {
                guard let n = v.asInt else { throw PyError.type("'\(v.typeName)' object cannot be interpreted as an integer") }
                try Limits.checkItems(max(0, n))
                try Limits.checkItems(out.count + max(0, n))
                out += [Value](repeating: key, count: max(0, n))
            }
            return .iterator(IteratorObject(kind: "itertools.chain", next: try Iteration.makeIterator(.list(out))))
        },
        "total": { _, s, a, k in
            try Methods.arity("total", a, k, 0, 0)
            return try dict(s).values.reduce(.int(0)) { try Arith.binary(.add, $0, $1) }
        },
        "update": { _, s, a, k in
            if a.count > 1 { throw PyError.type("update expected at most 1 argument, got \(a.count)") }
            try countInto(dict(s), a.first, k, sign: 1)
            return .none
        },
        "subtract": { _, s, a, k in
            if a.count > 1 { throw PyError.type("subtract expected at most 1 argument, got \(a.count)") }
            try countInto(dict(s), a.first, k, sign: -1)
            return .none
        },
    ]

    static let orderedDictMethods: [String: Methods.Impl] = [
        "move_to_end": { _, s, a, k in
            let args = try trailingKeyword("move_to_end", a, k, "last")
            guard (1...2).contains(args.count) else { throw PyError.type("move_to_end() takes from 1 to 2 arguments (\(args.count) given)") }
            let d = dict(s)
            guard let v = try d.remove(args[0]) else { throw PyError(.keyError, Repr.repr(args[0])) }
            if args.count > 1 && !args[1].isTruthy {
                let rest = Array(zip(d.keys, d.values))
                d.removeAll()
                try d.set(args[0], v)
                for (kk, vv) in rest { try d.set(kk, vv) }
            } else {
                try d.set(args[0], v)
            }
            return .none
        },
        "popitem": { _, s, a, k in
            let args = try trailingKeyword("popitem", a, k, "last")
            let d = dict(s)
            let last = args.first?.isTruthy ?? true
            guard let key = last ? d.keys.last : d.keys.first else { throw PyError(.keyError, "'dictionary is empty'") }
            let v = try d.remove(key) ?? .none
            return .tuple([key, v])
        },
    ]
}
