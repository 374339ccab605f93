import XCTest
@testable import SMRLanguage

final class ErrorTests: XCTestCase {
    /// One program per error kind, with the line and column Python would blame.
    func testEveryErrorKind() {
        let cases: [(String, ErrorKind, Int, Int)] = [
            ("x = (1,\n", .syntaxError, 1, 5),
            ("if True:\nprint(1)\n", .indentationError, 2, 1),
            ("y = 1\nprint(yy)\n", .nameError, 2, 7),
            ("x = 1 + 'a'\n", .typeError, 1, 5),
            ("int('abc')\n", .valueError, 1, 1),
            ("xs = [1]\nxs[5]\n", .indexError, 2, 1),
            ("d = {}\nd['k']\n", .keyError, 2, 1),
            ("x = 1 / 0\n", .zeroDivisionError, 1, 5),
            ("(1).foo\n", .attributeError, 1, 5),
            ("x = 2.0 * 2 ** 1024\n", .overflowError, 1, 5),
            ("import nope\n", .moduleNotFoundError, 1, 1),
            ("from math import nope\n", .importError, 1, 1),
            ("def f():\n    return f()\nf()\n", .recursionError, 2, 12),
            ("assert 1 == 2, 'bad'\n", .assertionError, 1, 1),
        ]
        for (src, kind, line, col) in cases {
            let (_, err) = runProgram(src)
            guard let e = err else { XCTFail("no error for \(src)"); continue }
            XCTAssertEqual(e.kind, kind, "\(src): \(e.formatted())")
            XCTAssertEqual(e.location?.line, line, "\(src): \(e.formatted())")
            XCTAssertEqual(e.location?.column, col, "\(src): \(e.formatted())")
        }
    }

    func testRuntimeErrorKindAndKeyboardInterrupt() {
        XCTAssertEqual(PyError(.runtimeError, "x").summary, "RuntimeError: x")
        XCTAssertEqual(PyError(.keyboardInterrupt, "").summary, "KeyboardInterrupt")
    }

    func testFormattedErrorShowsFileCellLineCaret() {
        let interp = Interpreter(output: CapturingOutputSink())
        do {
            try interp.run(source: "a = 1\nb = a + undefined_name\n", fileName: "demo.smrnb", cell: 3)
            XCTFail("expected error")
        } catch let e as PyError {
            XCTAssertEqual(e.formatted(), """
              File "demo.smrnb", cell 3, line 2, column 9
                b = a + undefined_name
                        ^^^^^^^^^^^^^^
            NameError: name 'undefined_name' is not defined
            """)
        } catch { XCTFail("\(error)") }
    }

    func testTracebackThroughCalls() {
        let (_, e) = runProgram("def inner(x):\n    return x / 0\ndef outer():\n    return inner(1)\nouter()\n", file: "t.py")
        XCTAssertEqual(e?.kind, .zeroDivisionError)
        XCTAssertEqual(e?.traceback.map { $0.location.line }, [5, 4])
        XCTAssertEqual(e?.traceback.map { $0.function }, ["<module>", "outer"])
        XCTAssertEqual(e?.location?.line, 2)
        XCTAssertTrue(e?.formatted().hasPrefix("Traceback (most recent call last):\n  File \"t.py\", line 5, column 1, in <module>") ?? false, e?.formatted() ?? "")
    }

    func testSuggestions() {
        XCTAssertEqual(error("count = 1\nprint(cout)\n")?.message, "name 'cout' is not defined. Did you mean: 'count'?")
        XCTAssertEqual(error("pritn(1)\n")?.message, "name 'pritn' is not defined. Did you mean: 'print'?")
        XCTAssertEqual(error("[].apend(1)\n")?.message, "'list' object has no attribute 'apend'. Did you mean: 'append'?")
        XCTAssertEqual(error("def f(alpha=1):\n    pass\nf(alpah=2)\n")?.message, "f() got an unexpected keyword argument 'alpah'. Did you mean: 'alpha'?")
        XCTAssertEqual(error("import numpy as np\nnp.meen([1])\n")?.message, "module 'numpy' has no attribute 'meen'. Did you mean: 'mean'?")
        XCTAssertEqual(error("print(1, sepp=',')\n")?.message, "'sepp' is an invalid keyword argument for print(). Did you mean: 'sep'?")
    }

    /// CPython 3.11's rule: edits cost 2 (a case change 1), at most a third of the
    /// characters may change, so transpositions of short names and one-letter names get
    /// no suggestion.
    func testSuggestionsFollowCPythonDistances() {
        XCTAssertEqual(Suggestions.closest(to: "lts", in: ["lst"]), nil)
        XCTAssertEqual(Suggestions.closest(to: "b", in: ["a"]), nil)
        XCTAssertEqual(Suggestions.closest(to: "TRUE", in: ["True", "type"]), "True")
        XCTAssertEqual(Suggestions.closest(to: "eps", in: ["epsilon"]), nil)
        XCTAssertEqual(Suggestions.closest(to: "lenght", in: ["len", "length"]), "length")
        XCTAssertEqual(Suggestions.closest(to: "totl", in: ["total", "tool"]), "total")
        XCTAssertEqual(Suggestions.distance("kitten", "sitting"), 5 * 2 - 4)
        XCTAssertEqual(error("a = 1\nprint(b)\n")?.message, "name 'b' is not defined")
    }

    func testPythonMessages() {
        XCTAssertEqual(error("def f(a, b):\n    pass\nf(1)\n")?.message, "f() missing 1 required positional argument: 'b'")
        XCTAssertEqual(error("def f(a):\n    pass\nf(1, 2)\n")?.message, "f() takes 1 positional argument but 2 were given")
        XCTAssertEqual(error("a, b = [1, 2, 3]\n")?.message, "too many values to unpack (expected 2)")
        XCTAssertEqual(error("a, b, c = (1, 2)\n")?.message, "not enough values to unpack (expected 3, got 2)")
        XCTAssertEqual(error("1 < 'a'\n")?.message, "'<' not supported between instances of 'int' and 'str'")
        XCTAssertEqual(error("None + 1\n")?.message, "unsupported operand type(s) for +: 'NoneType' and 'int'")
        XCTAssertEqual(error("{}['x']\n")?.summary, "KeyError: 'x'")
        XCTAssertEqual(error("1 % 0\n")?.message, "integer modulo by zero")
        XCTAssertEqual(error("1 // 0\n")?.message, "integer division or modulo by zero")
        XCTAssertEqual(error("1.0 / 0\n")?.message, "float division by zero")
        XCTAssertEqual(error("def f():\n    x += 1\nf()\n")?.message, "cannot access local variable 'x' where it is not associated with a value")
        XCTAssertEqual(error("len(5)\n")?.message, "object of type 'int' has no len()")
        XCTAssertEqual(error("f'{1:d}'.x\n")?.kind, .attributeError)
        XCTAssertEqual(error("f'{1.5:d}'\n")?.message, "Unknown format code 'd' for object of type 'float'")
    }
}
