/// Indexing and slicing with Python's negative indices and steps.
enum Subscript {
    static func index(_ i: Value, for container: Value) throws -> Int {
        if let k = Arith.intOf(i) { return k }
        if case .object = i, let k = i.asInt { return k }  // a numpy int64 (its __index__)
        if BigIntObject.isBig(i) { throw PyError.index("cannot fit 'int' into an index-sized integer") }
        if case .str = container { throw PyError.type("string indices must be integers, not '\(i.typeName)'") }
        let what = container.typeName
        throw PyError.type("\(what) indices must be integers or slices, not \(i.typeName)")
    }

    @inline(__always) static func normalize(_ k: Int, _ n: Int, _ what: String) throws -> Int {
        let j = k < 0 ? k + n : k
        if j < 0 || j >= n { throw PyError.index("\(what) index out of range") }
        return j
    }

    static func getItem(_ c: Value, _ i: Value) throws -> Value {
        if case .object(let sl as SliceObject) = i {
            let (a, b, st) = try sl.intBounds()
            return try getSlice(c, a, b, st)
        }
        switch c {
        case .list(let l):
            let k = try index(i, for: c)
            return l.items[try normalize(k, l.items.count, "list")]
        case .tuple(let t):
            let k = try index(i, for: c)
            return t.items[try normalize(k, t.items.count, "tuple")]
        case .dict(let d):
            if let v = try d.lookup(i) { return v }
            if let f = d.flavor { return try f.missing(d, i) }
            throw PyError(.keyError, Repr.repr(i))
        case .str(let s):
            let k = try index(i, for: c)
            let us = s.unicodeScalars
            let n = us.count
            let j = try normalize(k, n, "string")
            return .str(String(us[us.index(us.startIndex, offsetBy: j)]))
        case .range(let r):
            let k = try index(i, for: c)
            return .int(r.at(try normalize(k, r.count, "range object")))
        case .object(let o):
            return try o.getItem(i)
        case .builtin(let b) where b.isType && TypingModule.genericBuiltins.contains(b.name):
            return .object(TypeHint(b.name, args: { if case .tuple(let t) = i { return t.items }; return [i] }()))
        default:
            throw PyError.type("'\(c.typeName)' object is not subscriptable")
        }
    }

    static func setItem(_ c: Value, _ i: Value, _ v: Value) throws {
        if case .object(let sl as SliceObject) = i, case .list(let l) = c {
            let (a, b, st) = try sl.intBounds()
            return try setSlice(l, a, b, st, try Iteration.toArray(v))
        }
        switch c {
        case .list(let l):
            let k = try index(i, for: c)
            let n = l.items.count
            let j = k < 0 ? k + n : k
            if j < 0 || j >= n { throw PyError.index("list assignment index out of range") }
            l.items[j] = v
        case .dict(let d):
            try d.set(i, v)
        case .object(let o):
            try o.setItem(i, v)
        default:
            throw PyError.type("'\(c.typeName)' object does not support item assignment")
        }
    }

    static func delItem(_ c: Value, _ i: Value) throws {
        if case .object(let sl as SliceObject) = i, case .list(let l) = c {
            let (a, b, st) = try sl.intBounds()
            let (start, stop, step) = try sliceIndices(a, b, st, l.items.count)
            let n = sliceCount(start, stop, step)
            var doomed = Set<Int>()
            for k in 0..<n { doomed.insert(start + k * step) }
            l.items = l.items.enumerated().filter { !doomed.contains($0.offset) }.map { $0.element }
            return
        }
        switch c {
        case .list(let l):
            let k = try index(i, for: c)
            let n = l.items.count
            let j = k < 0 ? k + n : k
            if j < 0 || j >= n { throw PyError.index("list assignment index out of range") }
            l.items.remove(at: j)
        case .dict(let d):
            // Counter forgets a missing key silently, as CPython's Counter.__delitem__ does.
            if try d.remove(i) == nil, d.flavor?.kind != .counter { throw PyError(.keyError, Repr.repr(i)) }
        case .object(let o) where o.isUserInstance:
            try unsafeDowncast(o, to: InstanceObject.self).delItem(i)
        case .object(let g as NamespaceView):
            try g.delItem(i)
        default:
            throw PyError.type("'\(c.typeName)' object doesn't support item deletion")
        }
    }

