/// Python equality, ordering, identity and membership.
enum Compare {
    /// Nesting depth of container comparisons in progress; very deep structures compare
    /// as unequal instead of exhausting the native stack.
    nonisolated(unsafe) static var nesting = 0

    static func equal(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x == y
        case (.str(let x), .str(let y)): return strEqual(x, y)
        case (.float(let x), .float(let y)): return x == y
        case (.none, .none): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int, .float), (.float, .int), (.bool, .int), (.int, .bool), (.bool, .float), (.float, .bool):
            return numEqual(a, b)
        case (.list(let x), .list(let y)):
            if x === y { return true }
            return seqEqual(x.items, y.items)
        case (.tuple(let x), .tuple(let y)): return seqEqual(x.items, y.items)
        case (.dict(let x), .dict(let y)):
            if x === y { return true }
            guard x.count == y.count, nesting <= 2000 else { return false }
            nesting += 1
            defer { nesting -= 1 }
            for (k, v) in zip(x.keys, x.values) {
                guard let h = try? HashKey.of(k), let w = y.get(hash: h), equal(v, w) else { return false }
            }
            return true
        case (.range(let x), .range(let y)):
            return x.count == y.count && (x.count == 0 || (x.start == y.start && (x.count == 1 || x.step == y.step)))
        case (.function(let x), .function(let y)): return x === y
        case (.builtin(let x), .builtin(let y)): return x === y || (x.isType && y.isType && x.name == y.name)
        case (.iterator(let x), .iterator(let y)): return x === y
        case (.object(let x), _): return x.equals(b)
        case (_, .object(let y)): return y.equals(a)
        default: return false
        }
    }

    static func numEqual(_ a: Value, _ b: Value) -> Bool {
        if let x = Arith.intOf(a), let y = Arith.intOf(b) { return x == y }
        // int vs float: exact comparison.
        if let x = Arith.intOf(a), case .float(let y) = b { return intFloatCmp(x, y) == 0 }
        if case .float(let x) = a, let y = Arith.intOf(b) { return intFloatCmp(y, x) == 0 }
        return false
    }

    /// Exact comparison of an int and a float: -1, 0, 1, or nil for NaN.
    static func intFloatCmp(_ i: Int, _ d: Double) -> Int? {
        if d.isNaN { return nil }
        if d >= 9.3e18 { return -1 }
        if d <= -9.3e18 { return 1 }
        let t = d.rounded(.towardZero)
        let ti = Int(t)
        if i < ti { return -1 }
        if i > ti { return 1 }
        let frac = d - t
        return frac > 0 ? -1 : (frac < 0 ? 1 : 0)
    }

    static func seqEqual(_ x: [Value], _ y: [Value]) -> Bool {
        guard x.count == y.count else { return false }
        if nesting > 2000 { return false }
        nesting += 1
        defer { nesting -= 1 }
        for k in 0..<x.count where !equal(x[k], y[k]) { return false }
        return true
    }

    static func identical(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.none, .none): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.float(let x), .float(let y)): return x.bitPattern == y.bitPattern
        case (.str(let x), .str(let y)): return strEqual(x, y)
        case (.list(let x), .list(let y)): return x === y
        case (.tuple(let x), .tuple(let y)): return x === y || (x.items.isEmpty && y.items.isEmpty)
        case (.dict(let x), .dict(let y)): return x === y
        case (.range(let x), .range(let y)): return x === y
        case (.function(let x), .function(let y)): return x === y
        case (.builtin(let x), .builtin(let y)): return x === y || (x.isType && y.isType && x.name == y.name)
        case (.iterator(let x), .iterator(let y)): return x === y
        case (.object(let x), .object(let y)): return x === y
        default: return false
        }
    }

    /// Python compares code points: "é" (one) and "e\u{301}" (two) differ, unlike
    /// Swift's canonically-equivalent `==`.
    @inline(__always)
    static func strEqual(_ x: String, _ y: String) -> Bool { StringBytes.equal(x, y) }

    static func strLess(_ x: String, _ y: String) -> Bool { StringBytes.less(x, y) }

    /// -1/0/1 ordering for `<` and friends; throws TypeError for unorderable pairs.
    /// Returns nil when the comparison involves NaN (every ordering is False).
    static func order(_ a: Value, _ b: Value, _ op: String) throws -> Int? {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.float(let x), .float(let y)):
            if x.isNaN || y.isNaN { return nil }
            return x < y ? -1 : (x > y ? 1 : 0)
        case (.str(let x), .str(let y)): return StringBytes.order(x, y)
        case (.list(let x), .list(let y)): return try seqOrder(x.items, y.items, op)
        case (.tuple(let x), .tuple(let y)): return try seqOrder(x.items, y.items, op)
        default: break
        }
        if let x = Arith.intOf(a), let y = Arith.intOf(b) { return x < y ? -1 : (x > y ? 1 : 0) }
        if let x = Arith.intOf(a), case .float(let y) = b { return intFloatCmp(x, y) }
        if case .float(let x) = a, let y = Arith.intOf(b) { return intFloatCmp(y, x).map { -$0 } }
        if let r = BigIntArith.order(a, b) { return r }
        if case .object(let x as SetObject) = a, case .object(let y as SetObject) = b { return try x.compare(.object(y)) }
        if case .object(let o) = a, let r = try o.compare(b) { return r }
        if let o = b.userInstance, let r = try o.compare(a) { return -r }
        if case .object(let o) = b, o.numericValue != nil, let r = try o.compare(a) { return -r }
        throw PyError.type("'\(op)' not supported between instances of '\(a.typeName)' and '\(b.typeName)'")
    }

    static func seqOrder(_ x: [Value], _ y: [Value], _ op: String) throws -> Int? {
        if nesting > 2000 { throw PyError(.recursionError, "maximum recursion depth exceeded in comparison") }
        nesting += 1
        defer { nesting -= 1 }
        for k in 0..<min(x.count, y.count) where !equal(x[k], y[k]) {
            return try order(x[k], y[k], op)
        }
        return x.count < y.count ? -1 : (x.count > y.count ? 1 : 0)
    }

    static func compare(_ op: CompareOp, _ a: Value, _ b: Value) throws -> Bool {
        switch op {
        case .eq, .ne, .lt, .le, .gt, .ge:
            // Objects that compare element-wise (numpy arrays) answer with an array, whose
            // truth is numpy's (ValueError for several elements).
            if case .object(let o) = a, let v = try o.elementwiseCompare(op.rawValue, b, reflected: false) { return try v.truth() }
            if case .object(let o) = b, let v = try o.elementwiseCompare(op.rawValue, a, reflected: true) { return try v.truth() }
        default: break
        }
        switch op {
        case .lt, .le, .gt, .ge:
            if InstanceObject.ordersByMethods(a, b) {
                return try InstanceObject.richOrder(op, a, b).truth()
            }
        default: break
        }
        switch op {
        case .eq: return equal(a, b)
        case .ne: return !equal(a, b)
        case .lt: return try order(a, b, "<").map { $0 < 0 } ?? false
        case .le: return try order(a, b, "<=").map { $0 <= 0 } ?? false
        case .gt: return try order(a, b, ">").map { $0 > 0 } ?? false
        case .ge: return try order(a, b, ">=").map { $0 >= 0 } ?? false
        case .isIn: return try contains(b, a)
        case .notIn: return try !contains(b, a)
        case .isOp: return identical(a, b)
        case .isNot: return !identical(a, b)
        }
    }

    /// `item in container`.
    static func contains(_ container: Value, _ item: Value) throws -> Bool {
        switch container {
        case .list(let l): return l.items.contains { equal($0, item) }
        case .tuple(let t): return t.items.contains { equal($0, item) }
        case .dict(let d): return try d.lookup(item) != nil
        case .str(let s):
            guard case .str(let sub) = item else {
                throw PyError.type("'in <string>' requires string as left operand, not \(item.typeName)")
            }
            return sub.isEmpty || Methods.search(Array(s.unicodeScalars), Array(sub.unicodeScalars), 0, s.unicodeScalars.count, last: false) != nil
        case .range(let r):
            guard let i = Arith.intOf(item) else {
                if case .float(let d) = item, d == d.rounded(), abs(d) < 9e18 { return try contains(container, .int(Int(d))) }
                return false
            }
            if r.step > 0 ? (i < r.start || i >= r.stop) : (i > r.start || i <= r.stop) { return false }
            return (i &- r.start) % r.step == 0
        case .object(let o): return try o.contains(item)
        default:
            var found = false
            try Iteration.forEach(container) { v in
                if equal(v, item) { found = true; return false }
                return true
            }
            return found
        }
    }
}
