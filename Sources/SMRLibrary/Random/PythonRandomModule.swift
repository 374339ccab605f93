import SMRLanguage
import SMRTensor

/// `import random`: CPython's module-level functions on one shared Mersenne Twister
/// (`PythonRandom`), seeded as CPython seeds it, so seeded draws equal Python's.
enum PythonRandomModule {
    static func make(_ rng: PythonRandom) -> NativeModule {
        let m = NativeModule("random", doc: """
            Python's random module (Mersenne Twister, CPython's seeding and algorithms).
                random.seed(0); random.random()   # 0.8444218515250481, as in CPython
            """)
        m.function("seed", doc: "Seed the stream (an int; None uses system entropy).", params: [Param("a", .any, default: .none)]) { a in
            let v = a["a"]
            if v.isNone { rng.seed(Int.random(in: 0 ... Int.max)); return .none }
            guard let n = v.asInt, v.asDouble == nil || { if case .float = v { return false }; return true }() else {
                throw PyError(.typeError, "random.seed() here takes an int or None, not \(v.typeName)")
            }
            rng.seed(n)
            return .none
        }
        m.function("random", doc: "A float in [0, 1).", params: []) { _ in .float(rng.random()) }
        m.function("uniform", doc: "A float in [a, b].", params: [Param("a", .float), Param("b", .float)]) { a in
            .float(rng.uniform(try a.double("a"), try a.double("b")))
        }
        m.function("randint", doc: "An int in [a, b], both ends included.", params: [Param("a", .any), Param("b", .any)]) { a in
            if let x = a["a"].asInt, let y = a["b"].asInt, y < Int.max, !(y + 1).subtractingReportingOverflow(x).overflow {
                return .int(try check { try rng.randint(x, y) })
            }
            guard let y = BigIntObject.integer(a["b"]) else { throw PyError(.typeError, "randint() needs ints, not \(a["b"].typeName)") }
            return try bigRandrange(rng, a["a"], BigIntObject.value(y + BigInt(1)), .int(1))
        }
        m.function("randrange", doc: "An int from range(start, stop, step).",
                   params: [Param("start", .any), Param("stop", .any, default: .none), Param("step", .any, default: .int(1))]) { a in
            if let start = a["start"].asInt, let step = a["step"].asInt, a["stop"].isNone || a["stop"].asInt != nil,
               a["stop"].asInt.map({ $0.subtractingReportingOverflow(start).overflow }) != true {
                return .int(try check { try rng.randrange(start, a["stop"].asInt, step: step) })
            }
            return try bigRandrange(rng, a["start"], a["stop"], a["step"])
        }
        m.function("getrandbits", doc: "An int with k random bits.", params: [Param("k", .int)]) { a in
            let k = try a.int("k")
            guard k >= 0 else { throw PyError(.valueError, "number of bits must be non-negative") }
            if k <= 63 { return .int(Int(rng.getrandbits(k))) }
            return BigIntObject.value(try bigRandomBits(rng, k))
        }
        m.function("choice", doc: "A random element of a non-empty sequence.", params: [Param("seq")]) { a in
            let items = try sequence(a["seq"], "choice")
            guard let i = rng.choiceIndex(count: items.count) else { throw PyError(.indexError, "Cannot choose from an empty sequence") }
            return items[i]
        }
        m.function("choices", doc: "k elements drawn with replacement, uniformly or by weights / cum_weights (CPython's algorithm).",
                   params: [Param("population"), Param("weights", .any, default: .none), Param("cum_weights", .any, default: .none),
                            Param("k", .int, default: .int(1))]) { a in
            let items = try sequence(a["population"], "choices")
            let k = try a.int("k")
            let n = items.count
            if a["cum_weights"].isNone && a["weights"].isNone {
                guard n > 0 || k <= 0 else { throw PyError(.indexError, "list index out of range") }
                return .list(ListObject((0..<max(0, k)).map { _ in items[Int(rng.random() * Double(n))] }))
            }
            guard a["cum_weights"].isNone || a["weights"].isNone else {
                throw PyError(.typeError, "Cannot specify both weights and cumulative weights")
            }
            func numbers(_ v: Value) throws -> [Double] {
                try sequence(v, "choices").map { x in
                    guard let d = x.asDouble else { throw PyError(.typeError, "unsupported operand type(s) for +: '\(x.typeName)'") }
                    return d
                }
            }
            var cum: [Double]
            if a["cum_weights"].isNone {
                cum = []
                var total = 0.0
                for w in try numbers(a["weights"]) { total += w; cum.append(total) }
            } else {
                cum = try numbers(a["cum_weights"])
            }
            guard cum.count == n else { throw PyError(.valueError, "The number of weights does not match the population") }
            guard let total = cum.last, total > 0 else { throw PyError(.valueError, "Total of weights must be greater than zero") }
            guard total.isFinite else { throw PyError(.valueError, "Total of weights must be finite") }
            return .list(ListObject((0..<max(0, k)).map { _ in
                // bisect_right(cum, random() * total, 0, n - 1)
                let x = rng.random() * total
                var lo = 0, hi = n - 1
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if x < cum[mid] { hi = mid } else { lo = mid + 1 }
                }
                return items[lo]
            }))
        }
        m.function("shuffle", doc: "Shuffle a list in place.", params: [Param("x")]) { a in
            guard case .list(let l) = a["x"] else { throw PyError(.typeError, "shuffle() needs a list, not \(a["x"].typeName)") }
            rng.shuffle(&l.items)
            return .none
        }
        m.function("sample", doc: "k distinct elements of the population, in selection order.", params: [Param("population"), Param("k", .int)]) { a in
            let items = try sequence(a["population"], "sample")
            let idx = try check { try rng.sampleIndices(populationSize: items.count, k: try a.int("k")) }
            return .list(ListObject(idx.map { items[$0] }))
        }
        m.function("gauss", doc: "A normal deviate (Box–Muller, caching the pair's second value).",
                   params: [Param("mu", .float, default: .float(0)), Param("sigma", .float, default: .float(1))]) { a in
            .float(rng.gauss(try a.double("mu"), try a.double("sigma")))
        }
        m.function("normalvariate", doc: "A normal deviate (Kinderman–Monahan).",
                   params: [Param("mu", .float, default: .float(0)), Param("sigma", .float, default: .float(1))]) { a in
            .float(rng.normalvariate(try a.double("mu"), try a.double("sigma")))
        }
        return m
    }

    /// CPython's `getrandbits(k)` for any k: 32-bit words, least significant first, the
    /// last one keeping its high bits.
    static func bigRandomBits(_ rng: PythonRandom, _ k: Int) throws -> BigInt {
        if k > BigIntObject.maxBits { throw PyError(.memoryError, "") }
        var words: [UInt32] = []
        var left = k
        while left > 0 {
            words.append(UInt32(rng.getrandbits(Swift.min(left, 32))))
            left -= 32
        }
        return BigInt(negative: false, limbs: words)
    }

    /// `_randbelow(n)` for n > 0: getrandbits(n.bit_length()) until below n.
    static func bigRandbelow(_ rng: PythonRandom, _ n: BigInt) throws -> BigInt {
        let k = n.bitLength
        var r = try bigRandomBits(rng, k)
        while BigInt.compare(r, n) >= 0 { r = try bigRandomBits(rng, k) }
        return r
    }

    /// `randrange(start, stop, step)` on ints of any size, as CPython 3.11 computes it.
    static func bigRandrange(_ rng: PythonRandom, _ startV: Value, _ stopV: Value, _ stepV: Value) throws -> Value {
        func integer(_ v: Value) throws -> BigInt {
            guard let b = BigIntObject.integer(v) else { throw PyError(.typeError, "'\(v.typeName)' object cannot be interpreted as an integer") }
            return b
        }
        let start = try integer(startV)
        if stopV.isNone {
            guard start.signum > 0 else { throw PyError(.valueError, "empty range for randrange()") }
            return BigIntObject.value(try bigRandbelow(rng, start))
        }
        let stop = try integer(stopV), step = try integer(stepV)
        let width = stop - start
        if step == BigInt(1) {
            guard width.signum > 0 else { throw PyError(.valueError, "empty range for randrange() (\(Repr.repr(startV)), \(Repr.repr(stopV)), \(Repr.repr(BigIntObject.value(width))))") }
            return BigIntObject.value(start + (try bigRandbelow(rng, width)))
        }
        guard !step.isZero else { throw PyError(.valueError, "zero step for randrange()") }
        let adjust = step.negative ? step + BigInt(1) : step - BigInt(1)
        let n = BigInt.floorDivMod(width + adjust, step)?.0 ?? BigInt()
        guard n.signum > 0 else { throw PyError(.valueError, "empty range for randrange()") }
        return BigIntObject.value(start + step * (try bigRandbelow(rng, n)))
    }

    /// The items of a list, tuple, range or string.
    static func sequence(_ v: Value, _ function: String) throws -> [Value] {
        switch v {
        case .list(let l): return l.items
        case .tuple(let t): return t.items
        case .range(let r):
            guard r.count <= 10_000_000 else { throw PyError(.valueError, "\(function)(): range too large here") }
            return (0..<r.count).map { .int(r.start + $0 * r.step) }
        case .str(let s): return s.map { .str(String($0)) }
        default: throw PyError(.typeError, "\(function)() needs a sequence, not \(v.typeName)")
        }
    }

    static func check<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as PythonRandomError { throw PyError(.valueError, e.description) }
    }
}
