/// Parameter lists of `def` and `lambda`: `a, b=1, *args, c, d=2, **kwargs`
/// (a bare `*` starts keyword-only parameters), with Python's syntax errors.
extension Parser {
    mutating func parseParams(closing: String, annotations: Bool) throws -> [ParamDecl] {
        var params: [ParamDecl] = []
        var seenDefault = false
        var seenStar = false
        var seenDoubleStar = false
        var seenSlash = false
        while !isOp(closing) {
            let pt = tok
            if seenDoubleStar { throw fail("arguments cannot follow var-keyword argument", at: pt) }
            if isOp("/") {
                // `/` ends the positional-only parameters; they are accepted as ordinary ones.
                if seenSlash { throw fail("/ may appear only once", at: pt) }
                if seenStar { throw fail("/ must be ahead of *", at: pt) }
                if params.isEmpty { throw fail("at least one argument must precede /", at: pt) }
                seenSlash = true
                _ = advance()
                if !acceptOp(",") { break }
                continue
            }
            var kind = seenStar ? ParamKind.keywordOnly : .positional
            if acceptOp("**") {
                kind = .varKeywords
                seenDoubleStar = true
            } else if acceptOp("*") {
                if seenStar { throw fail("* argument may appear only once", at: pt) }
                seenStar = true
                if isOp(",") || isOp(closing) {
                    // A bare `*`: keyword-only parameters follow.
                    _ = acceptOp(",")
                    if isOp(closing) || isOp("**") { throw fail("named arguments must follow bare *", at: pt) }
                    continue
                }
                kind = .varArgs
            }
            let nameTok = tok
            let name = try expectName("parameter name")
            if params.contains(where: { $0.name == name }) {
                throw fail("duplicate argument '\(name)' in function definition", at: nameTok)
            }
            if annotations && acceptOp(":") { _ = try parseTest() }  // annotation, ignored
            var d: Expr?
            if isOp("=") {
                if kind == .varArgs || kind == .varKeywords {
                    throw fail(kind == .varArgs ? "var-positional argument cannot have default value" : "var-keyword argument cannot have default value")
                }
                _ = advance()
                d = try parseTest()
                if kind == .positional { seenDefault = true }
            } else if kind == .positional && seenDefault {
                throw fail("non-default argument follows default argument", at: nameTok)
            }
            params.append(ParamDecl(name: name, defaultValue: d, pos: pos(nameTok), kind: kind))
            if !acceptOp(",") { break }
        }
        return params
    }
}
