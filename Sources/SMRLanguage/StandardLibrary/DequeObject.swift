/// `collections.deque`: a double-ended queue with an optional `maxlen` (appending to a
/// full deque drops an item from the other end), O(1) at both ends.
final class DequeObject: NativeInstance {
    /// Live items are `storage[head...]`.
    private var storage: [Value] = []
    private var head = 0
    let maxlen: Int?

    init(_ items: [Value], maxlen: Int?) {
        self.maxlen = maxlen
        super.init(type: DequeObject.type)
        for x in items { append(x) }
    }

    var items: [Value] { Array(storage[head...]) }
    var count: Int { storage.count - head }

    override var typeName: String { "deque" }
    override var repr: String {
        let body = "[" + items.map { Repr.repr($0) }.joined(separator: ", ") + "]"
        return maxlen.map { "deque(\(body), maxlen=\($0))" } ?? "deque(\(body))"
    }
    override var isTruthy: Bool { count > 0 }
    override func length() throws -> Int? { count }

    override func makeIterator() throws -> () throws -> Value? {
        var k = 0
        let expected = count
        return { [self] in
            if count != expected { throw PyError.runtime("deque mutated during iteration") }
            guard k < count else { return nil }
            k += 1
            return storage[head + k - 1]
        }
    }

    private func position(_ index: Value) throws -> Int {
        guard let k = index.asInt else { throw PyError.type("sequence index must be integer, not '\(index.typeName)'") }
        let j = k < 0 ? k + count : k
        guard j >= 0 && j < count else { throw PyError.index("deque index out of range") }
        return head + j
    }

    override func getItem(_ index: Value) throws -> Value { storage[try position(index)] }
    override func setItem(_ index: Value, _ value: Value) throws { storage[try position(index)] = value }

    override func equals(_ other: Value) -> Bool {
        if case .object(let o as DequeObject) = other { return o === self || Compare.seqEqual(items, o.items) }
        return false
    }

    override func copied(deep: Bool, _ copyValue: (Value) throws -> Value) throws -> Value? {
        .object(DequeObject(deep ? try items.map(copyValue) : items, maxlen: maxlen))
    }

    private func compact() {
        if head > 32 && head * 2 > storage.count {
            storage.removeFirst(head)
            head = 0
        }
    }

    func append(_ v: Value) {
        if maxlen == 0 { return }
        storage.append(v)
        if let m = maxlen, count > m { _ = popLeft() }
    }

    func appendLeft(_ v: Value) {
        if maxlen == 0 { return }
        if head > 0 {
            head -= 1
            storage[head] = v
        } else {
            storage.insert(v, at: 0)
        }
        if let m = maxlen, count > m { storage.removeLast() }
    }

    func popLeft() -> Value? {
        guard count > 0 else { return nil }
        let v = storage[head]
        storage[head] = .none
        head += 1
        compact()
        return v
    }

    func pop() -> Value? {
        guard count > 0 else { return nil }
        return storage.removeLast()
    }

    func replace(_ items: [Value]) {
        storage = items
        head = 0
    }

    private static func deque(_ o: NativeInstance) -> DequeObject { unsafeDowncast(o, to: DequeObject.self) }

    static let type: NativeType = {
        let t = NativeType("deque", doc: "A double-ended queue; with maxlen, appending to a full deque drops an item from the other end.")
        t.initializer(params: [Param("iterable", .any, default: .tuple([])), Param("maxlen", .any, default: .none)]) { a in
            var maxlen: Int?
            if !a["maxlen"].isNone {
                guard let m = a["maxlen"].asInt else { throw PyError.type("an integer is required") }
                guard m >= 0 else { throw PyError.value("maxlen must be non-negative") }
                maxlen = m
            }
            return .object(DequeObject(try Iteration.toArray(a["iterable"]), maxlen: maxlen))
        }
        t.method("append", doc: "Add x to the right end.", params: [Param("x")]) { o, a in deque(o).append(a["x"]); return .none }
        t.method("appendleft", doc: "Add x to the left end.", params: [Param("x")]) { o, a in deque(o).appendLeft(a["x"]); return .none }
        t.method("pop", doc: "Remove and return the rightmost item.", params: []) { o, _ in
            guard let v = deque(o).pop() else { throw PyError.index("pop from an empty deque") }
            return v
        }
        t.method("popleft", doc: "Remove and return the leftmost item.", params: []) { o, _ in
            guard let v = deque(o).popLeft() else { throw PyError.index("pop from an empty deque") }
            return v
        }
        t.method("extend", doc: "Append each item of the iterable on the right.", params: [Param("iterable")]) { o, a in
            for x in try Iteration.toArray(a["iterable"]) { deque(o).append(x) }
            return .none
        }
        t.method("extendleft", doc: "Append each item of the iterable on the left (their order ends up reversed).", params: [Param("iterable")]) { o, a in
            for x in try Iteration.toArray(a["iterable"]) { deque(o).appendLeft(x) }
            return .none
        }
        t.method("rotate", doc: "Rotate n steps to the right (to the left when n is negative).", params: [Param("n", .int, default: .int(1))]) { o, a in
            let d = deque(o), n = d.count
            guard n > 1 else { return .none }
            let k = ((try a.int("n")) % n + n) % n
            let xs = d.items
            d.replace(Array(xs[(n - k)...] + xs[..<(n - k)]))
            return .none
        }
        t.method("clear", doc: "Remove every item.", params: []) { o, _ in deque(o).replace([]); return .none }
        t.method("copy", doc: "A shallow copy.", params: []) { o, _ in .object(DequeObject(deque(o).items, maxlen: deque(o).maxlen)) }
        t.method("count", doc: "How many items equal x.", params: [Param("x")]) { o, a in
            .int(deque(o).items.filter { Compare.equal($0, a["x"]) }.count)
        }
        t.method("index", doc: "Position of the first item equal to x.", params: [Param("x")]) { o, a in
            guard let i = deque(o).items.firstIndex(where: { Compare.equal($0, a["x"]) }) else {
                throw PyError.value("\(Repr.repr(a["x"])) is not in deque")
            }
            return .int(i)
        }
        t.method("insert", doc: "Insert x before position i.", params: [Param("i", .int), Param("x")]) { o, a in
            let d = deque(o)
            if let m = d.maxlen, d.count >= m { throw PyError.index("deque already at its maximum size") }
            var xs = d.items
            var i = try a.int("i")
            if i < 0 { i = max(0, i + xs.count) }
            xs.insert(a["x"], at: min(i, xs.count))
            d.replace(xs)
            return .none
        }
        t.method("remove", doc: "Remove the first item equal to x.", params: [Param("value")]) { o, a in
            let d = deque(o)
            var xs = d.items
            guard let i = xs.firstIndex(where: { Compare.equal($0, a["value"]) }) else {
                throw PyError.value("\(Repr.repr(a["value"])) is not in deque")
            }
            xs.remove(at: i)
            d.replace(xs)
            return .none
        }
        t.method("reverse", doc: "Reverse in place.", params: []) { o, _ in deque(o).replace(deque(o).items.reversed()); return .none }
        t.property("maxlen", doc: "The maximum length, or None.", get: { o in deque(o).maxlen.map { .int($0) } ?? .none })
        return t
    }()
}
