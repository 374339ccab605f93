import XCTest
@testable import SMRLanguage

/// A corpus of malformed programs: none may crash, each error names a line and column.
final class MalformedInputTests: XCTestCase {
    static let corpus: [String] = [
        "'unterminated", "\"also unterminated\nx = 1", "'''never closed\n\n", "f'{x'", "f'{}'", "f'{x!z}'", "f'}'",
        "if True:\n  x = 1\n    y = 2\n", "if True:\n    x = 1\n  y = 2\n", "  x = 1\n", "def f():\nreturn 1\n", "for i in range(3):\n",
        "(1, 2", "[1, 2", "{1: 2", "1 + (2 * 3))", "f(]", ")", "]]]]", "x = = 1", "x ===", "1 +", "def (): pass", "def f(a, a): pass",
        "def f(a=1, b): pass", "lambda: ", "x.1", "@", "$", "?", "`", "x = 1 ++ ", "else:\n  pass", "elif x:\n  pass",
        "class A: pass", "try:\n  pass", "1 = x", "f() = 3", "x + 1 = 2", "del 1", "import", "from x", "from numpy import",
        "x = 99999999999999999999999999999", "x = 0x", "x = 1e", "x = 1.2.3", "x = 0777", "x = 5j",
        String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000),
        String(repeating: "[", count: 300), "x = " + String(repeating: "-", count: 3000) + "1",
        "x = " + Array(repeating: "1", count: 5000).joined(separator: " + "),
        String(repeating: "if True:\n", count: 1) + (1...150).map { String(repeating: " ", count: $0) + "if True:\n" }.joined(),
        "", "\n\n\n", "   ", "#", "\u{0}\u{1}\u{2}", "\u{FFFD}\u{FFFE}garbage\u{7F}", "x = '\\xZZ'", "print('\u{1F600}')\n+",
        "\t\tx = 1", "x = 1\n\tif x:\n", "f(a=1, a=2)", "f(a=1, 2)", "f(**)", "x[::0]", "x[1:2:3:4]",
        "while True print(1)", "for in x: pass", "for x y in z: pass", "x = [i for i in]", "x = {**a}", "x = {1, 2}",
        "return", "break", "continue", "yield 1", "x: int = 1", "a := 1", "nonlocal x", "global", "assert",
        String(decoding: [0xFF, 0xFE, 0x00, 0x41, 0xC3, 0x28, 0xE2, 0x82], as: UTF8.self),
        (0..<200).map { _ in String(UnicodeScalar(UInt8.random(in: 0...127))) }.joined(),
    ]

    func testCorpusNeverCrashesAndErrorsAreLocated() {
        for src in MalformedInputTests.corpus {
            let (_, err) = runProgram(src)
            let errs = Interpreter.check(source: src)
            for e in [err].compactMap({ $0 }) + errs where e.kind.isSyntax {
                XCTAssertNotNil(e.location, "no location for \(src.prefix(40)): \(e.summary)")
                if let l = e.location {
                    XCTAssertGreaterThanOrEqual(l.line, 1)
                    XCTAssertGreaterThanOrEqual(l.column, 1)
                }
                XCTAssertFalse(e.formatted().isEmpty)
            }
        }
    }

    func testSpecificMalformedMessages() {
        let cases: [(String, String, Int, Int)] = [
            ("x = 'abc\n", "unterminated string literal (detected at line 1)", 1, 5),
            ("f(1, 2\n", "'(' was never closed", 1, 2),
            ("x = 1)\n", "unmatched ')'", 1, 6),
            ("x = [1, 2)\n", "closing parenthesis ')' does not match opening parenthesis '['", 1, 10),
            ("if x\n    pass\n", "expected ':'", 1, 5),
            ("x = 0x12g\n", "invalid hexadecimal literal", 1, 5),
            ("def f():\nreturn 1\n", "expected an indented block", 2, 1),
        ]
        for (src, msg, line, col) in cases {
            let errs = Interpreter.check(source: src)
            guard let e = errs.first else { XCTFail("no error for \(src)"); continue }
            XCTAssertEqual(e.message, msg, src)
            XCTAssertEqual(e.location?.line, line, src)
            XCTAssertEqual(e.location?.column, col, src)
        }
    }

    func testRandomGarbageNeverCrashes() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("abc xyz_019()[]{}:,.'\"\\\n\t =+-*/%<>!#fif for while def return lambda not and or in")
        for _ in 0..<300 {
            let n = Int.random(in: 0..<80, using: &rng)
            let src = String((0..<n).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] })
            _ = runProgram(src)
            _ = Interpreter.check(source: src)
        }
    }
}

/// Deeply nested data must not exhaust the native stack when printed, compared or freed.
final class DeepDataTests: XCTestCase {
    func testDeeplyNestedContainers() {
        let src = """
        x = []
        y = []
        for i in range(200000):
            x = [x]
            y = [y]
        s = str(x)
        same = x == y
        d = {}
        for i in range(200000):
            d = {'k': (d,)}
        x = None
        y = None
        d = None
        print(len(s) > 0, same)
        """
        XCTAssertEqual(output(src), "True False\n")
    }
}
