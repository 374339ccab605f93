/// A source position of an AST node: 1-based line, column and end column.
struct Pos: Equatable {
    var line: Int
    var column: Int
    var endColumn: Int
}

enum BinaryOp: String {
    case add = "+", sub = "-", mul = "*", div = "/", floorDiv = "//", mod = "%", pow = "**", matmul = "@"
    case bitOr = "|", bitXor = "^", bitAnd = "&", lshift = "<<", rshift = ">>"
}

enum CompareOp: String {
    case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">="
    case isIn = "in", notIn = "not in", isOp = "is", isNot = "is not"
}

enum UnaryOp { case neg, pos, not, invert }

/// A part of an f-string: literal text, or an expression with conversion and format spec
/// (the spec may itself contain expressions, hence `[FPart]`).
indirect enum FPart {
    case text(String)
    case expr(Expr, conversion: Character?, spec: [FPart]?, selfDoc: String?)
}

/// One argument at a call site.
enum Arg {
    case positional(Expr)
    case keyword(String, Expr, Pos)
    case star(Expr)
    case doubleStar(Expr)
}

/// `for target in iter if cond…` clause of a comprehension.
struct CompClause {
    var target: Expr
    var iter: Expr
    var conditions: [Expr]
}

/// How a parameter receives its argument: `a`, `*args`, keyword-only (after `*`), `**kwargs`.
enum ParamKind: Equatable {
    case positional, varArgs, keywordOnly, varKeywords
}

/// A function parameter.
struct ParamDecl {
    var name: String
    var defaultValue: Expr?
    var pos: Pos
    var kind: ParamKind = .positional
}

/// An expression node.
struct Expr {
    indirect enum Kind {
        case int(Int)
        /// An integer literal beyond 64 bits.
        case bigInt(BigInt)
        case float(Double)
        case str(String)
        case bytes([UInt8])
        case fstring([FPart])
        case bool(Bool)
        case none
        case name(String)
        case list([Expr])
        case tuple([Expr])
        case dict([(Expr, Expr)])
        case unary(UnaryOp, Expr)
        case binary(BinaryOp, Expr, Expr)
        case compare(Expr, [(CompareOp, Expr)])
        case and(Expr, Expr)
        case or(Expr, Expr)
        case ifExp(cond: Expr, then: Expr, else: Expr)
        case call(Expr, [Arg])
        case attribute(Expr, String)
        case index(Expr, Expr)
        case slice(Expr?, Expr?, Expr?)
        case listComp(Expr, [CompClause])
        case dictComp(Expr, Expr, [CompClause])
        case lambda([ParamDecl], Expr)
        /// `*xs` in a display or an assignment target; `**m` in a dict display is the
        /// key `.starred(m)` with the value `m`.
        case starred(Expr)
        /// `{a, b}` set display.
        case set([Expr])
        /// `{x for x in xs}`.
        case setComp(Expr, [CompClause])
        /// `(x for x in xs)` generator expression.
        case genExp(Expr, [CompClause])
        /// `yield x` (value nil for a bare `yield`).
        case yield(Expr?)
        /// `yield from xs`.
        case yieldFrom(Expr)
        /// `name := value` (the walrus operator): assigns and gives the value.
        case namedExpr(String, Expr)
    }

    var kind: Kind
    var pos: Pos
}

/// A statement node.
struct Stmt {
    indirect enum Kind {
        case expr(Expr)
        /// `a = b = value`: targets left to right.
        case assign([Expr], Expr)
        case augAssign(Expr, BinaryOp, Expr)
        case ifStmt([(Expr, [Stmt])], [Stmt]?)
        case forStmt(Expr, Expr, [Stmt])
        case whileStmt(Expr, [Stmt])
        case breakStmt
        case continueStmt
        case pass
        case def(name: String, params: [ParamDecl], body: [Stmt], doc: String?)
        case returnStmt(Expr?)
        case importStmt([(String, String?)])
        case fromImport(String, [(String, String?)])
        case global([String])
        case assert(Expr, Expr?)
        case del([Expr])
        /// `try: … except E as e: … else: … finally: …`
        case tryStmt(body: [Stmt], handlers: [ExceptHandler], orelse: [Stmt]?, finally: [Stmt]?)
        /// `with a as x, b: …` — each item is a context manager and an optional target.
        case with([(Expr, Expr?)], [Stmt])
        /// A `for` or `while` loop with an `else:` block (run unless the loop breaks).
        case loopElse(Stmt, [Stmt])
        /// `raise`, `raise E`, `raise E from C` (the cause is evaluated and ignored).
        case raise(Expr?, cause: Expr?)
        /// `class Name(bases…): body`; bases are call arguments (keywords such as `metaclass=` are refused).
        case classDef(name: String, bases: [Arg], body: [Stmt], doc: String?)
        /// `@d1 @d2 def/class …`: decorator expressions, top first, and the decorated definition.
        case decorated([Expr], Stmt)
        case nonlocal([String])
        /// `match subject: case …` (PEP 634): the first case whose pattern matches (and whose
        /// guard holds) runs.
        case match(Expr, [MatchCase])
    }

    var kind: Kind
    var pos: Pos
}

/// One `except [E [as name]]:` clause.
struct ExceptHandler {
    var type: Expr?
    var name: String?
    var body: [Stmt]
    var pos: Pos
}
