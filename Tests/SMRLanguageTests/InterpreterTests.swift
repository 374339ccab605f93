import XCTest
@testable import SMRLanguage

final class InterpreterTests: XCTestCase {
    func testPersistentGlobalsAndDisplayValue() throws {
        let out = CapturingOutputSink()
        let interp = Interpreter(output: out)
        XCTAssertNil(try interp.run(source: "x = 40\n", fileName: "nb", cell: 1))
        XCTAssertEqual(try interp.run(source: "x + 2\n", fileName: "nb", cell: 2)?.repr, "42")
        XCTAssertNil(try interp.run(source: "print('hi')\n"))
        XCTAssertNil(try interp.run(source: "None\n"))
        XCTAssertEqual(try interp.run(source: "'s'\n")?.repr, "'s'")
        XCTAssertEqual(out.text, "hi\n")
        XCTAssertEqual(interp[global: "x"]?.repr, "40")
        interp[global: "lr"] = .float(0.5)
        XCTAssertEqual(try interp.run(source: "lr * 2")?.repr, "1.0")
        XCTAssertEqual(interp.variables().map { $0.name }, ["x", "lr"])
        interp.reset()
        XCTAssertTrue(interp.globalNames.isEmpty)
        XCTAssertThrowsError(try interp.run(source: "x"))
    }

    func testFunctionsSeeLaterGlobalsAndRecursion() {
        XCTAssertEqual(output("def f():\n    return g() * 2\ndef g():\n    return 21\nprint(f())\n"), "42\n")
        XCTAssertEqual(output("def fact(n):\n    return 1 if n <= 1 else n * fact(n - 1)\nprint(fact(20))\n"), "2432902008176640000\n")
    }

    func testComprehensionVariablesDoNotLeak() {
        XCTAssertEqual(output("x = 'keep'\nys = [x for x in range(3)]\nprint(x, ys)\n"), "keep [0, 1, 2]\n")
        XCTAssertEqual(output("def f():\n    x = 5\n    return [x * i for i in range(3)], x\nprint(f())\n"), "([0, 5, 10], 5)\n")
    }

    func testClosuresCaptureEnclosingValues() {
        XCTAssertEqual(output("def mk(k):\n    return lambda v: v + k\nprint(mk(3)(4))\n"), "7\n")
        XCTAssertEqual(output("def outer():\n    def fact(n):\n        return 1 if n < 2 else n * fact(n - 1)\n    return fact(5)\nprint(outer())\n"), "120\n")
    }

    func testSlicing() {
        XCTAssertEqual(output("xs = list(range(10))\nprint(xs[-3:], xs[::3], xs[8:2:-2], xs[100:], xs[:-100], 'hello'[::-1], (1,2,3)[1:])\n"),
                       "[7, 8, 9] [0, 3, 6, 9] [8, 6, 4] [] [] olleh (2, 3)\n")
        XCTAssertEqual(output("xs = [1, 2, 3, 4]\nxs[1:3] = ['a']\nprint(xs)\n"), "[1, 'a', 4]\n")
    }

    func testShortCircuitReturnsOperands() {
        XCTAssertEqual(output("def boom():\n    raise_it\nprint(0 and boom(), 1 or boom(), [] or 'd')\n"), "0 1 d\n")
    }

    func testKeywordAndMappingArguments() {
        XCTAssertEqual(output("def f(a, b=2, c=3):\n    return a + b * c\nkw = {'c': 10}\nprint(f(1, **kw), f(c=1, a=0, b=5))\n"), "21 5\n")
    }

    func testIntsPromotePastSixtyFourBits() {
        XCTAssertEqual(output("x = 9223372036854775807\ny = x + 1\nprint(y, type(y) is int, y - 1 == x)\n"),
                       "9223372036854775808 True True\n")
        XCTAssertEqual(output("print(2 ** 64)"), "18446744073709551616\n")
        XCTAssertEqual(output("print(2 ** 62, -2 ** 62 * 2, 2 ** -1)\n"), "4611686018427387904 -9223372036854775808 0.5\n")
        let e = error("x = float(2 ** 1024)\n")
        XCTAssertEqual(e?.kind, .overflowError)
        XCTAssertEqual(e?.message, "int too large to convert to float")
    }

