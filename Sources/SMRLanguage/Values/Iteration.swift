/// Iterating values: lists, tuples, strings, dicts (keys), ranges, iterators, library objects.
enum Iteration {
    /// Call `body` for each element; `body` returns false to stop early.
    static func forEach(_ v: Value, _ body: (Value) throws -> Bool) throws {
        switch v {
        case .list(let l):
            var k = 0
            while k < l.items.count {
                if try !body(l.items[k]) { return }
                k += 1
            }
        case .tuple(let t):
            for x in t.items where try !body(x) { return }
        case .str(let s):
            for u in s.unicodeScalars where try !body(.str(String(u))) { return }
        case .dict(let d):
            let keys = d.keys
            for k in keys where try !body(k) { return }
        case .range(let r):
            let n = r.count
            var k = 0
            while k < n {
                if k & 0xFFF == 0xFFF { try pollInterrupt() }
                if try !body(.int(r.at(k))) { return }
                k += 1
            }
        case .iterator(let it):
            var k = 0
            while let x = try it.nextValue() {
                k += 1
                if k & 0xFFF == 0 { try pollInterrupt() }
                if try !body(x) { return }
            }
        case .object(let o):
            if let g = o as? GeneratorObject {
                let rt = g.rt
                while let x = try g.resume(.none, rt) {
                    if try !body(x) { return }
                }
                return
            }
            let next = try o.makeIterator()
            while let x = try next() {
                if try !body(x) { return }
            }
        default:
            throw PyError.type("'\(v.typeName)' object is not iterable")
        }
    }

    /// Long loops inside builtins (`sum(range(10**12))`) stop on Ctrl-C too.
    static func pollInterrupt() throws {
        if _slowPath(interruptFlag.load(ordering: .relaxed)) {
            interruptFlag.store(false, ordering: .relaxed)
            throw PyError(.keyboardInterrupt, "")
        }
    }

    /// All elements as an array.
    static func toArray(_ v: Value) throws -> [Value] {
        switch v {
        case .list(let l): return l.items
        case .tuple(let t): return t.items
        default:
            var out: [Value] = []
            if case .range(let r) = v {
                try Limits.checkItems(r.count)
                out.reserveCapacity(r.count)
            }
            try forEach(v) {
                if out.count >= Limits.maxItems { throw Limits.memoryError() }
                out.append($0)
                return true
            }
            return out
        }
    }

    /// A pull-style iterator over a value (for zip/enumerate).
    static func makeIterator(_ v: Value) throws -> () throws -> Value? {
        switch v {
        case .list(let l):
            var k = 0
            return {
                guard k < l.items.count else { return nil }
                k += 1
                return l.items[k - 1]
            }
        case .tuple(let t):
            var k = 0
            return {
                guard k < t.items.count else { return nil }
                k += 1
                return t.items[k - 1]
            }
        case .range(let r):
            var k = 0
            let n = r.count
            return {
                guard k < n else { return nil }
                k += 1
                return .int(r.at(k - 1))
            }
        case .iterator(let it): return it.nextValue
        case .object(let o): return try o.makeIterator()
        default:
            let items = try toArray(v)
            var k = 0
            return {
                guard k < items.count else { return nil }
                k += 1
                return items[k - 1]
            }
        }
    }

    /// Length for `len()`.
    static func length(_ v: Value) throws -> Int {
        switch v {
        case .list(let l): return l.items.count
        case .tuple(let t): return t.items.count
        case .str(let s): return StringBytes.codePointCount(s)
        case .dict(let d): return d.count
        case .range(let r): return r.count
        case .object(let o):
            if let n = try o.length() { return n }
        default: break
        }
        throw PyError.type("object of type '\(v.typeName)' has no len()")
    }
}
