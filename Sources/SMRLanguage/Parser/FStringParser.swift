/// Splits an f-string body into literal text and `{expression!conv:spec}` parts; each
/// expression is lexed and parsed on its own, with positions mapped back to the source.
enum FStringParser {
    static func parse(_ body: String, raw: Bool, line: Int, column: Int, depth: Int) throws -> [FPart] {
        let cs = Array(body.unicodeScalars)
        var k = 0
        return try parseParts(cs, &k, raw: raw, line: line, column: column, depth: depth, inSpec: false)
    }

    private static func position(_ cs: [Unicode.Scalar], _ k: Int, line: Int, column: Int) -> (Int, Int) {
        var l = line, c = column
        var j = 0
        while j < k && j < cs.count {
            if cs[j] == "\n" { l += 1; c = 1 } else { c += 1 }
            j += 1
        }
        return (l, c)
    }

    private static func parseParts(_ cs: [Unicode.Scalar], _ k: inout Int, raw: Bool, line: Int, column: Int, depth: Int, inSpec: Bool) throws -> [FPart] {
        var parts: [FPart] = []
        var text = ""
        func flush() {
            if !text.isEmpty {
                parts.append(.text(raw ? text : Lexer.unescape(text)))
                text = ""
            }
        }
        while k < cs.count {
            let c = cs[k]
            if c == "{" {
                if !inSpec && k + 1 < cs.count && cs[k + 1] == "{" {
                    text += "{"
                    k += 2
                    continue
                }
                flush()
                parts.append(try parseField(cs, &k, raw: raw, line: line, column: column, depth: depth))
                continue
            }
            if c == "}" {
                if inSpec { break }
                if k + 1 < cs.count && cs[k + 1] == "}" {
                    text += "}"
                    k += 2
                    continue
                }
                let (l, col) = position(cs, k, line: line, column: column)
                throw ParseError(message: "f-string: single '}' is not allowed", pos: Pos(line: l, column: col, endColumn: col + 1))
            }
            if c == "\\" && !raw && k + 1 < cs.count {
                text.unicodeScalars.append(c)
                text.unicodeScalars.append(cs[k + 1])
                k += 2
                continue
            }
            text.unicodeScalars.append(c)
            k += 1
        }
        flush()
        return parts
    }

    /// Parse `{expr[=][!c][:spec]}` starting at the `{`.
    private static func parseField(_ cs: [Unicode.Scalar], _ k: inout Int, raw: Bool, line: Int, column: Int, depth: Int) throws -> FPart {
        let open = k
        k += 1
        let exprStart = k
        var nest = 0
        var quote: Unicode.Scalar?
        var exprEnd = -1
        while k < cs.count {
            let c = cs[k]
            if let q = quote {
                if c == q { quote = nil }
                k += 1
                continue
            }
            if c == "'" || c == "\"" { quote = c; k += 1; continue }
            if c == "(" || c == "[" || c == "{" { nest += 1 }
            else if c == ")" || c == "]" || (c == "}" && nest > 0) { nest -= 1 }
            else if nest == 0 && (c == "}" || c == ":" || (c == "!" && !(k + 1 < cs.count && cs[k + 1] == "="))) {
                exprEnd = k
                break
            }
            k += 1
        }
        let (ol, oc) = position(cs, open, line: line, column: column)
        guard exprEnd >= 0 else {
            throw ParseError(message: "f-string: expecting '}'", pos: Pos(line: ol, column: oc, endColumn: oc + 1))
        }
        var exprText = String(String.UnicodeScalarView(cs[exprStart..<exprEnd]))
        var selfDoc: String?
        let trimmed = exprText.trimmingTrailingSpaces()
        if trimmed.hasSuffix("="), !trimmed.hasSuffix("=="), !trimmed.hasSuffix("!="), !trimmed.hasSuffix("<="), !trimmed.hasSuffix(">=") {
            selfDoc = exprText
            exprText = String(trimmed.dropLast())
        }
        if exprText.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" }) {
            throw ParseError(message: "f-string: empty expression not allowed", pos: Pos(line: ol, column: oc, endColumn: oc + 1))
        }
        var conversion: Character?
        if k < cs.count && cs[k] == "!" {
            k += 1
            if k < cs.count, "rsa".unicodeScalars.contains(cs[k]) {
                conversion = Character(cs[k])
                k += 1
            } else {
                throw ParseError(message: "f-string: invalid conversion character: expected 's', 'r', or 'a'", pos: Pos(line: ol, column: oc, endColumn: oc + 1))
            }
        }
        var spec: [FPart]?
        if k < cs.count && cs[k] == ":" {
            k += 1
            spec = try parseParts(cs, &k, raw: raw, line: line, column: column, depth: depth, inSpec: true)
        }
        guard k < cs.count, cs[k] == "}" else {
            throw ParseError(message: "f-string: expecting '}'", pos: Pos(line: ol, column: oc, endColumn: oc + 1))
        }
        k += 1
        if selfDoc != nil && conversion == nil && spec == nil { conversion = "r" }
        // Lex and parse the expression, mapping positions back.
        let (el, ec) = position(cs, exprStart, line: line, column: column)
        var lexer = Lexer("(" + exprText + ")")
        lexer.run()
        if let e = lexer.errors.first {
            throw ParseError(message: "f-string: " + e.message, pos: Pos(line: el + e.line - 1, column: e.line == 1 ? ec + e.column - 2 : e.column, endColumn: (e.line == 1 ? ec + e.column - 2 : e.column) + 1))
        }
        let toks = lexer.tokens.map { t -> Token in
            var t = t
            if t.line == 1 {
                t.column = ec + t.column - 2
                t.endColumn = ec + t.endColumn - 2
            }
            t.line = el + t.line - 1
            return t
        }
        var parser = Parser(tokens: toks)
        parser.depth = depth
        let expr = try parser.parseTestList()
        while parser.tok.isNewline { _ = parser.advance() }
        guard parser.tok.isEOF else {
            throw ParseError(message: "f-string: invalid syntax", pos: parser.pos(parser.tok))
        }
        return .expr(expr, conversion: conversion, spec: spec, selfDoc: selfDoc)
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while let l = s.last, l == " " || l == "\t" || l == "\n" { s = s.dropLast() }
        return String(s)
    }
}
