/// `try`/`except`/`else`/`finally` and `with` statements.
extension Parser {
    mutating func parseTry() throws -> Stmt {
        let sp = pos(advance())
        let body = try parseBlock()
        var handlers: [ExceptHandler] = []
        var orelse: [Stmt]?
        var fin: [Stmt]?
        while isKeyword("except") {
            let ht = advance()
            if let last = handlers.last, last.type == nil {
                throw fail("default 'except:' must be last", at: ht)
            }
            var type: Expr?
            var name: String?
            if !isOp(":") {
                if isOp("*") { throw fail("'except*' is not supported") }
                type = try parseTest()
                if isOp(",") { throw fail("multiple exception types must be parenthesized") }
                if acceptKeyword("as") { name = try expectName() }
            }
            handlers.append(ExceptHandler(type: type, name: name, body: try parseBlock(), pos: pos(ht)))
        }
        if isKeyword("else") {
            if handlers.isEmpty { throw fail("expected 'except' or 'finally' block") }
            _ = advance()
            orelse = try parseBlock()
        }
        if acceptKeyword("finally") { fin = try parseBlock() }
        if handlers.isEmpty && fin == nil { throw fail("expected 'except' or 'finally' block") }
        return Stmt(kind: .tryStmt(body: body, handlers: handlers, orelse: orelse, finally: fin), pos: sp)
    }

    mutating func parseWith() throws -> Stmt {
        let sp = pos(advance())
        var items: [(Expr, Expr?)] = []
        repeat {
            let manager = try parseTest()
            var target: Expr?
            if acceptKeyword("as") {
                let t = try parseOrExpr()
                try checkTarget(t)
                target = t
            }
            items.append((manager, target))
        } while acceptOp(",")
        return Stmt(kind: .with(items, try parseBlock()), pos: sp)
    }
}
