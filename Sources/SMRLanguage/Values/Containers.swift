/// A mutable list shared by reference.
public final class ListObject {
    @exclusivity(unchecked) public var items: [Value]
    public init(_ items: [Value] = []) { self.items = items }
    deinit { if !items.isEmpty { Trashcan.release(&items) } }
}

/// An immutable tuple.
public final class TupleObject {
    public private(set) var items: [Value]
    public init(_ items: [Value]) { self.items = items }
    deinit { if !items.isEmpty { Trashcan.release(&items) } }
}

/// `range(start, stop, step)`.
public final class RangeObject {
    public let start: Int, stop: Int, step: Int
    public init(_ start: Int, _ stop: Int, _ step: Int) {
        self.start = start
        self.stop = stop
        self.step = step
    }

    public var count: Int {
        if step > 0 {
            if start >= stop { return 0 }
            let diff = UInt(bitPattern: stop &- start)
            let n = (diff - 1) / UInt(step) + 1
            return n > UInt(Int.max) ? Int.max : Int(n)
        } else {
            if start <= stop { return 0 }
            let diff = UInt(bitPattern: start &- stop)
            let n = (diff - 1) / step.magnitude + 1
            return n > UInt(Int.max) ? Int.max : Int(n)
        }
    }

    /// The i-th element (no bounds check).
    func at(_ i: Int) -> Int { start &+ i &* step }
}

/// A hashable view of a dict key: 1, 1.0 and True are the same key, as in Python.
public enum HashKey: Hashable {
    case none
    case int(Int)
    case float(Double)
    case str(String)
    case tuple([HashKey])
    case object(ObjectIdentifier)
    /// An instance whose class defines `__hash__` (equality through `__eq__`).
    case custom(CustomHashKey)
    /// A string with non-ASCII characters, compared by code points (see `text`).
    case unicode(CodePointKey)

    /// The key of a string. Swift's `==` on strings is canonical equivalence, so precomposed
    /// "\u{e9}" and "e\u{301}" would be one key; Python compares code points. ASCII strings
    /// (almost all keys) are equivalent only to themselves, or to strings with non-ASCII
    /// characters, which get the other case: they keep Swift's fast hashing and equality.
    @inline(__always)
    static func text(_ s: String) -> HashKey {
        StringBytes.isASCII(s) ? .str(s) : .unicode(CodePointKey(s))
    }

    /// The identity of a reference value (nil for numbers, strings and tuples).
    static func identity(_ v: Value) -> ObjectIdentifier? {
        switch v {
        case .list(let l): return ObjectIdentifier(l)
        case .dict(let d): return ObjectIdentifier(d)
        case .range(let r): return ObjectIdentifier(r)
        case .function(let f): return ObjectIdentifier(f)
        case .builtin(let b): return ObjectIdentifier(b)
        case .iterator(let i): return ObjectIdentifier(i)
        case .object(let o): return ObjectIdentifier(o)
        case .tuple(let t): return ObjectIdentifier(t)
        default: return nil
        }
    }

    /// The key for a value, or a TypeError for unhashable values.
    static func of(_ v: Value) throws -> HashKey {
        switch v {
        case .none: return .none
        case .bool(let b): return .int(b ? 1 : 0)
        case .int(let i): return .int(i)
        case .float(let d):
            if d == d.rounded(), d >= -9.223372036854775808e18, d < 9.223372036854775808e18 { return .int(Int(d)) }
            // An integral float beyond 64 bits is the same key as the big int it equals.
            if let b = BigInt(exactly: d) { return .custom(CustomHashKey(hash: b.pythonHash, value: v)) }
            return .float(d)
        case .str(let s): return .text(s)
        case .tuple(let t):
            if Compare.nesting > 2000 { throw PyError(.recursionError, "maximum recursion depth exceeded while hashing") }
            Compare.nesting += 1
            defer { Compare.nesting -= 1 }
            return .tuple(try t.items.map { try HashKey.of($0) })
        case .list, .dict, .unbound:
            throw PyError.type("unhashable type: '\(v.typeName)'")
        case .range(let r): return .object(ObjectIdentifier(r))
        case .function(let f): return .object(ObjectIdentifier(f))
        case .builtin(let b): return .object(ObjectIdentifier(b))
        case .iterator(let i): return .object(ObjectIdentifier(i))
        case .object(let o):
            if o is SliceObject { throw PyError.type("unhashable type: 'slice'") }
            if let b = o as? BigIntObject { return .custom(CustomHashKey(hash: b.value.pythonHash, value: v)) }
            // numpy scalars hash as the numbers they hold (np.float64(1.5) finds the key 1.5).
            if let n = o.numericValue { return try HashKey.of(n) }
            if let b = o as? BytesObject { return .custom(CustomHashKey(hash: b.bytes.hashValue, value: v)) }
            if let t = o as? NamedTupleObject { return try HashKey.of(.tuple(TupleObject(t.items))) }
            if let s = o as? SetObject {
                if !s.frozen { throw PyError.type("unhashable type: 'set'") }
                return .custom(CustomHashKey(hash: s.items.reduce(0) { $0 ^ ((try? SetObject.hash($1)) ?? 0) }, value: v))
            }
            if o.isUserInstance, let h = try unsafeDowncast(o, to: InstanceObject.self).userHash() {
                return .custom(CustomHashKey(hash: h, value: v))
            }
            return .object(ObjectIdentifier(o))
        }
    }
}