    func testDictOrderAndKeys() {
        XCTAssertEqual(output("d = {}\nd['b'] = 1\nd['a'] = 2\nd[1] = 'one'\nd[1.0] = 'float one'\nprint(d, list(d.items()))\n"),
                       "{'b': 1, 'a': 2, 1: 'float one'} [('b', 1), ('a', 2), (1, 'float one')]\n")
    }

    func testImports() {
        XCTAssertEqual(output("import numpy as np\nfrom math import sqrt, pi\nprint(np.mean([1, 2]), sqrt(16.0), round(pi, 2))\n"), "1.5 4.0 3.14\n")
        XCTAssertEqual(error("import torch")?.kind, .moduleNotFoundError)
        let e = error("from numpy import meam")
        XCTAssertEqual(e?.kind, .importError)
        XCTAssertTrue(e?.message.contains("Did you mean: 'mean'?") ?? false, e?.message ?? "")
    }

    func testPrintSepEnd() {
        XCTAssertEqual(output("print(1, 2, sep='-', end='!')\nprint()\nprint('a', 'b', sep='')\n"), "1-2!\nab\n")
    }

    func testMethodsOfBuiltinTypes() {
        XCTAssertEqual(output("s = 'a-b-c'\nprint(s.split('-', 1), s.upper().lower(), ' x '.strip(), s.replace('-', ''), s.startswith('a'))\n"),
                       "['a', 'b-c'] a-b-c x abc True\n")
        XCTAssertEqual(output("d = {'a': 1}\nprint(d.get('a'), d.pop('a'), d, d.setdefault('z', 3), d)\n"), "1 1 {'z': 3} 3 {'z': 3}\n")
    }

    func testDeepRecursionGivesRecursionError() {
        let (_, err) = runProgram("def f(n):\n    return f(n + 1)\nf(0)\n")
        XCTAssertEqual(err?.kind, .recursionError)
        XCTAssertEqual(err?.message, "maximum recursion depth exceeded")
        XCTAssertTrue(err?.formatted().contains("more calls") ?? false)
        // 900 levels are fine.
        XCTAssertEqual(output("def d(n):\n    return 0 if n == 0 else 1 + d(n - 1)\nprint(d(900))\n"), "900\n")
    }

    func testDeepRecursionOnSmallStackThread() throws {
        // From a secondary thread the interpreter hops to a large stack.
        let done = expectation(description: "thread")
        var result: PyError?
        let t = Thread {
            let (_, e) = runProgram("def f(n):\n    return f(n + 1)\nf(0)\n")
            result = e
            done.fulfill()
        }
        t.stackSize = 256 * 1024
        t.start()
        wait(for: [done], timeout: 30)
        XCTAssertEqual(result?.kind, .recursionError)
    }

    func testInterruptStopsALoop() throws {
        let interp = Interpreter(output: CapturingOutputSink())
        try interp.run(source: "n = 0\n")
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { Interpreter.requestInterrupt() }
        XCTAssertThrowsError(try interp.run(source: "while True:\n    n += 1\n")) { e in
            XCTAssertEqual((e as? PyError)?.kind, .keyboardInterrupt)
            XCTAssertEqual((e as? PyError)?.location?.line, 1)
        }
        // State survives; the flag is cleared.
        XCTAssertGreaterThan(interp[global: "n"]?.asInt ?? 0, 0)
        XCTAssertFalse(Interpreter.interruptRequested)
        XCTAssertEqual(try interp.run(source: "n > 0")?.repr, "True")
    }

    func testStringFormattingHelpers() {
        XCTAssertEqual(output("print(repr(1e22), 1e-4, 123e-7, 2.5e-5, float(10**15), 1/3)\n"),
                       "1e+22 0.0001 1.23e-05 2.5e-05 1000000000000000.0 0.3333333333333333\n")
    }
}
