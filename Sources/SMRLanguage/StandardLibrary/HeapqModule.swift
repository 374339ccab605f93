/// `import heapq`: a binary min-heap kept in a plain list, with CPython's exact sift order
/// (so the list prints as CPython's does) — `heappush`, `heappop`, `heapify`, `heapreplace`,
/// `heappushpop`, `nlargest`, `nsmallest`, `merge`.
enum HeapqModule {
    static func make() -> NativeModule {
        let m = NativeModule("heapq", doc: """
            Heap queue (priority queue) functions on lists.
                h = []
                heapq.heappush(h, (2, "b")); heapq.heappush(h, (1, "a"))
                heapq.heappop(h)   # (1, 'a')
            """)
        func list(_ v: Value, _ fname: String) throws -> ListObject {
            guard case .list(let l) = v else { throw PyError.type("\(fname)() argument 1 must be list, not \(v.typeName)") }
            return l
        }
        m.function("heappush", doc: "Push item onto the heap.", params: [Param("heap"), Param("item")]) { a in
            let h = try list(a["heap"], "heappush")
            h.items.append(a["item"])
            try siftDown(h, 0, h.items.count - 1)
            return .none
        }
        m.function("heappop", doc: "Pop the smallest item off the heap.", params: [Param("heap")]) { a in
            let h = try list(a["heap"], "heappop")
            guard let last = h.items.popLast() else { throw PyError(.indexError, "index out of range") }
            guard !h.items.isEmpty else { return last }
            let top = h.items[0]
            h.items[0] = last
            try siftUp(h, 0)
            return top
        }
        m.function("heapify", doc: "Make the list a heap, in place, in linear time.", params: [Param("heap")]) { a in
            let h = try list(a["heap"], "heapify")
            for i in stride(from: h.items.count / 2 - 1, through: 0, by: -1) { try siftUp(h, i) }
            return .none
        }
        m.function("heapreplace", doc: "Pop the smallest item, then push item.", params: [Param("heap"), Param("item")]) { a in
            let h = try list(a["heap"], "heapreplace")
            guard !h.items.isEmpty else { throw PyError(.indexError, "index out of range") }
            let top = h.items[0]
            h.items[0] = a["item"]
            try siftUp(h, 0)
            return top
        }
        m.function("heappushpop", doc: "Push item, then pop the smallest item (faster than both).", params: [Param("heap"), Param("item")]) { a in
            let h = try list(a["heap"], "heappushpop")
            var item = a["item"]
            if let top = h.items.first, try Compare.compare(.lt, top, item) {
                h.items[0] = item
                item = top
                try siftUp(h, 0)
            }
            return item
        }
        m.function("nsmallest", doc: "The n smallest items (by key), smallest first.",
                   params: [Param("n", .int), Param("iterable"), Param("key", .any, default: .none)]) { a in
            .list(ListObject(try select(a, largest: false)))
        }
        m.function("nlargest", doc: "The n largest items (by key), largest first.",
                   params: [Param("n", .int), Param("iterable"), Param("key", .any, default: .none)]) { a in
            .list(ListObject(try select(a, largest: true)))
        }
        m.add(BuiltinFunction(raw: "merge", signature: "merge(*iterables, key=None, reverse=False)",
                              doc: "The sorted iterables merged into one sorted iterator.") { rt, a, kw in
            var key: Value = .none, reverse = false
            for (n, v) in kw {
                switch n {
                case "key": key = v
                case "reverse": reverse = v.isTruthy
                default: throw PyError.type("merge() got an unexpected keyword argument '\(n)'")
                }
            }
            var all: [(Value, Int, Value)] = []
            for (k, it) in a.enumerated() {
                for (j, x) in try Iteration.toArray(it).enumerated() {
                    all.append((key.isNone ? x : try rt.call(key, [x]), k * 1_000_000 + j, x))
                }
            }
            // A stable sort by key, ties by source order, gives merge's order for sorted inputs.
            var err: Error?
            all.sort { p, q in
                do {
                    if try Compare.compare(.lt, p.0, q.0) { return !reverse }
                    if try Compare.compare(.lt, q.0, p.0) { return reverse }
                } catch { err = error }
                return p.1 < q.1
            }
            if let err { throw err }
            var i = 0
            return .iterator(IteratorObject(kind: "generator") {
                guard i < all.count else { return nil }
                defer { i += 1 }
                return all[i].2
            })
        })
        return m
    }

    /// CPython's `_siftdown`: move the item at `pos` up toward `start` while it is smaller than its parent.
    static func siftDown(_ h: ListObject, _ start: Int, _ pos: Int) throws {
        var pos = pos
        let item = h.items[pos]
        while pos > start {
            let parentPos = (pos - 1) >> 1
            let parent = h.items[parentPos]
            if try Compare.compare(.lt, item, parent) {
                h.items[pos] = parent
                pos = parentPos
                continue
            }
            break
        }
        h.items[pos] = item
    }

    /// CPython's `_siftup`: move the smaller child up until a leaf, then sift the item down.
    static func siftUp(_ h: ListObject, _ pos: Int) throws {
        var pos = pos
        let end = h.items.count
        let start = pos
        let item = h.items[pos]
        var child = 2 * pos + 1
        while child < end {
            let right = child + 1
            if right < end, !(try Compare.compare(.lt, h.items[child], h.items[right])) { child = right }
            h.items[pos] = h.items[child]
            pos = child
            child = 2 * pos + 1
        }
        h.items[pos] = item
        try siftDown(h, start, pos)
    }

    /// nsmallest/nlargest: equivalent to sorted(iterable, key=key)[:n] (reversed for largest), stable.
    static func select(_ a: Arguments, largest: Bool) throws -> [Value] {
        let n = try a.int("n")
        let items = try Iteration.toArray(a["iterable"])
        guard n > 0 else { return [] }
        let key = a["key"]
        let keyed = try items.enumerated().map { k, x in (key.isNone ? x : try a.runtime.call(key, [x]), k, x) }
        var err: Error?
        let sorted = keyed.sorted { p, q in
            do {
                if largest {
                    if try Compare.compare(.lt, q.0, p.0) { return true }
                    if try Compare.compare(.lt, p.0, q.0) { return false }
                } else {
                    if try Compare.compare(.lt, p.0, q.0) { return true }
                    if try Compare.compare(.lt, q.0, p.0) { return false }
                }
            } catch { err = error }
            return p.1 < q.1
        }
        if let err { throw err }
        return sorted.prefix(n).map { $0.2 }
    }
}
