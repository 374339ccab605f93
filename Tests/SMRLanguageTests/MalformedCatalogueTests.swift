import Foundation
import XCTest
@testable import SMRLanguage

/// A generated catalogue of malformed programs: every golden program cut at every token
/// boundary, and randomly mutated; plus resource-exhausting inputs. None may crash, and
/// every error (syntax or runtime) must name a line and column inside the source.
final class MalformedCatalogueTests: XCTestCase {
    /// Run with a deadline: a program that loops forever is interrupted.
    static func runBounded(_ src: String, seconds: Double = 1) -> PyError? {
        let stop = DispatchWorkItem { Interpreter.requestInterrupt() }
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: stop)
        defer {
            stop.cancel()
            Interpreter.clearInterrupt()
        }
        return runProgram(src).error
    }

    static func lineCount(_ src: String) -> Int { SourceInfo.splitLines(src).count }

    func assertLocated(_ e: PyError, _ src: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let loc = e.location else {
            XCTFail("\(what): no location for \(e.summary)\n--- source ---\n\(src.prefix(300))", file: file, line: line)
            return
        }
        XCTAssertGreaterThanOrEqual(loc.line, 1, what, file: file, line: line)
        XCTAssertLessThanOrEqual(loc.line, Self.lineCount(src) + 1, "\(what): \(e.formatted())", file: file, line: line)
        XCTAssertGreaterThanOrEqual(loc.column, 1, what, file: file, line: line)
        XCTAssertFalse(e.formatted().isEmpty, file: file, line: line)
    }

    /// Scalar offsets where tokens end, from the lexer's (line, column) positions.
    static func tokenEnds(_ src: String) -> [Int] {
        var lineStarts = [0]
        let us = Array(src.unicodeScalars)
        var k = 0
        while k < us.count {
            if us[k] == "\n" || us[k] == "\r" {
                if us[k] == "\r", k + 1 < us.count, us[k + 1] == "\n" { k += 1 }
                lineStarts.append(k + 1)
            }
            k += 1
        }
        var lexer = Lexer(src)
        lexer.run()
        var ends = Set<Int>()
        for t in lexer.tokens where t.line >= 1 && t.line <= lineStarts.count {
            let start = lineStarts[t.line - 1] + t.column - 1
            let end = lineStarts[t.line - 1] + t.endColumn - 1
            for o in [start, end] where o >= 0 && o <= us.count { ends.insert(o) }
        }
        return ends.sorted()
    }

    static func prefix(_ src: String, _ n: Int) -> String {
        var out = String.UnicodeScalarView()
        out.append(contentsOf: src.unicodeScalars.prefix(n))
        return String(out)
    }

    func testGoldenProgramsCutAtEveryTokenBoundary() throws {
        var checked = 0
        for c in try GoldenTests.cases() {
            let ends = Self.tokenEnds(c.source)
            for (k, n) in ends.enumerated() {
                let src = Self.prefix(c.source, n)
                for e in Interpreter.check(source: src) { assertLocated(e, src, "\(c.name) cut at \(n)") }
                // Running every prefix would take minutes; every 40th runs.
                if k % 40 == 7, let e = Self.runBounded(src) { assertLocated(e, src, "\(c.name) cut at \(n), run") }
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 5000)
    }

    func testGoldenProgramsWithRandomMutations() throws {
        var rng = SplitMix(state: 20_261_122)
        let pieces: [String] = ["(", ")", "[", "]", "{", "}", ":", ",", "'", "\"", "\"\"\"", "f'{", "}", "\\", "\n", "\r", "\t",
                                "    ", "\u{0}", "#", "=", "==", "*", "**", "-", "lambda", "if ", "else", "for ", "in ", "def ",
                                "return", "try:", "except", "with ", "0", "9", "1e", "x", ".", "%", "\u{FFFD}", "é", "\r\n"]
        var runs = 0
        for c in try GoldenTests.cases() {
            let base = Array(c.source.unicodeScalars)
            guard !base.isEmpty else { continue }
            for _ in 0..<25 {
                var s = base
                for _ in 0..<Int.random(in: 1...3, using: &rng) {
                    let at = Int.random(in: 0..<s.count, using: &rng)
                    switch Int.random(in: 0..<3, using: &rng) {
                    case 0: s.remove(at: at)
                    case 1: s.insert(contentsOf: Array(pieces[Int.random(in: 0..<pieces.count, using: &rng)].unicodeScalars), at: at)
                    default: s[at] = pieces[Int.random(in: 0..<pieces.count, using: &rng)].unicodeScalars.first ?? "x"
                    }
                    if s.isEmpty { s = ["x"] }
                }
                var view = String.UnicodeScalarView()
                view.append(contentsOf: s)
                let src = String(view)
                for e in Interpreter.check(source: src) { assertLocated(e, src, "\(c.name) mutant") }
                if let e = Self.runBounded(src) { assertLocated(e, src, "\(c.name) mutant, run") }
                runs += 1
            }
        }
        XCTAssertGreaterThan(runs, 500)
    }

    /// Inputs that would exhaust memory, time or the stack end in a clean, located error.
    func testResourceExhaustionIsACleanError() {
        let cases: [(String, ErrorKind, Int, Int)] = [
            ("x = list(range(10**12))\n", .memoryError, 1, 5),
            ("x = 'x' * 10**12\n", .memoryError, 1, 5),
            ("x = [0] * 10**12\n", .memoryError, 1, 5),
            ("x = (1, 2) * 10**12\n", .memoryError, 1, 5),
            ("x = 'ab'.center(10**12)\n", .memoryError, 1, 10),
            ("x = '7'.zfill(10**12)\n", .memoryError, 1, 9),
            ("x = 'a\\tb'.expandtabs(10**12)\n", .memoryError, 1, 12),
            ("x = '%*d' % (10**12, 1)\n", .valueError, 1, 5),
            ("x = '%*d' % (-9223372036854775807 - 1, 1)\n", .valueError, 1, 5),
            ("x = '{:{}}'.format(1, 10**12)\n", .valueError, 1, 13),
            ("x = f'{1:{10**12}}'\n", .valueError, 1, 8),
            ("y = 1\nx = 10**10**10\n", .memoryError, 2, 5),
            ("x = 1 << 2**64\n", .memoryError, 1, 5),
            ("x = 7 ** 10**7\n", .memoryError, 1, 5),
            ("x = float(-9223372036854775807 ** 200)\n", .overflowError, 1, 5),
            ("def f(n):\n    return f(n + 1) + 1\nf(0)\n", .recursionError, 2, 12),
            ("def a(n):\n    return b(n)\ndef b(n):\n    return a(n)\na(0)\n", .recursionError, 4, 12),
            ("f = lambda n: f(n)\nf(1)\n", .recursionError, 1, 15),
            ("x = " + String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000) + "\n", .syntaxError, 1, 205),
            ("x = " + String(repeating: "-", count: 100_000) + "1\n", .syntaxError, 1, 205),
            ("x = " + Array(repeating: "1", count: 200_000).joined(separator: " + ") + "\n", .syntaxError, 1, 4005),
            ((0..<120).map { String(repeating: " ", count: $0) + "if True:\n" }.joined() + String(repeating: " ", count: 120) + "pass\n",
             .indentationError, 101, 1),
            ("if True:\n        x = 1\n\ty = 2\n", .tabError, 3, 1),
            ("if True:\n\tx = 1\n        y = 2\n", .tabError, 3, 1),
            ("x = 1\ry = (\r", .syntaxError, 2, 5),
            ("x = 1\u{0}\n", .syntaxError, 1, 6),
            ("y = f\"{x\n", .syntaxError, 1, 5),
            ("y = f'{1 + }'\n", .syntaxError, 1, 12),
            ("y = f'{'\n", .syntaxError, 1, 7),
            ("s = '''never\nclosed\n", .syntaxError, 1, 5),
            ("print((1, 2]\n", .syntaxError, 1, 12),
            ("x = {'a': [1, 2}\n", .syntaxError, 1, 16),
            ("x = 1\n    y = 2\n", .indentationError, 2, 1),
        ]
        for (src, kind, line, col) in cases {
            let errs = Interpreter.check(source: src)
            let err = errs.first ?? Self.runBounded(src, seconds: 20)
            guard let e = err else { XCTFail("no error for \(src.prefix(60))"); continue }
            XCTAssertEqual(e.kind, kind, "\(src.prefix(60)): \(e.summary)")
            XCTAssertEqual(e.location?.line, line, "\(src.prefix(60)): \(e.summary)")
            XCTAssertEqual(e.location?.column, col, "\(src.prefix(60)): \(e.summary)")
            XCTAssertFalse(e.location?.sourceLine.isEmpty ?? true, "\(src.prefix(60)): no source line")
        }
    }

    /// int64 arrays wrap around as numpy's do (they trapped converting 1.8e19 to Int).
    func testNumpyIntOverflowWrapsInsteadOfTrapping() {
        let src = "import numpy as np\nprint(repr(np.array([2**62]) * 4), np.array([1, 2]) * 2**62, np.abs(np.array([-3])))\n"
        XCTAssertEqual(output(src), "array([0]) [ 4611686018427387904 -9223372036854775808] [3]\n")
        XCTAssertEqual(error("import numpy as np\nnp.abs(-9223372036854775807 - 1)\n")?.kind, .overflowError)
    }

    /// Operations at the edges of 64-bit ints end in a value or a Python error, never a
    /// trap (slices with step int64 min, round(int64 min, -1), enumerate past int64 max).
    func testInt64ExtremesNeverTrap() {
        let src = """
m = -9223372036854775807 - 1
M = 9223372036854775807
tests = [lambda: [1, 2, 3][::m], lambda: "abc"[::m], lambda: [1, 2, 3][m:M:M], lambda: range(10)[::m], lambda: range(m, M)[::2],
         lambda: len(range(m, M)), lambda: range(m, M, M), lambda: list(range(M - 2, M)), lambda: list(range(m, m + 2)),
         lambda: [0, 1][m], lambda: (1,)[m:], lambda: round(M, -18), lambda: round(m, -1), lambda: divmod(m, -1), lambda: m // -1,
         lambda: m % -1, lambda: abs(m), lambda: -m, lambda: m * -1, lambda: m - 1, lambda: int(str(m)), lambda: int(str(M) + "0"),
         lambda: f"{m:,}", lambda: f"{m:x}", lambda: bin(m), lambda: m >> 70, lambda: m << 1, lambda: ~m, lambda: m ** 1, lambda: m ** 2,
         lambda: float(m), lambda: int(float(M)), lambda: hex(M), lambda: "%d" % m, lambda: "%x" % m, lambda: [1][M:], lambda: "ab" * M,
         lambda: [1] * M, lambda: range(0, M, 2)[M // 2 - 1], lambda: sum(range(M - 3, M)), lambda: list(enumerate([1], M)),
         lambda: sorted(range(5), key=lambda v: -v)[m:], lambda: "abc".ljust(M), lambda: [1, 2].insert(M, 0), lambda: [1, 2].pop(m),
         lambda: (1, 2).index(1, m, M), lambda: "abc".find("b", m, M), lambda: "abc".count("", m, M), lambda: chr(M), lambda: m / 0.0]
for i, t in enumerate(tests):
    try:
        r = t()
        print(i, repr(r)[:60])
    except Exception as e:
        print(i, type(e).__name__, e)
"""
        let out = output(src)
        XCTAssertEqual(out.split(separator: "\n").count, 50, out)
        XCTAssertTrue(out.hasPrefix("0 [3]\n1 'c'\n"), out)
        XCTAssertTrue(out.contains("\n11 9000000000000000000\n12 -9223372036854775810\n"), out)
    }

    /// A very long single line and a very long string literal are fine.
    func testLongLinesAndStrings() {
        let long = "x = [" + (0..<50_000).map(String.init).joined(separator: ", ") + "]\nprint(len(x), x[-1])\n"
        XCTAssertEqual(output(long), "50000 49999\n")
        let str = "s = '" + String(repeating: "ab", count: 1_000_000) + "'\nprint(len(s))\n"
        XCTAssertEqual(output(str), "2000000\n")
    }

    /// Ctrl-C reaches loops that run inside builtins.
    func testInterruptStopsLongBuiltinLoops() {
        let e = Self.runBounded("x = sum(range(10**15))\n", seconds: 0.3)
        XCTAssertEqual(e?.kind, .keyboardInterrupt)
        XCTAssertEqual(e?.location?.line, 1)
    }
}
