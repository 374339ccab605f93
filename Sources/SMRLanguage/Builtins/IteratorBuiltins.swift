/// `iter`, `next`, and the integer text builtins `bin`, `hex`, `oct`.
enum IteratorBuiltins {
    static func all() -> [String: Value] {
        var b: [String: Value] = [:]
        b["iter"] = Builtins.raw("iter", "iter(iterable)", "An iterator over the items.") { _, a, kw in
            try Builtins.noKeywords("iter", kw)
            try Builtins.count("iter", a, 1, 1)
            if a[0].isIteratorLike { return a[0] }
            if let inst = a[0].userInstance {
                if let f = inst.cls.specials.iter {
                    let r = try inst.rt.call(f, [a[0]])
                    if r.userInstance != nil || r.isIteratorLike { return r }
                    return .iterator(IteratorObject(kind: "iterator", next: try Instances.iterator(over: r, inst.rt)))
                }
                return .iterator(IteratorObject(kind: "iterator", next: try inst.makeIterator()))
            }
            let kind: String
            switch a[0] {
            case .dict: kind = "dict_keyiterator"
            case .str: kind = "str_ascii_iterator"
            default: kind = "\(a[0].typeName)_iterator"
            }
            return .iterator(IteratorObject(kind: kind, next: try Iteration.makeIterator(a[0])))
        }
        b["next"] = Builtins.raw("next", "next(iterator, default)", "The next item; default (or StopIteration) when exhausted.") { _, a, kw in
            try Builtins.noKeywords("next", kw)
            try Builtins.count("next", a, 1, 2)
            let item: Value?
            if case .iterator(let it) = a[0] {
                item = try it.nextValue()
            } else if let inst = a[0].userInstance {
                item = try inst.nextItem()
            } else if case .object(let o as NativeIterator) = a[0] {
                item = try o.nextItem()
            } else if case .object(let g as GeneratorObject) = a[0] {
                item = try g.resume(.none)
                if item == nil && a.count == 1 { throw g.stopIteration() }
            } else {
                throw PyError.type("'\(a[0].typeName)' object is not an iterator")
            }
            if let v = item { return v }
            if a.count > 1 { return a[1] }
            throw PyError(.stopIteration, "")
        }
        for (name, radix, prefix) in [("bin", 2, "0b"), ("hex", 16, "0x"), ("oct", 8, "0o")] {
            b[name] = Builtins.raw(name, "\(name)(number)", "Integer text with the \(prefix) prefix.") { _, a, kw in
                try Builtins.noKeywords(name, kw)
                try Builtins.count(name, a, 1, 1)
                if case .object(let o as BigIntObject) = a[0] {
                    return .str((o.value.negative ? "-" : "") + prefix + o.value.digits(radix: radix))
                }
                guard let i = a[0].asInt else { throw PyError.type("'\(a[0].typeName)' object cannot be interpreted as an integer") }
                return .str((i < 0 ? "-" : "") + prefix + String(i.magnitude, radix: radix))
            }
        }
        return b
    }
}
