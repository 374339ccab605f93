import Foundation

/// The builtin functions (`print`, `len`, `range`, …) and types (`int`, `str`, …).
enum Builtins {
    static func raw(_ name: String, _ sig: String, _ doc: String, isType: Bool = false,
                    _ body: @escaping (Runtime, [Value], [(String, Value)]) throws -> Value) -> Value {
        .builtin(BuiltinFunction(raw: name, signature: sig, doc: doc, isType: isType, body))
    }

    static func noKeywords(_ name: String, _ kw: [(String, Value)]) throws {
        if let k = kw.first { throw PyError.type("\(name)() got an unexpected keyword argument '\(k.0)'") }
    }

    /// `pow(base, exp, mod)` on ints, by repeated squaring (no intermediate overflow);
    /// big operands and negative exponents (modular inverses) go through `BigIntArith`.
    static func modularPower(_ b: Value, _ e: Value, _ m: Value) throws -> Value {
        func integer(_ v: Value) -> Int? { if case .float = v { return nil }; return v.asInt }
        guard let base = integer(b), let exp = integer(e), let mod = integer(m), exp >= 0, mod != Int.min, mod != 0 else {
            guard let x = BigIntObject.integer(b), let y = BigIntObject.integer(e), let z = BigIntObject.integer(m) else {
                throw PyError.type("pow() 3rd argument not allowed unless all arguments are integers")
            }
            return try BigIntArith.modularPower(x, y, z)
        }
        let mi = Swift.abs(mod)
        let mm = UInt(mi)
        func mulmod(_ p: UInt, _ q: UInt) -> UInt { mm.dividingFullWidth(p.multipliedFullWidth(by: q)).remainder }
        var result: UInt = 1 % mm
        var x = UInt(((base % mi) + mi) % mi)
        var k = exp
        while k > 0 {
            if k & 1 == 1 { result = mulmod(result, x) }
            x = mulmod(x, x)
            k >>= 1
        }
        // Python's result takes the sign of the modulus.
        var r = Int(result)
        if mod < 0 && r != 0 { r += mod }
        return .int(r)
    }