/// What makes a dict a `collections.Counter`, `defaultdict` or `OrderedDict`: its class,
/// what a missing key gives, and its extra methods (see `CollectionsModule`).
final class DictFlavor {
    enum Kind: String { case counter = "Counter", defaultdict, orderedDict = "OrderedDict" }
    let kind: Kind
    /// The class value `type(d)` returns.
    let cls: Value
    /// defaultdict's `default_factory` (None: missing keys raise KeyError).
    var defaultFactory: Value = .none
    weak var runtime: Runtime?

    init(_ kind: Kind, cls: Value, runtime: Runtime?) {
        self.kind = kind
        self.cls = cls
        self.runtime = runtime
    }

    /// `d[key]` for a key `d` lacks (`__missing__`).
    func missing(_ d: DictObject, _ key: Value) throws -> Value {
        switch kind {
        case .counter: return .int(0)
        case .defaultdict:
            guard !defaultFactory.isNone, let rt = runtime else { throw PyError(.keyError, Repr.repr(key)) }
            let v = try rt.call(defaultFactory, [])
            try d.set(key, v)
            return v
        case .orderedDict: throw PyError(.keyError, Repr.repr(key))
        }
    }

    func copy() -> DictFlavor {
        let f = DictFlavor(kind, cls: cls, runtime: runtime)
        f.defaultFactory = defaultFactory
        return f
    }
}

/// An insertion-ordered dict.
public final class DictObject {
    /// Set for Counter, defaultdict and OrderedDict (nil for plain dicts).
    var flavor: DictFlavor?
    public private(set) var keys: [Value] = []
    public private(set) var values: [Value] = []
    private var index: [HashKey: Int] = [:]
    private var hashes: [HashKey] = []
    /// The key and index of the last successful lookup, so that `d[k] = d.get(k, 0) + 1`
    /// finds the key once rather than twice (string and int keys). Cleared whenever entries
    /// move or go.
    private var lastHit: (key: HashKey, index: Int)?

    public init() {}

    deinit {
        if !values.isEmpty { Trashcan.release(&values) }
        if !keys.isEmpty { Trashcan.release(&keys) }
    }

    public var count: Int { keys.count }

    func lookup(_ k: Value) throws -> Value? {
        let h = try HashKey.of(k)
        if let i = index[h] {
            // Only strings and ints: comparing other keys may run a user __eq__.
            switch h {
            case .str, .int, .unicode: lastHit = (h, i)
            default: break
            }
            return values[i]
        }
        return nil
    }

    func get(hash: HashKey) -> Value? {
        if let i = index[hash] { return values[i] }
        return nil
    }

    public func set(_ k: Value, _ v: Value) throws {
        set(k, v, hash: try HashKey.of(k))
    }

    func set(_ k: Value, _ v: Value, hash: HashKey) {
        if let last = lastHit, last.key == hash {
            values[last.index] = v
            return
        }
        if let i = index[hash] {
            values[i] = v
        } else {
            index[hash] = keys.count
            keys.append(k)
            values.append(v)
            hashes.append(hash)
        }
    }

    /// Remove a key; returns its value.
    func remove(_ k: Value) throws -> Value? {
        let h = try HashKey.of(k)
        guard let i = index[h] else { return nil }
        lastHit = nil
        let v = values[i]
        keys.remove(at: i)
        values.remove(at: i)
        hashes.remove(at: i)
        index[h] = nil
        for j in i..<hashes.count { index[hashes[j]] = j }
        return v
    }

    func removeAll() {
        keys = []; values = []; hashes = []; index = [:]; lastHit = nil
    }

    func copy() -> DictObject {
        let d = DictObject()
        d.keys = keys; d.values = values; d.hashes = hashes; d.index = index
        return d
    }

    /// Public read access for hosts: the value for a string key.
    public subscript(_ key: String) -> Value? { self.get(hash: .text(key)) }
}

/// A lazy iterator (enumerate, zip, dict views' iterators, …).
public final class IteratorObject {
    let kind: String
    let nextValue: () throws -> Value?
    init(kind: String, next: @escaping () throws -> Value?) {
        self.kind = kind
        self.nextValue = next
    }
}

/// A dict key for an instance with `__hash__`: hashed by its `__hash__`, compared by `__eq__`.
public final class CustomHashKey: Hashable {
    let hash: Int
    let value: Value
    init(hash: Int, value: Value) {
        self.hash = hash
        self.value = value
    }
    public static func == (a: CustomHashKey, b: CustomHashKey) -> Bool {
        a === b || Compare.identical(a.value, b.value) || Compare.equal(a.value, b.value)
    }
    public func hash(into h: inout Hasher) { h.combine(hash) }
}

/// A string key compared by its code points (its UTF-8 bytes), as Python compares strings.
public struct CodePointKey: Hashable {
    let string: String
    init(_ string: String) { self.string = string }
    public static func == (a: CodePointKey, b: CodePointKey) -> Bool { StringBytes.equal(a.string, b.string) }
    /// Swift's hash of the normalised form: equal code points hash alike (equivalent
    /// spellings merely collide).
    public func hash(into h: inout Hasher) { h.combine(string) }
}
