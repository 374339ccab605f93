/// Arguments bound to a declaration's parameters: positional and keyword arguments
/// are matched by name, defaults filled in, and types checked, before the body runs.
public struct Arguments {
    /// The function's name, for messages.
    public let function: String
    public let params: [Param]
    /// One value per parameter, in declaration order.
    public var values: [Value]
    /// Extra positional arguments (only when the declaration accepts them).
    public var extra: [Value]
    /// The runtime, for calling back into the language.
    public let runtime: Runtime

    /// The value of parameter `name` (`.none` if it is not declared).
    public subscript(_ name: String) -> Value {
        for (k, p) in params.enumerated() where p.name == name { return values[k] }
        return .none
    }

    public subscript(_ index: Int) -> Value {
        index >= 0 && index < values.count ? values[index] : .none
    }

    func bad(_ name: String, _ what: String) -> PyError {
        PyError.type("\(function)() argument '\(name)' must be \(what), not \(self[name].typeName)")
    }

    public func int(_ name: String) throws -> Int {
        guard let i = self[name].asInt else {
            if BigIntObject.isBig(self[name]) { throw BigIntArith.tooLargeForSsize }
            throw bad(name, "int")
        }
        return i
    }

    public func double(_ name: String) throws -> Double {
        guard let d = self[name].asDouble else {
            if BigIntObject.isBig(self[name]) { throw BigIntArith.tooLargeForFloat }
            throw bad(name, "float")
        }
        return d
    }

    public func string(_ name: String) throws -> String {
        guard case .str(let s) = self[name] else { throw bad(name, "str") }
        return s
    }

    public func bool(_ name: String) throws -> Bool { self[name].isTruthy }

    /// nil when the argument is None.
    public func optionalInt(_ name: String) throws -> Int? {
        if self[name].isNone { return nil }
        return try int(name)
    }

    public func optionalDouble(_ name: String) throws -> Double? {
        if self[name].isNone { return nil }
        return try double(name)
    }

    public func optionalString(_ name: String) throws -> String? {
        if self[name].isNone { return nil }
        return try string(name)
    }

    /// A list/tuple/range/array of numbers as doubles.
    public func doubles(_ name: String) throws -> [Double] {
        try Arguments.doubles(self[name], function: function, name: name)
    }

    static func doubles(_ v: Value, function: String, name: String) throws -> [Double] {
        if case .object(let o) = v, let arr = o as? NDArray { return arr.data }
        var out: [Double] = []
        try Iteration.forEach(v) { x in
            guard let d = x.asDouble else {
                throw PyError.type("\(function)() argument '\(name)' must contain numbers, not \(x.typeName)")
            }
            out.append(d)
            return true
        }
        return out
    }

    /// Bind positional and keyword arguments to parameters, with Python's messages.
    static func bind(_ fname: String, _ params: [Param], _ positional: [Value], _ keywords: [(String, Value)],
                     acceptsExtra: Bool, runtime: Runtime) throws -> Arguments {
        if keywords.isEmpty && positional.count <= params.count,
           let values = try bindPositional(fname, params, positional) {
            return Arguments(function: fname, params: params, values: values, extra: [], runtime: runtime)
        }
        // `.unbound` marks a parameter not given yet ([Value?] would instantiate its array
        // type's metadata at run time on every call; so would Array(repeating:), whose generic
        // allocator looks up the storage type's metadata, unlike the specialised copy below).
        var slots = Array(repeatElement(Value.unbound, count: params.count))
        var extra: [Value] = []
        if positional.count > params.count {
            if acceptsExtra {
                extra = Array(positional[params.count...])
            } else {
                let req = params.filter { $0.defaultValue == nil }.count
                let takes = req == params.count ? "\(params.count)" : "from \(req) to \(params.count)"
                throw PyError.type("\(fname)() takes \(takes) positional argument\(params.count == 1 && req == params.count ? "" : "s") but \(positional.count) \(positional.count == 1 ? "was" : "were") given")
            }
        }
        for k in 0..<min(positional.count, params.count) { slots[k] = positional[k] }
        for (name, v) in keywords {
            guard let k = params.firstIndex(where: { $0.name == name }) else {
                throw PyError.type("\(fname)() got an unexpected keyword argument '\(name)'" + Suggestions.hint(name, params.map { $0.name }))
            }
            if !slots[k].isUnboundMarker { throw PyError.type("\(fname)() got multiple values for argument '\(name)'") }
            slots[k] = v
        }
        var missing: [String] = []
        for (k, p) in params.enumerated() {  // each slot becomes the parameter's value
            let v = slots[k]
            if !v.isUnboundMarker {
                slots[k] = try accepted(fname, p, v)
            } else if let d = p.defaultValue {
                slots[k] = d.value
            } else {
                missing.append(p.name)
                slots[k] = .none
            }
        }
        if !missing.isEmpty {
            let names = missing.map { "'\($0)'" }
            let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
            throw PyError.type("\(fname)() missing \(missing.count) required argument\(missing.count == 1 ? "" : "s"): \(list)")
        }
        return Arguments(function: fname, params: params, values: slots, extra: extra, runtime: runtime)
    }

    /// The common call with positional arguments only: the values without the per-call
    /// array of optional slots; nil when a required argument is missing (the general
    /// path then reports it).
    private static func bindPositional(_ fname: String, _ params: [Param], _ positional: [Value]) throws -> [Value]? {
        if positional.count == params.count {
            // Every argument given and none to convert (the usual call): the array itself.
            var unchanged = true
            for k in 0..<params.count where !params[k].type.acceptsUnchanged(positional[k]) {
                unchanged = false
                break
            }
            if unchanged { return positional }
        }
        var values: [Value] = []
        values.reserveCapacity(params.count)
        for k in 0..<params.count {
            let p = params[k]
            if k < positional.count {
                values.append(try accepted(fname, p, positional[k]))
            } else if let d = p.defaultValue {
                values.append(d.value)
            } else {
                return nil
            }
        }
        return values
    }

    /// A given argument checked against its parameter's type: None for a parameter whose
    /// default is None, the accepted (possibly converted) value, or Python's TypeError.
    @inline(__always)
    private static func accepted(_ fname: String, _ p: Param, _ v: Value) throws -> Value {
        if case .none = v, let d = p.defaultValue, case .none = d.value { return .none }
        if let ok = p.type.accept(v) { return ok }
        if BigIntObject.isBig(v) && p.type.name == "float" { throw BigIntArith.tooLargeForFloat }
        if BigIntObject.isBig(v) && p.type.name == "int" { throw BigIntArith.tooLargeForSsize }
        throw PyError.type("\(fname)() argument '\(p.name)' must be \(p.type.name), not \(v.typeName)")
    }
}
