/// `set`: an open-addressing table laid out as CPython's (same probing, growth and
/// dummies), so sets of ints iterate and print in CPython's order. Other keys use
/// deterministic hashes of their own (CPython randomises string hashes anyway).
final class SetObject: NativeObject {
    private struct Entry {
        var key: Value?      // nil: never used
        var hash: Int
        var dummy: Bool
    }
    private var table: [Entry]
    private var fill = 0
    private(set) var used = 0
    private var finger = 0
    let frozen: Bool

    init(frozen: Bool = false) {
        table = Array(repeating: Entry(key: nil, hash: 0, dummy: false), count: 8)
        self.frozen = frozen
    }

    convenience init(_ items: [Value], frozen: Bool = false) throws {
        self.init(frozen: frozen)
        for v in items { try add(v) }
    }

    private var mask: Int { table.count - 1 }

    /// CPython's `hash()` for ints; deterministic hashes for the other hashable values.
    static func hash(_ v: Value) throws -> Int {
        switch v {
        case .int(let i): return intHash(i)
        case .bool(let b): return b ? 1 : 0
        case .float(let d):
            if d == d.rounded(), d >= -9.223372036854775808e18, d < 9.223372036854775808e18 { return intHash(Int(d)) }
            // Integral floats beyond 64 bits hash as the big ints they equal.
            if let b = BigInt(exactly: d) { return b.pythonHash }
            return Int(truncatingIfNeeded: d.bitPattern &* 0x9E37_79B9_7F4A_7C15) | 1
        case .str(let s):
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            let r = Int(truncatingIfNeeded: h)
            return r == -1 ? -2 : r
        case .tuple(let t):
            var acc: UInt64 = 0x27D4_EB2F_1656_67C5
            for x in t.items {
                acc = acc &+ UInt64(bitPattern: Int64(try hash(x))) &* 0xC2B2_AE3D_27D4_EB4F
                acc = (acc << 31) | (acc >> 33)
                acc = acc &* 0x9E37_79B1_85EB_CA87
            }
            let r = Int(truncatingIfNeeded: acc)
            return r == -1 ? -2 : r
        case .none: return 0x5F3C_1A
        case .object(let b as BigIntObject): return b.value.pythonHash
        default:
            if let inst = v.userInstance, let h = try inst.userHash() { return h == -1 ? -2 : h }
            _ = try HashKey.of(v)  // raises for unhashable values
            guard let id = HashKey.identity(v) else { return 0 }
            let bits = UInt(bitPattern: id.hashValue)
            return Int(bitPattern: (bits >> 4) | (bits << 60))
        }
    }

    static func intHash(_ i: Int) -> Int {
        let modulus = (1 << 61) - 1
        var h = i.magnitude >= UInt(modulus) ? Int(i.magnitude % UInt(modulus)) : Int(i.magnitude)
        if i < 0 { h = -h }
        return h == -1 ? -2 : h
    }

    private func find(_ key: Value, _ hash: Int) -> Int? {
        var i = hash & mask
        var perturb = UInt(bitPattern: hash)
        while true {
            var probes = i + 9 <= mask ? 9 : 0
            var j = i
            while true {
                let e = table[j]
                if e.key == nil && !e.dummy { return nil }
                if !e.dummy, e.hash == hash, let k = e.key, Compare.identical(k, key) || Compare.equal(k, key) { return j }
                if probes == 0 { break }
                probes -= 1
                j += 1
            }
            perturb >>= 5
            i = (i &* 5 &+ 1 &+ Int(bitPattern: perturb)) & mask
        }
    }

    func contains(key: Value) throws -> Bool { find(key, try SetObject.hash(key)) != nil }

    func add(_ key: Value) throws {
        let hash = try SetObject.hash(key)
        var i = hash & mask
        var perturb = UInt(bitPattern: hash)
        var free: Int?
        while true {
            var probes = i + 9 <= mask ? 9 : 0
            var j = i
            while true {
                let e = table[j]
                if e.key == nil && !e.dummy {
                    if let f = free {
                        table[f] = Entry(key: key, hash: hash, dummy: false)
                        used += 1
                        return
                    }
                    table[j] = Entry(key: key, hash: hash, dummy: false)
                    fill += 1
                    used += 1
                    if fill * 5 >= mask * 3 { resize(used > 50000 ? used * 2 : used * 4) }
                    return
                }
                if e.dummy {
                    if free == nil { free = j }
                } else if e.hash == hash, let k = e.key, Compare.identical(k, key) || Compare.equal(k, key) {
                    return
                }
                if probes == 0 { break }
                probes -= 1
                j += 1
            }
            perturb >>= 5
            i = (i &* 5 &+ 1 &+ Int(bitPattern: perturb)) & mask
        }
    }

    private func resize(_ minUsed: Int) {
        var size = 8
        while size <= minUsed { size <<= 1 }
        let old = table
        table = Array(repeating: Entry(key: nil, hash: 0, dummy: false), count: size)
        fill = used
        for e in old where e.key != nil && !e.dummy { insertClean(e) }
    }

    private func insertClean(_ entry: Entry) {
        var i = entry.hash & mask
        var perturb = UInt(bitPattern: entry.hash)
        while true {
            if table[i].key == nil { table[i] = entry; return }
            if i + 9 <= mask {
                for j in (i + 1)...(i + 9) where table[j].key == nil {
                    table[j] = entry
                    return
                }
            }
            perturb >>= 5
            i = (i &* 5 &+ 1 &+ Int(bitPattern: perturb)) & mask
        }
    }