    /// `list[a:b:step] = items`, growing or shrinking the list for step 1.
    static func setSlice(_ list: ListObject, _ a: Int?, _ b: Int?, _ st: Int?, _ newItems: [Value]) throws {
        let (start, stop, step) = try sliceIndices(a, b, st, list.items.count)
        if step == 1 {
            list.items.replaceSubrange(start..<max(start, stop), with: newItems)
            return
        }
        let n = sliceCount(start, stop, step)
        if n != newItems.count { throw PyError.value("attempt to assign sequence of size \(newItems.count) to extended slice of size \(n)") }
        var k = start
        for x in newItems { list.items[k] = x; k &+= step }
    }

    /// The indices a slice selects from a sequence of length n (Python's slice.indices).
    static func sliceIndices(_ lo: Int?, _ hi: Int?, _ step: Int?, _ n: Int) throws -> (Int, Int, Int) {
        let st = step ?? 1
        if st == 0 { throw PyError.value("slice step cannot be zero") }
        func clamp(_ v: Int?, _ dflt: Int) -> Int {
            guard var x = v else { return dflt }
            if x < 0 {
                x += n
                if x < 0 { x = st < 0 ? -1 : 0 }
            } else if x >= n {
                x = st < 0 ? n - 1 : n
            }
            return x
        }
        let start = clamp(lo, st < 0 ? n - 1 : 0)
        let stop = clamp(hi, st < 0 ? -1 : n)
        return (start, stop, st)
    }

    static func sliceCount(_ start: Int, _ stop: Int, _ step: Int) -> Int {
        if step > 0 { return start < stop ? (stop - start - 1) / step + 1 : 0 }
        return start > stop ? Int(UInt(start - stop - 1) / step.magnitude) + 1 : 0
    }

    static func selectSlice<T>(_ items: [T], _ lo: Int?, _ hi: Int?, _ step: Int?) throws -> [T] {
        let (start, stop, st) = try sliceIndices(lo, hi, step, items.count)
        if st == 1 { return start < stop ? Array(items[start..<stop]) : [] }
        let n = sliceCount(start, stop, st)
        var out: [T] = []
        out.reserveCapacity(n)
        var k = start
        for _ in 0..<n {
            out.append(items[k])
            k &+= st  // past the last item this may wrap; it is not used then
        }
        return out
    }

    static func sliceBound(_ v: Value) throws -> Int? {
        switch v {
        case .none: return nil
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        // Beyond 64 bits a bound clamps, as CPython clamps it to the index range.
        case .object(let o as BigIntObject): return o.value.negative ? Int.min + 1 : Int.max
        default: throw PyError.type("slice indices must be integers or None")
        }
    }

    static func getSlice(_ c: Value, _ lo: Int?, _ hi: Int?, _ step: Int?) throws -> Value {
        switch c {
        case .list(let l): return .list(ListObject(try selectSlice(l.items, lo, hi, step)))
        case .tuple(let t): return .tuple(TupleObject(try selectSlice(t.items, lo, hi, step)))
        case .str(let s):
            let us = Array(s.unicodeScalars)
            var out = String.UnicodeScalarView()
            out.append(contentsOf: try selectSlice(us, lo, hi, step))
            return .str(String(out))
        case .range(let r):
            let (start, stop, st) = try sliceIndices(lo, hi, step, r.count)
            let n = sliceCount(start, stop, st)
            let newStart = r.start &+ start &* r.step
            let newStep = r.step &* st
            return .range(RangeObject(newStart, newStart &+ n &* newStep, newStep))
        case .object(let o):
            return try o.getSlice(lo, hi, step)
        default:
            throw PyError.type("'\(c.typeName)' object is not subscriptable")
        }
    }
}
