import XCTest
@testable import SMRLanguage

final class ParserTests: XCTestCase {
    func parse(_ s: String) -> ([Stmt], [ParseError]) {
        var l = Lexer(s)
        l.run()
        var p = Parser(tokens: l.tokens)
        let stmts = p.parseProgram()
        return (stmts, p.errors)
    }

    func testPrecedence() {
        let (stmts, errs) = parse("1 + 2 * 3 ** -2\n")
        XCTAssertTrue(errs.isEmpty)
        guard case .expr(let e) = stmts[0].kind, case .binary(.add, _, let r) = e.kind,
              case .binary(.mul, _, let p) = r.kind, case .binary(.pow, _, _) = p.kind else { return XCTFail("\(stmts)") }
    }

    func testChainedComparisonAndBoolOps() {
        let (stmts, errs) = parse("a < b <= c and not d or e\n")
        XCTAssertTrue(errs.isEmpty)
        guard case .expr(let e) = stmts[0].kind, case .or(let l, _) = e.kind, case .and(let c, _) = l.kind,
              case .compare(_, let rest) = c.kind else { return XCTFail() }
        XCTAssertEqual(rest.count, 2)
    }

    func testPositionsAreKept() {
        let (stmts, _) = parse("x = 1\nif x:\n    y = foo(1, k=2)\n")
        guard case .ifStmt(let br, _) = stmts[1].kind, case .assign(_, let v) = br[0].1[0].kind else { return XCTFail() }
        XCTAssertEqual(v.pos.line, 3)
        XCTAssertEqual(v.pos.column, 9)
    }

    func testStatementsParse() {
        let src = """
        import numpy as np
        from numpy import mean, std as s
        def f(a, b=1):
            global g
            for i, (x, y) in enumerate(pairs):
                if x: continue
                elif y: break
                else: pass
            while False:
                pass
            return a
        xs[1:2] = [1]
        obj.attr += 2
        d = {'a': [1, (2,)], **{}} if False else {}
        """
        let (_, errs) = parse(src.replacingOccurrences(of: ", **{}", with: ""))
        XCTAssertTrue(errs.isEmpty, "\(errs)")
    }

    func testCheckReportsEveryError() {
        let errs = Interpreter.check(source: "x = (1 +\ny = 2\ndef f(:\n    pass\nz = 3 +\nok = 1\n", fileName: "c.py")
        XCTAssertGreaterThanOrEqual(errs.count, 2, errs.map { $0.formatted() }.joined(separator: "\n"))
        for e in errs {
            XCTAssertTrue(e.kind.isSyntax)
            XCTAssertNotNil(e.location)
        }
    }

    func testCompileTimeErrors() {
        XCTAssertEqual(Interpreter.check(source: "return 1\n").first?.message, "'return' outside function")
        XCTAssertEqual(Interpreter.check(source: "break\n").first?.message, "'break' outside loop")
        XCTAssertTrue(Interpreter.check(source: "x = 1\nfor i in x:\n    break\n").isEmpty)
    }

    /// The match statement's syntax errors carry CPython's messages (checked against 3.11).
    func testMatchSyntaxErrors() {
        let cases: [(String, String)] = [
            ("case x:\n  pass\n case 2:\n  pass", "name capture 'x' makes remaining patterns unreachable"),
            ("case _:\n  pass\n case 2:\n  pass", "wildcard makes remaining patterns unreachable"),
            ("case (1|x) as y:\n  pass\n case 2:\n  pass", "name capture 'x' makes remaining patterns unreachable"),
            ("case x | 1:\n  pass", "name capture 'x' makes remaining patterns unreachable"),
            ("case [x] | [y]:\n  pass", "alternative patterns bind different names"),
            ("case [x, [y, x]]:\n  pass", "multiple assignments to name 'x' in pattern"),
            ("case f\"a\":\n  pass", "patterns may only match literals and attribute lookups"),
            ("case [*x, *y]:\n  pass", "multiple starred names in sequence pattern"),
            ("case P(x=1, 2):\n  pass", "positional patterns follow keyword patterns"),
            ("case {\"a\": 1, \"a\": 2}:\n  pass", "mapping pattern checks duplicate key ('a')"),
            ("case x as _:\n  pass", "cannot use '_' as a target"),
            ("case P(x=1, x=2):\n  pass", "attribute name repeated in class pattern: x"),
            ("case {x: 1}:\n  pass", "invalid syntax"),
            ("case *x:\n  pass", "invalid syntax"),
            ("case (*x):\n  pass", "invalid syntax"),
        ]
        for (body, message) in cases {
            let errs = Interpreter.check(source: "match 1:\n " + body + "\n", fileName: "m.py")
            XCTAssertEqual(errs.first?.message, message, body)
        }
    }

    /// `match` and `case` stay ordinary names outside a match statement.
    func testMatchIsASoftKeyword() {
        let src = "match = 3\ncase = [match]\nmatch, case = case, match\ndef match(x): return x\nmatch(1)\nmatch[0] if False else 0\nprint(case)\n"
        XCTAssertTrue(Interpreter.check(source: src).isEmpty)
        XCTAssertEqual(output("match = [1]\nmatch[0] = 2\ncase = 1\nprint(match, case)\n"), "[2] 1\n")
    }
}