    static func hex(_ v: UInt32, _ width: Int) -> String {
        let h = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - h.count)) + h
    }

    /// `callable(v)`.
    static func isCallable(_ v: Value) -> Bool {
        switch v {
        case .function, .builtin: return true
        case .object(let o):
            if let i = v.userInstance { return i.cls.specials.call != nil }
            return o is NativeType || o is ClassObject || o is BoundMethod || o is StaticMethodObject || o.isCallableObject
        default: return false
        }
    }

    static func count(_ name: String, _ a: [Value], _ lo: Int, _ hi: Int) throws {
        if a.count < lo || a.count > hi {
            if lo == 1 && hi == 1 && oneArgument.contains(name) { throw PyError.type("\(name)() takes exactly one argument (\(a.count) given)") }
            if lo == hi { throw PyError.type("\(name) expected \(lo) argument\(lo == 1 ? "" : "s"), got \(a.count)") }
            if a.count < lo { throw PyError.type("\(name) expected at least \(lo) argument\(lo == 1 ? "" : "s"), got \(a.count)") }
            throw PyError.type("\(name) expected at most \(hi) argument\(hi == 1 ? "" : "s"), got \(a.count)")
        }
    }

    /// Builtins that CPython declares with exactly one argument (their arity message differs).
    static let oneArgument: Set<String> = ["len", "abs", "repr", "chr", "ord", "callable", "any", "all", "bin", "hex", "oct"]

    static func intArg(_ v: Value) throws -> Int {
        guard let i = v.asInt else {
            if BigIntObject.isBig(v) { throw BigIntArith.tooLargeForSsize }
            throw PyError.type("'\(v.typeName)' object cannot be interpreted as an integer")
        }
        return i
    }

    /// Every builtin, by name.
    static func all() -> [String: Value] {
        var b: [String: Value] = [:]
        b["bytes"] = raw("bytes", "bytes(source=b'', encoding=None)", "Immutable bytes: bytes(n) zeros, bytes([65, 66]), bytes('text', 'utf-8').", isType: true) { _, a, kw in
            try BytesObject.construct(a, kw)
        }
        b["open"] = raw("open", OpenFunction.signature, OpenFunction.doc) { rt, a, kw in
            try OpenFunction.call(rt, a, kw)
        }
        b["print"] = raw("print", "print(*values, sep=' ', end='\\n')", "Print values, separated by sep and followed by end.") { rt, a, kw in
            var sep = " ", end = "\n"
            var file: FileObject?
            for (n, v) in kw {
                switch n {
                case "sep": sep = v.isNone ? " " : try Methods.strArg(v, "print")
                case "end": end = v.isNone ? "\n" : try Methods.strArg(v, "print")
                case "flush": break
                case "file":
                    if v.isNone { break }
                    guard case .object(let f as FileObject) = v else { throw PyError.attribute("'\(v.typeName)' object has no attribute 'write'") }
                    file = f
                default: throw PyError.type("'\(n)' is an invalid keyword argument for print()" + Suggestions.hint(n, ["sep", "end", "file", "flush"]))
                }
            }
            for v in a { try BigIntArith.checkStrLimit(v) }
            let text = a.map { Repr.str($0) }.joined(separator: sep) + end
            if let f = file { _ = try f.write(.str(text)); return .none }
            rt.write(text)
            return .none
        }
        b["len"] = raw("len", "len(obj)", "Number of items in a container.") { _, a, kw in
            try noKeywords("len", kw)
            try count("len", a, 1, 1)
            return .int(try Iteration.length(a[0]))
        }
        if case .builtin(let f)? = b["len"] { f.unary = { v in .int(try Iteration.length(v)) } }
        b["range"] = raw("range", "range(stop) / range(start, stop, step=1)", "A sequence of integers.", isType: true) { _, a, kw in
            try noKeywords("range", kw)
            try count("range", a, 1, 3)
            let xs = try a.map(intArg)
            let (start, stop, step) = xs.count == 1 ? (0, xs[0], 1) : (xs[0], xs[1], xs.count > 2 ? xs[2] : 1)
            if step == 0 { throw PyError.value("range() arg 3 must not be zero") }
            return .range(RangeObject(start, stop, step))
        }
        b["abs"] = raw("abs", "abs(x)", "Absolute value.") { _, a, kw in
            try noKeywords("abs", kw)
            try count("abs", a, 1, 1)
            switch a[0] {
            case .int(let i):
                if i == Int.min { return BigIntObject.value(BigInt(i).magnitude) }
                return .int(abs(i))
            case .bool(let x): return .int(x ? 1 : 0)
            case .float(let d): return .float(abs(d))
            case .object(let o): if let r = try o.unaryOp("abs") { return r }
            default: break
            }
            throw PyError.type("bad operand type for abs(): '\(a[0].typeName)'")
        }
        b["min"] = raw("min", "min(iterable, *, key=None, default=...) / min(a, b, ...)", "Smallest item.") { rt, a, kw in
            try extreme(rt, a, kw, "min", wantLess: true)
        }
        b["max"] = raw("max", "max(iterable, *, key=None, default=...) / max(a, b, ...)", "Largest item.") { rt, a, kw in
            try extreme(rt, a, kw, "max", wantLess: false)
        }
        b["sum"] = raw("sum", "sum(iterable, start=0)", "Sum of numbers, left to right.") { _, a, kw in
            var start: Value = .int(0)
            for (n, v) in kw {
                guard n == "start" else { throw PyError.type("sum() got an unexpected keyword argument '\(n)'") }
                start = v
            }
            try count("sum", a, 1, 2)
            if a.count > 1 { start = a[1] }
            if case .str = start { throw PyError.type("sum() can't sum strings [use ''.join(seq) instead]") }
            return try sum(a[0], start)
        }
        b["round"] = raw("round", "round(number, ndigits=None)", "Round half to even.") { _, a, kw in
            var args = a
            for (n, v) in kw {
                guard n == "ndigits" else { throw PyError.type("round() got an unexpected keyword argument '\(n)'") }
                args.append(v)
            }
            try count("round", args, 1, 2)
            return try round(args[0], args.count > 1 ? args[1] : .none)
        }
        b["int"] = raw("int", "int(x=0, base=10)", "Convert to an integer.", isType: true) { _, a, kw in
            var args = a
            for (n, v) in kw where n == "base" { args.append(v) }
            try count("int", args, 0, 2)
            if args.isEmpty { return .int(0) }
            return try toInt(args[0], base: args.count > 1 ? try intArg(args[1]) : nil)
        }
        b["float"] = raw("float", "float(x=0.0)", "Convert to a float.", isType: true) { _, a, kw in
            try noKeywords("float", kw)
            try count("float", a, 0, 1)
            if a.isEmpty { return .float(0) }
            return try toFloat(a[0])
        }
        b["str"] = raw("str", "str(object='')", "Text of a value.", isType: true) { _, a, kw in
            try noKeywords("str", kw)
            try count("str", a, 0, 1)
            if let i = a.first?.userInstance { return .str(try i.checkedStr()) }
            if let v = a.first { try BigIntArith.checkStrLimit(v) }
            return .str(a.isEmpty ? "" : Repr.str(a[0]))
        }
        if case .builtin(let f)? = b["str"] {
            f.unary = { v in
                switch v {
                case .int(let i): return .str(Repr.intString(i))
                case .str: return v
                default: return nil
                }
            }
        }
        b["repr"] = raw("repr", "repr(obj)", "Printable representation.") { _, a, kw in
            try noKeywords("repr", kw)
            try count("repr", a, 1, 1)
            if let i = a[0].userInstance { return .str(try i.checkedRepr()) }
            try BigIntArith.checkStrLimit(a[0])
            return .str(Repr.repr(a[0]))
        }
        b["ascii"] = raw("ascii", "ascii(obj)", "repr(obj) with non-ASCII characters escaped.") { _, a, kw in
            try noKeywords("ascii", kw)
            try count("ascii", a, 1, 1)
            let r = try a[0].userInstance.map { try $0.checkedRepr() } ?? Repr.repr(a[0])
            var out = ""
            for u in r.unicodeScalars {
                switch u.value {
                case 0..<0x80: out.unicodeScalars.append(u)
                case 0x80..<0x100: out += "\\x" + hex(u.value, 2)
                case 0x100..<0x10000: out += "\\u" + hex(u.value, 4)
                default: out += "\\U" + hex(u.value, 8)
                }
            }
            return .str(out)
        }
        b["bool"] = raw("bool", "bool(x=False)", "Truth value.", isType: true) { _, a, kw in
            try noKeywords("bool", kw)
            try count("bool", a, 0, 1)
            if let i = a.first?.userInstance { return .bool(try i.truth()) }
            return .bool(try a.first?.truth() ?? false)
        }
        b["list"] = raw("list", "list(iterable=())", "A new list.", isType: true) { _, a, kw in
            try noKeywords("list", kw)
            try count("list", a, 0, 1)
            return .list(ListObject(a.isEmpty ? [] : try Iteration.toArray(a[0])))
        }
        b["tuple"] = raw("tuple", "tuple(iterable=())", "A new tuple.", isType: true) { _, a, kw in
            try noKeywords("tuple", kw)
            try count("tuple", a, 0, 1)
            if case .tuple? = a.first { return a[0] }
            return .tuple(TupleObject(a.isEmpty ? [] : try Iteration.toArray(a[0])))
        }
        b["dict"] = raw("dict", "dict(mapping_or_pairs=(), **kwargs)", "A new dict.", isType: true) { _, a, kw in
            try count("dict", a, 0, 1)
            let d = DictObject()
            try fillDict(d, a.first)
            for (k, v) in kw { try d.set(.str(k), v) }
            return .dict(d)
        }
        b["enumerate"] = raw("enumerate", "enumerate(iterable, start=0)", "Pairs (index, item).", isType: true) { _, a, kw in
            var args = a
            for (n, v) in kw {
                guard n == "start" else { throw PyError.type("enumerate() got an unexpected keyword argument '\(n)'") }
                args.append(v)
            }
            try count("enumerate", args, 1, 2)
            var i: Int? = args.count > 1 ? try intArg(args[1]) : 0
            let next = try Iteration.makeIterator(args[0])
            return .iterator(IteratorObject(kind: "enumerate") {
                guard let v = try next() else { return nil }
                guard let n = i else { throw PyError.overflow() }
                let (following, o) = n.addingReportingOverflow(1)
                i = o ? nil : following
                return .tuple(TupleObject([.int(n), v]))
            })
        }
        b["zip"] = raw("zip", "zip(*iterables)", "Tuples of corresponding items.", isType: true) { _, a, kw in
            if let k = kw.first, k.0 != "strict" { throw PyError.type("zip() got an unexpected keyword argument '\(k.0)'") }
            let its = try a.enumerated().map { k, v in
                do { return try Iteration.makeIterator(v) } catch let e as PyError where e.kind == .typeError {
                    throw PyError.type("zip argument #\(k + 1) must support iteration")
                }
            }
            let strict = kw.first?.1.isTruthy ?? false
            var done = its.isEmpty
            return .iterator(IteratorObject(kind: "zip") {
                if done { return nil }
                var items: [Value] = []
                for (k, it) in its.enumerated() {
                    guard let v = try it() else {
                        done = true
                        guard strict else { return nil }
                        // zip(strict=True): every iterable must end together, as CPython checks.
                        if k > 0 {
                            let plural = k == 1 ? "argument 1" : "arguments 1-\(k)"
                            throw PyError.value("zip() argument \(k + 1) is shorter than \(plural)")
                        }
                        for (j, rest) in its.enumerated().dropFirst() where try rest() != nil {
                            let plural = j == 1 ? "argument 1" : "arguments 1-\(j)"
                            throw PyError.value("zip() argument \(j + 1) is longer than \(plural)")
                        }
                        return nil
                    }
                    items.append(v)
                }
                return .tuple(TupleObject(items))
            })
        }
        b["reversed"] = raw("reversed", "reversed(sequence)", "Items in reverse order.", isType: true) { _, a, kw in
            try noKeywords("reversed", kw)
            try count("reversed", a, 1, 1)
            switch a[0] {
            case .list, .tuple, .str, .range, .object: break
            default: throw PyError.type("'\(a[0].typeName)' object is not reversible")
            }
            var items = try Iteration.toArray(a[0])
            items.reverse()
            var k = 0
            return .iterator(IteratorObject(kind: "reversed") {
                guard k < items.count else { return nil }
                k += 1
                return items[k - 1]
            })
        }
        b["sorted"] = raw("sorted", "sorted(iterable, *, key=None, reverse=False)", "A new sorted list (stable).") { rt, a, kw in
            try count("sorted", a, 1, 1)
            return .list(ListObject(try sortValues(rt, try Iteration.toArray(a[0]), kw, "sorted")))
        }
        b["map"] = raw("map", "map(function, iterable, ...)", "Apply a function to each item.", isType: true) { rt, a, kw in
            try noKeywords("map", kw)
            if a.count < 2 { throw PyError.type("map() must have at least two arguments.") }
            let f = a[0]
            let its = try a.dropFirst().map(Iteration.makeIterator)
            return .iterator(IteratorObject(kind: "map") {
                var args: [Value] = []
                for it in its {
                    guard let v = try it() else { return nil }
                    args.append(v)
                }
                return try rt.call(f, args)
            })
        }
        b["filter"] = raw("filter", "filter(function, iterable)", "Items for which function is true.", isType: true) { rt, a, kw in
            try noKeywords("filter", kw)
            try count("filter", a, 2, 2)
            let f = a[0]
            let it = try Iteration.makeIterator(a[1])
            return .iterator(IteratorObject(kind: "filter") {
                while let v = try it() {
                    if f.isNone ? try v.truth() : try rt.call(f, [v]).truth() { return v }
                }
                return nil
            })
        }
        b["any"] = raw("any", "any(iterable)", "True if any item is true.") { _, a, kw in
            try noKeywords("any", kw)
            try count("any", a, 1, 1)
            var r = false
            try Iteration.forEach(a[0]) { v in
                if try v.truth() { r = true; return false }
                return true
            }
            return .bool(r)
        }
        b["all"] = raw("all", "all(iterable)", "True if every item is true.") { _, a, kw in
            try noKeywords("all", kw)
            try count("all", a, 1, 1)
            var r = true
            try Iteration.forEach(a[0]) { v in
                if !(try v.truth()) { r = false; return false }
                return true
            }
            return .bool(r)
        }
        b["type"] = raw("type", "type(obj)", "The type of a value.", isType: true) { rt, a, kw in
            try noKeywords("type", kw)
            try count("type", a, 1, 1)
            return typeOf(rt, a[0])
        }
        b["isinstance"] = raw("isinstance", "isinstance(obj, class_or_tuple)", "Whether obj is an instance of the class(es).") { _, a, kw in
            try noKeywords("isinstance", kw)
            try count("isinstance", a, 2, 2)
            return .bool(try ClassBuiltins.instanceCheck(a[0], a[1]))
        }
        b["help"] = raw("help", "help(obj)", "Show documentation of a value, function, class or module.") { rt, a, kw in
            try noKeywords("help", kw)
            try count("help", a, 0, 1)
            rt.write(Help.text(rt, a.first) + "\n")
            return .none
        }
        b["dir"] = raw("dir", "dir(obj=None)", "Names defined (no argument) or attributes of obj.") { rt, a, kw in
            try noKeywords("dir", kw)
            try count("dir", a, 0, 1)
            let names = a.isEmpty ? rt.globals.boundNames : Attributes.names(a[0])
            return .list(ListObject(names.sorted(by: Compare.strLess).map { .str($0) }))
        }
        b["globals"] = raw("globals", "globals()", "The module's variables, as a live dict.") { rt, a, kw in
            try noKeywords("globals", kw)
            try count("globals", a, 0, 0)
            return .object(NamespaceView(rt.globals))
        }
        b["locals"] = raw("locals", "locals()", "The current scope's variables, as a dict (at module level, globals()).") { rt, a, kw in
            try noKeywords("locals", kw)
            try count("locals", a, 0, 0)
            return .object(NamespaceView(rt.globals))
        }
        b["seed"] = raw("seed", "seed(n)", "Seed every random stream.") { rt, a, kw in
            try noKeywords("seed", kw)
            try count("seed", a, 1, 1)
            rt.seedHandler?(try intArg(a[0]))
            return .none
        }
        b["format"] = raw("format", "format(value, format_spec='')", "Format a value with a format spec.") { _, a, kw in
            try noKeywords("format", kw)
            try count("format", a, 1, 2)
            let spec = a.count > 1 ? try Methods.strArg(a[1], "format") : ""
            if case .object(let o) = a[0], let f = o as? FormattableObject { return .str(try f.format(spec)) }
            return .str(try Format.format(a[0], spec))
        }
        b["chr"] = raw("chr", "chr(i)", "The character with code point i.") { _, a, kw in
            try count("chr", a, 1, 1)
            let i = BigIntObject.isBig(a[0]) ? Int.max : try intArg(a[0])
            if i > Int(Int32.max) || i < Int(Int32.min) { throw PyError.overflow("Python int too large to convert to C int") }
            guard i >= 0, i <= 0x10FFFF, let u = Unicode.Scalar(UInt32(i)) else { throw PyError.value("chr() arg not in range(0x110000)") }
            return .str(String(u))
        }
        b["ord"] = raw("ord", "ord(c)", "Code point of a one-character string.") { _, a, kw in
            try count("ord", a, 1, 1)
            guard case .str(let s) = a[0], s.unicodeScalars.count == 1, let u = s.unicodeScalars.first else {
                if case .str(let s) = a[0] { throw PyError.type("ord() expected a character, but string of length \(s.unicodeScalars.count) found") }
                throw PyError.type("ord() expected string of length 1, but \(a[0].typeName) found")
            }
            return .int(Int(u.value))
        }
        b["divmod"] = raw("divmod", "divmod(a, b)", "(a // b, a % b).") { _, a, kw in
            try count("divmod", a, 2, 2)
            return .tuple(TupleObject([try Arith.floorDiv(a[0], a[1]), try Arith.mod(a[0], a[1])]))
        }
        b["pow"] = raw("pow", "pow(base, exp, mod=None)", "base ** exp (modulo mod, computed without overflow).") { _, a, kw in
            var a = a
            for (n, v) in kw {
                guard let k = ["base", "exp", "mod"].firstIndex(of: n) else { throw PyError.type("pow() got an unexpected keyword argument '\(n)'") }
                while a.count <= k { a.append(.none) }
                a[k] = v
            }
            try count("pow", a, 2, 3)
            if a.count == 3, !a[2].isNone { return try modularPower(a[0], a[1], a[2]) }
            return try Arith.pow(a[0], a[1])
        }
        b["getattr"] = raw("getattr", "getattr(obj, name, default)", "Attribute by name.") { _, a, kw in
            try count("getattr", a, 2, 3)
            let n = try Methods.strArg(a[1], "getattr")
            do { return try Attributes.get(a[0], n) } catch let e as PyError where e.kind == .attributeError && a.count == 3 {
                return a[2]
            }
        }
        b["hasattr"] = raw("hasattr", "hasattr(obj, name)", "Whether obj has the attribute.") { _, a, kw in
            try count("hasattr", a, 2, 2)
            let n = try Methods.strArg(a[1], "hasattr")
            do { _ = try Attributes.get(a[0], n); return .bool(true) } catch { return .bool(false) }
        }
        b["setattr"] = raw("setattr", "setattr(obj, name, value)", "Set an attribute by name.") { _, a, kw in
            try count("setattr", a, 3, 3)
            try Attributes.set(a[0], try Methods.strArg(a[1], "setattr"), a[2])
            return .none
        }
        b["callable"] = raw("callable", "callable(obj)", "Whether obj can be called.") { _, a, kw in
            try count("callable", a, 1, 1)
            return .bool(isCallable(a[0]))
        }
        b["slice"] = raw("slice", "slice(stop) / slice(start, stop, step=None)", "A slice object, as x[start:stop:step] makes.", isType: true) { _, a, kw in
            try noKeywords("slice", kw)
            try count("slice", a, 1, 3)
            if a.count == 1 { return .object(SliceObject(.none, a[0], .none)) }
            return .object(SliceObject(a[0], a[1], a.count > 2 ? a[2] : .none))
        }
        b["__name__"] = .str("__main__")
        b.merge(IteratorBuiltins.all()) { old, _ in old }
        b.merge(ClassBuiltins.all()) { old, _ in old }
        b.merge(Exceptions.classes()) { old, _ in old }
        return b
    }

    /// Add the pairs of a mapping or of an iterable of pairs, as `dict(src)` does.
    static func fillDict(_ d: DictObject, _ src: Value?) throws {
        guard var src else { return }
        if case .object(let o as MappingSnapshot) = src { src = .dict(o.snapshot()) }
        if case .dict(let o) = src {
            for (k, v) in zip(o.keys, o.values) { try d.set(k, v) }
            return
        }
        var idx = 0
        try Iteration.forEach(src) { pair in
            let kv: [Value]
            do { kv = try Iteration.toArray(pair) } catch {
                throw PyError.type("cannot convert dictionary update sequence element #\(idx) to a sequence")
            }
            if kv.count != 2 {
                throw PyError.value("dictionary update sequence element #\(idx) has length \(kv.count); 2 is required")
            }
            try d.set(kv[0], kv[1])
            idx += 1
            return true
        }
    }

    static func typeOf(_ rt: Runtime, _ v: Value) -> Value {
        switch v {
        case .object(let o as NativeInstance): return .object(o.nativeType)
        case .object(let o) where o.isUserInstance: return .object(unsafeDowncast(o, to: InstanceObject.self).cls)
        case .dict(let d): if let f = d.flavor { return f.cls }
        case .object(let o): if let t = o.typeObject { return .object(t) }
        default: break
        }
        let name = v.typeName
        if let t = rt.builtins[name], case .builtin(let bt) = t, bt.isType { return t }
        return raw(name, name, "The \(name) type.", isType: true) { _, _, _ in
            throw PyError.type("cannot create '\(name)' instances")
        }
    }

    static func extreme(_ rt: Runtime, _ a: [Value], _ kw: [(String, Value)], _ name: String, wantLess: Bool) throws -> Value {
        var key: Value = .none
        var dflt: Value?
        for (n, v) in kw {
            switch n {
            case "key": key = v
            case "default": dflt = v
            default: throw PyError.type("\(name)() got an unexpected keyword argument '\(n)'")
            }
        }
        if a.isEmpty { throw PyError.type("\(name) expected at least 1 argument, got 0") }
        let items = a.count == 1 ? try Iteration.toArray(a[0]) : a
        if a.count > 1 && dflt != nil {
            throw PyError.type("Cannot specify a default for \(name)() with multiple positional arguments")
        }
        guard var best = items.first else {
            if let d = dflt { return d }
            throw PyError.value("\(name)() arg is an empty sequence")
        }
        var bestKey = key.isNone ? best : try rt.call(key, [best])
        for v in items.dropFirst() {
            let k = key.isNone ? v : try rt.call(key, [v])
            let better = wantLess ? try Compare.compare(.lt, k, bestKey) : try Compare.compare(.gt, k, bestKey)
            if better {
                best = v
                bestKey = k
            }
        }
        return best
    }

    static func sum(_ it: Value, _ start: Value) throws -> Value {
        var acc = start
        var fsum = 0.0
        var inFloat = false
        if case .float(let d) = start { fsum = d; inFloat = true }
        try Iteration.forEach(it) { v in
            if inFloat {
                if case .float(let d) = v { fsum += d; return true }
                if let i = Arith.intOf(v) { fsum += Double(i); return true }
                acc = try Arith.add(.float(fsum), v)
                inFloat = false
                return true
            }
            if case .int(let x) = acc, case .int(let y) = v {
                let (r, o) = x.addingReportingOverflow(y)
                acc = o ? BigIntObject.value(BigInt(x) + BigInt(y)) : .int(r)
                return true
            }
            if let x = Arith.intOf(acc), case .float(let d) = v {
                fsum = Double(x) + d
                inFloat = true
                return true
            }
            acc = try Arith.add(acc, v)
            if case .float(let d) = acc { fsum = d; inFloat = true }
            return true
        }
        return inFloat ? .float(fsum) : acc
    }

    /// `round(x, ndigits)` for an int x when x or ndigits is a big int.
    static func roundBig(_ x: Value, _ nd: Value) throws -> Value {
        guard let value = BigIntObject.integer(x) else { return x }
        if nd.isNone { return BigIntObject.value(value) }
        guard let digits = BigIntObject.integer(nd) else {
            throw PyError.type("'\(nd.typeName)' object cannot be interpreted as an integer")
        }
        if !digits.negative { return BigIntObject.value(value) }
        guard let n = digits.asInt else { return .int(0) }
        return try BigIntArith.round(value, digits: n)
    }

    static func round(_ x: Value, _ nd: Value) throws -> Value {
        switch x {
        case .int, .bool:
            let i = x.asInt ?? 0
            if BigIntObject.isBig(nd) { return try roundBig(x, nd) }
            guard let n = nd.asInt, n < 0 else { return .int(i) }
            if n < -18 { return try BigIntArith.round(BigInt(i), digits: n) }
            var p = 1
            for _ in 0..<(-n) { p *= 10 }
            let q = try Arith.intFloorDiv(i, p)
            let r = i &- q &* p  // in [0, p): exact even when q * p alone would overflow
            var qq = q
            if r * 2 > p || (r * 2 == p && q % 2 != 0) { qq += 1 }
            let (res, o) = qq.multipliedReportingOverflow(by: p)
            if o { return try BigIntArith.round(BigInt(i), digits: n) }
            return .int(res)
        case .float(let d):
            if nd.isNone {
                if d.isNaN { throw PyError.value("cannot convert float NaN to integer") }
                if d.isInfinite { throw PyError(.overflowError, "cannot convert float infinity to integer") }
                return try BigIntArith.integer(truncating: d.rounded(.toNearestOrEven))
            }
            guard let n = nd.asInt else { throw PyError.type("'\(nd.typeName)' object cannot be interpreted as an integer") }
            if !d.isFinite || d == 0 { return .float(d) }
            if n > 300 { return .float(d) }
            if n >= 0 {
                let s = String(format: "%.*f", n, d)
                return .float(Double(s) ?? d)
            }
            let p = Foundation.pow(10.0, Double(-n))
            let r = (d / p).rounded(.toNearestOrEven) * p
            return .float(r == 0 ? copysign(0, d) : r)
        case .object(let o as BigIntObject): return try roundBig(.object(o), nd)
        case .object(let o):
            if !nd.isNone, let n = o.numericValue { return o.sameKind(try round(n, nd)) }
            if let r = try o.unaryOp("round") { return r }
        default: break
        }
        throw PyError.type("type \(x.typeName) doesn't define __round__ method")
    }

    static func toInt(_ v: Value, base: Int?) throws -> Value {
        if let b = base, b != 10 || true, case .str(let s) = v {
            return try parseInt(s, base: b)
        }
        if base != nil { throw PyError.type("int() can't convert non-string with explicit base") }
        switch v {
        case .int: return v
        case .bool(let b): return .int(b ? 1 : 0)
        case .float(let d): return try BigIntArith.integer(truncating: d)
        case .str(let s): return try parseInt(s, base: 10)
        case .object(let o): if let r = try o.unaryOp("int") { return r }
        default: break
        }
        throw PyError.type("int() argument must be a string, a bytes-like object or a real number, not '\(v.typeName)'")
    }

    /// `int(text, base)` as CPython parses it: surrounding whitespace, a sign, a base prefix
    /// (`0x`, `0o`, `0b`; base 0 infers it), single underscores between digits, any length
    /// (at most 4300 digits outside power-of-two bases, CPython 3.11's limit).
    static func parseInt(_ s: String, base: Int) throws -> Value {
        guard base == 0 || (base >= 2 && base <= 36) else { throw PyError.value("int() base must be >= 2 and <= 36, or 0") }
        var bad: PyError { invalidIntLiteral(s, base: base) }  // built only when thrown
        var t = Substring(s.trimmingCharacters(in: .whitespacesAndNewlines))
        var neg = false
        if t.hasPrefix("-") { neg = true; t.removeFirst() } else if t.hasPrefix("+") { t.removeFirst() }
        var b = base
        var prefixed = false
        let lower = t.prefix(2).lowercased()
        for (p, pb) in [("0x", 16), ("0o", 8), ("0b", 2)] where lower == p && (b == pb || b == 0) {
            t.removeFirst(2)
            b = pb
            prefixed = true
        }
        let inferredDecimal = b == 0
        if b == 0 { b = 10 }
        // After a prefix, one underscore may come before the first digit.
        if prefixed && t.hasPrefix("_") { t.removeFirst() }
        var digits: [UInt8] = []
        digits.reserveCapacity(t.utf8.count)
        var lastWasUnderscore = true  // a leading underscore is invalid
        var valid = true
        for c in t.utf8 {
            if c == UInt8(ascii: "_") {
                if lastWasUnderscore { valid = false; break }
                lastWasUnderscore = true
                continue
            }
            guard let d = BigInt.digitValue(c), d < b else { valid = false; break }
            digits.append(c)
            lastWasUnderscore = false
        }
        if b & (b - 1) != 0 && digits.count > BigIntArith.maxStrDigits {
            throw PyError.value("Exceeds the limit (\(BigIntArith.maxStrDigits) digits) for integer string conversion: value has \(digits.count) digits; use sys.set_int_max_str_digits() to increase the limit")
        }
        guard valid, !digits.isEmpty, !lastWasUnderscore else { throw bad }
        // Base 0 rejects leading zeros in a non-zero decimal ("010"), as Python literals do.
        if inferredDecimal && digits.count > 1 && digits[0] == UInt8(ascii: "0") && digits.contains(where: { $0 != UInt8(ascii: "0") }) {
            throw bad
        }
        let text = String(decoding: digits, as: UTF8.self)
        if let mag = UInt(text, radix: b) {
            if !neg && mag <= UInt(Int.max) { return .int(Int(mag)) }
            if neg && mag <= UInt(Int.max) + 1 { return .int(Int(truncatingIfNeeded: 0 &- mag)) }
        }
        guard let mag = BigInt(digits: Substring(text).utf8, radix: b) else { throw bad }
        return BigIntObject.value(neg ? -mag : mag)
    }

    /// CPython's error for a string `int()` cannot parse: the repr cut to 200 code points
    /// (`%.200R`), so a long input does not flood the message.
    static func invalidIntLiteral(_ s: String, base: Int) -> PyError {
        let r = Repr.stringRepr(s)
        let shown = r.unicodeScalars.count > 200 ? String(String.UnicodeScalarView(r.unicodeScalars.prefix(200))) : r
        return PyError.value("invalid literal for int() with base \(base): \(shown)")
    }

    static func toFloat(_ v: Value) throws -> Value {
        switch v {
        case .float: return v
        case .int(let i): return .float(Double(i))
        case .bool(let b): return .float(b ? 1 : 0)
        case .str(let s):
            let t = s.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "_", with: "")
            switch t.lowercased() {
            case "inf", "+inf", "infinity", "+infinity": return .float(.infinity)
            case "-inf", "-infinity": return .float(-.infinity)
            case "nan", "+nan", "-nan": return .float(.nan)
            default: break
            }
            let ok = !t.isEmpty && t.allSatisfy { "0123456789.eE+-".contains($0) }
            guard ok, let d = Double(t) else { throw PyError.value("could not convert string to float: \(Repr.stringRepr(s))") }
            return .float(d)
        case .object(let o): if let r = try o.unaryOp("float") { return r }
        default: break
        }
        throw PyError.type("float() argument must be a string or a real number, not '\(v.typeName)'")
    }

    /// Stable sort with Python's `key=` and `reverse=`.
    static func sortValues(_ rt: Runtime, _ items: [Value], _ kw: [(String, Value)], _ name: String) throws -> [Value] {
        var key: Value = .none
        var reverse = false
        for (n, v) in kw {
            switch n {
            case "key": key = v
            case "reverse": reverse = v.isTruthy
            default: throw PyError.type("'\(n)' is an invalid keyword argument for sort()" + Suggestions.hint(n, ["key", "reverse"]))
            }
        }
        let keys = key.isNone ? items : try items.map { try rt.call(key, [$0]) }
        var idx = Array(0..<items.count)
        try idx.sort { i, j in
            let a = keys[i], b = keys[j]
            if reverse {
                if try Compare.compare(.lt, b, a) { return true }
                if try Compare.compare(.lt, a, b) { return false }
            } else {
                if try Compare.compare(.lt, a, b) { return true }
                if try Compare.compare(.lt, b, a) { return false }
            }
            return i < j
        }
        return idx.map { items[$0] }
    }
}
