/// Text of `help(x)`, built from declarations and doc strings.
enum Help {
    static func indent(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
    }

    static func paramLines(_ params: [Param]) -> String {
        let documented = params.filter { !$0.doc.isEmpty || $0.type != .any }
        if documented.isEmpty { return "" }
        var out = "\n\n    Arguments:"
        for p in documented {
            out += "\n      \(p.signatureText)" + (p.type != .any ? " (\(p.type.name))" : "") + (p.doc.isEmpty ? "" : ": \(p.doc)")
        }
        return out
    }

    static func text(_ rt: Runtime, _ v: Value?) -> String {
        guard let v else {
            let names = rt.builtins.keys.sorted()
            let mods = rt.modules.keys.sorted()
            return """
            smr language: Python-flavoured, indentation-based.
            Use help(x) on any function, class, module or value.

            Builtins: \(names.joined(separator: ", "))
            Modules: \(mods.joined(separator: ", "))
            """
        }
        switch v {
        case .function(let f):
            var out = "Help on function \(f.isLambda ? "<lambda>" : f.name):\n\n\(f.signatureText)"
            if let d = f.doc { out += "\n" + indent(d) }
            return out
        case .builtin(let b):
            var out = b.isType ? "Help on class \(b.name):\n\n" : "Help on built-in function \(b.name):\n\n"
            out += b.signatureText
            if !b.doc.isEmpty { out += "\n" + indent(b.doc) }
            if let ps = b.params { out += paramLines(ps) }
            return out
        case .object(let o):
            return o.helpText
        default:
            let methods = Attributes.names(v).filter { !$0.hasPrefix("_") }
            var out = "Help on \(v.typeName) object:\n\n\(Repr.repr(v).prefix(200))"
            if !methods.isEmpty { out += "\n\nMethods: " + methods.joined(separator: ", ") }
            return out
        }
    }
}