    /// Remove `key`; false if absent.
    @discardableResult
    func discard(_ key: Value) throws -> Bool {
        guard let j = find(key, try SetObject.hash(key)) else { return false }
        table[j] = Entry(key: nil, hash: -1, dummy: true)
        used -= 1
        return true
    }

    func pop() throws -> Value {
        guard used > 0 else { throw PyError(.keyError, "'pop from an empty set'") }
        var j = finger & mask
        while table[j].key == nil { j = (j + 1) & mask }
        let v = table[j].key ?? .none
        table[j] = Entry(key: nil, hash: -1, dummy: true)
        used -= 1
        finger = j + 1
        return v
    }

    func clear() {
        table = Array(repeating: Entry(key: nil, hash: 0, dummy: false), count: 8)
        fill = 0
        used = 0
    }

    /// Items in table order (what iteration and printing show).
    var items: [Value] { table.compactMap { $0.dummy ? nil : $0.key } }

    func copy(frozen: Bool? = nil) -> SetObject {
        let s = SetObject(frozen: frozen ?? self.frozen)
        s.table = table
        s.fill = fill
        s.used = used
        if fill != used { s.resize(used > 50000 ? used * 2 : used * 4) }
        return s
    }

    /// `self |= other` (CPython's set_merge / set_update).
    func update(_ other: Value) throws {
        if case .object(let o as SetObject) = other {
            if (fill + o.used) * 5 >= mask * 3 { resize((used + o.used) * 2) }
            for v in o.items { try add(v) }
            return
        }
        if case .dict(let d) = other {
            if (fill + d.count) * 5 >= mask * 3 { resize((used + d.count) * 2) }
        }
        try Iteration.forEach(other) { v in
            try self.add(v)
            return true
        }
    }

    // MARK: NativeObject

    override var typeName: String { frozen ? "frozenset" : "set" }
    override var repr: String {
        if used == 0 { return frozen ? "frozenset()" : "set()" }
        let body = "{" + items.map { Repr.repr($0) }.joined(separator: ", ") + "}"
        return frozen ? "frozenset(\(body))" : body
    }
    override var isTruthy: Bool { used != 0 }
    override func length() throws -> Int? { used }
    override var attributeNames: [String] { SetMethods.names }

    override func makeIterator() throws -> () throws -> Value? {
        let snapshot = items
        let size = used
        var k = 0
        return { [self] in
            if used != size { throw PyError(.runtimeError, "Set changed size during iteration") }
            guard k < snapshot.count else { return nil }
            k += 1
            return snapshot[k - 1]
        }
    }

    override func contains(_ item: Value) throws -> Bool {
        if case .object(let s as SetObject) = item, !s.frozen { return try contains(key: .object(s.copy(frozen: true))) }
        return try contains(key: item)
    }

    override func equals(_ other: Value) -> Bool {
        guard case .object(let o as SetObject) = other, o.used == used else { return false }
        return (try? items.allSatisfy { try o.contains(key: $0) }) ?? false
    }

    override func compare(_ other: Value) throws -> Int? {
        guard case .object(let o as SetObject) = other else { return nil }
        if equals(other) { return 0 }
        if try isSubset(of: o) { return -1 }
        if try o.isSubset(of: self) { return 1 }
        return nil
    }

    func isSubset(of o: SetObject) throws -> Bool {
        try used <= o.used && items.allSatisfy { try o.contains(key: $0) }
    }

    override func binaryOp(_ op: String, _ other: Value, reflected: Bool) throws -> Value? {
        guard case .object(let o as SetObject) = other else { return nil }
        let (a, b) = reflected ? (o, self) : (self, o)
        switch op {
        case "|": return .object(try a.union(b))
        case "&": return .object(try a.intersection(b))
        case "-": return .object(try a.difference(b))
        case "^": return .object(try a.symmetricDifference(b))
        default: return nil
        }
    }

    func union(_ b: SetObject) throws -> SetObject {
        let r = copy()
        try r.update(.object(b))
        return r
    }

    func intersection(_ b: SetObject) throws -> SetObject {
        let r = SetObject(frozen: frozen)
        let (small, big) = b.used > used ? (self, b) : (b, self)
        for v in small.items where try big.contains(key: v) { try r.add(v) }
        return r
    }

    func difference(_ b: SetObject) throws -> SetObject {
        let r = SetObject(frozen: frozen)
        for v in items where try !b.contains(key: v) { try r.add(v) }
        return r
    }

    func symmetricDifference(_ b: SetObject) throws -> SetObject {
        let r = copy()
        for v in b.items {
            if try !r.discard(v) { try r.add(v) }
        }
        return r
    }

    override func getAttribute(_ name: String) throws -> Value {
        if let m = SetMethods.method(self, name) { return m }
        return try super.getAttribute(name)
    }
}

extension SetObject {
    /// The elements of any iterable as a set (for methods taking `*others`).
    static func of(_ v: Value) throws -> SetObject {
        if case .object(let s as SetObject) = v { return s }
        let s = SetObject()
        try s.update(v)
        return s
    }
}
