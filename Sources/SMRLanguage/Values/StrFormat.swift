/// `str.format`: `"{} {0} {name} {0[1]} {p.x} {!r} {:>{w}.2f}"`, with Python's messages.
enum StrFormat {
    static func format(_ template: String, _ args: [Value], _ kw: [(String, Value)]) throws -> String {
        var auto = 0
        var manual = false
        var usedAuto = false
        return try render(Array(template), args, kw, &auto, &manual, &usedAuto, depth: 0)
    }

    private static func render(_ cs: [Character], _ args: [Value], _ kw: [(String, Value)],
                               _ auto: inout Int, _ manual: inout Bool, _ usedAuto: inout Bool, depth: Int) throws -> String {
        if depth > 1 { throw PyError.value("Max string recursion exceeded") }
        var out = ""
        var k = 0
        while k < cs.count {
            let c = cs[k]
            if c == "}" {
                if k + 1 < cs.count && cs[k + 1] == "}" { out.append("}"); k += 2; continue }
                throw PyError.value("Single '}' encountered in format string")
            }
            if c != "{" { out.append(c); k += 1; continue }
            if k + 1 < cs.count && cs[k + 1] == "{" { out.append("{"); k += 2; continue }
            // A replacement field: find its matching `}` (the spec may nest `{…}`).
            var j = k + 1
            var nest = 0
            var inBracket = false
            while j < cs.count {
                let d = cs[j]
                if inBracket { if d == "]" { inBracket = false } }
                else if d == "[" { inBracket = true }
                else if d == "{" { nest += 1 }
                else if d == "}" {
                    if nest == 0 { break }
                    nest -= 1
                }
                j += 1
            }
            guard j < cs.count else {
                throw PyError.value(nest > 0 || k + 1 == cs.count ? "Single '{' encountered in format string" : "expected '}' before end of string")
            }
            let field = Array(cs[(k + 1)..<j])
            out += try replace(field, args, kw, &auto, &manual, &usedAuto, depth: depth)
            k = j + 1
        }
        return out
    }

    private static func replace(_ field: [Character], _ args: [Value], _ kw: [(String, Value)],
                                _ auto: inout Int, _ manual: inout Bool, _ usedAuto: inout Bool, depth: Int) throws -> String {
        // Split name ! conversion : spec (the name may contain [..] with any characters).
        var nameEnd = 0
        var inBracket = false
        while nameEnd < field.count {
            let d = field[nameEnd]
            if inBracket { if d == "]" { inBracket = false } }
            else if d == "[" { inBracket = true }
            else if d == "!" || d == ":" { break }
            nameEnd += 1
        }
        let name = Array(field[..<nameEnd])
        var conversion: Character?
        var rest = Array(field[nameEnd...])
        if rest.first == "!" {
            guard rest.count >= 2 else { throw PyError.value("end of string while looking for conversion specifier") }
            conversion = rest[1]
            guard let cv = conversion, "rsa".contains(cv) else {
                throw PyError.value("Unknown conversion specifier \(rest[1])")
            }
            rest = Array(rest.dropFirst(2))
            if !rest.isEmpty && rest.first != ":" { throw PyError.value("expected ':' after conversion specifier") }
        }
        var value = try lookup(name, args, kw, &auto, &manual, &usedAuto)
        var spec = ""
        if rest.first == ":" {
            spec = try render(Array(rest.dropFirst()), args, kw, &auto, &manual, &usedAuto, depth: depth + 1)
        }
        if let cv = conversion {
            try BigIntArith.checkStrLimit(value)
            value = .str(cv == "s" ? Repr.str(value) : Repr.repr(value))
        }
        if case .object(let o) = value, let f = o as? FormattableObject { return try f.format(spec) }
        return try Format.format(value, spec)
    }

    private static func lookup(_ name: [Character], _ args: [Value], _ kw: [(String, Value)],
                               _ auto: inout Int, _ manual: inout Bool, _ usedAuto: inout Bool) throws -> Value {
        var k = 0
        var first = ""
        while k < name.count, name[k] != ".", name[k] != "[" { first.append(name[k]); k += 1 }
        var value: Value
        if first.isEmpty {
            if manual { throw PyError.value("cannot switch from manual field specification to automatic field numbering") }
            usedAuto = true
            guard auto < args.count else { throw PyError.index("Replacement index \(auto) out of range for positional args tuple") }
            value = args[auto]
            auto += 1
        } else if let i = Int(first), first.allSatisfy({ $0.isASCII && $0.isNumber }) {
            if usedAuto { throw PyError.value("cannot switch from automatic field numbering to manual field specification") }
            manual = true
            guard i < args.count else { throw PyError.index("Replacement index \(i) out of range for positional args tuple") }
            value = args[i]
        } else {
            guard let v = kw.last(where: { $0.0 == first })?.1 else { throw PyError(.keyError, Repr.stringRepr(first)) }
            value = v
        }
        while k < name.count {
            if name[k] == "." {
                k += 1
                var attr = ""
                while k < name.count, name[k] != ".", name[k] != "[" { attr.append(name[k]); k += 1 }
                if attr.isEmpty { throw PyError.value("Empty attribute in format string") }
                value = try Attributes.get(value, attr)
            } else {
                k += 1
                var key = ""
                while k < name.count, name[k] != "]" { key.append(name[k]); k += 1 }
                guard k < name.count else { throw PyError.value("Missing ']' in format string") }
                k += 1
                if key.isEmpty { throw PyError.value("Empty attribute in format string") }
                let index: Value = key.allSatisfy({ $0.isASCII && $0.isNumber }) ? .int(Int(key) ?? 0) : .str(key)
                value = try Subscript.getItem(value, index)
            }
        }
        return value
    }
}
