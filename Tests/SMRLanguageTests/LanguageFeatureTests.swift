import XCTest
@testable import SMRLanguage

/// Constructs whose behaviour CPython golden programs cannot show on their own:
/// the context-manager protocol of library objects and subscripts reaching them.
final class LanguageFeatureTests: XCTestCase {
    /// A library object recording how subscripts reach it.
    final class Probe: NativeObject {
        var log: [String] = []
        override var typeName: String { "Probe" }
        override func getItem(_ index: Value) throws -> Value { .str("getItem " + index.repr) }
        override func getSlice(_ lo: Int?, _ hi: Int?, _ step: Int?) throws -> Value {
            .str("getSlice \(lo.map(String.init) ?? "None") \(hi.map(String.init) ?? "None") \(step.map(String.init) ?? "None")")
        }
        override func setItem(_ index: Value, _ value: Value) throws { log.append("setItem \(index.repr) = \(value.repr)") }
    }

    /// `torch.no_grad()`-like: counts entries and exits, optionally suppresses errors.
    func makeInterpreter() -> (Interpreter, CapturingOutputSink, Probe) {
        let out = CapturingOutputSink()
        let interp = Interpreter(output: out)
        let guardType = NativeType("Guard", doc: "A context manager for tests.")
        guardType.initializer(params: [Param("suppress", .bool, default: .bool(false))]) { a in
            .object(NativeInstance(type: guardType, payload: try a.bool("suppress")))
        }
        guardType.method("__enter__", doc: "", params: []) { obj, a in
            a.runtime.write("enter\n")
            return .str("entered")
        }
        guardType.method("__exit__", doc: "", params: [Param("exc_type"), Param("exc_value"), Param("traceback")]) { obj, a in
            a.runtime.write("exit \(a["exc_type"].repr) \(a["exc_value"].repr)\n")
            return .bool(obj.payload as? Bool ?? false)
        }
        let module = NativeModule("ctx", doc: "")
        module.add(guardType)
        interp.register(module: module)
        let probe = Probe()
        interp[global: "probe"] = .object(probe)
        return (interp, out, probe)
    }

    func testWithCallsEnterAndExit() throws {
        let (interp, out, _) = makeInterpreter()
        try interp.run(source: """
        from ctx import Guard
        with Guard() as g:
            print("inside", g)
        def early():
            with Guard():
                return "returned"
        print(early())
        for i in range(3):
            with Guard():
                if i == 1:
                    break
        with Guard(suppress=True):
            1 / 0
        print("suppressed")
        with Guard() as a, Guard() as b:
            print(a, b)
        """)
        XCTAssertEqual(out.text, """
        enter
        inside entered
        exit None None
        enter
        exit None None
        returned
        enter
        exit None None
        enter
        exit None None
        enter
        exit <class 'ZeroDivisionError'> ZeroDivisionError('division by zero')
        suppressed
        enter
        enter
        entered entered
        exit None None
        exit None None

        """)
    }

    func testWithPropagatesErrorsWithTheirLocation() {
        let (interp, out, _) = makeInterpreter()
        XCTAssertThrowsError(try interp.run(source: "from ctx import Guard\nwith Guard():\n    x = [1][5]\n")) { e in
            let err = e as? PyError
            XCTAssertEqual(err?.summary, "IndexError: list index out of range")
            XCTAssertEqual(err?.location?.line, 3)
            XCTAssertEqual(err?.location?.column, 9)
        }
        XCTAssertEqual(out.text, "enter\nexit <class 'IndexError'> IndexError('list index out of range')\n")
        let plain = error("with 5:\n    pass\n")
        XCTAssertEqual(plain?.summary, "TypeError: 'int' object does not support the context manager protocol")
        XCTAssertEqual(plain?.location?.line, 1)
    }

    func testSubscriptsWithSeveralPartsPassTuplesOfSlices() throws {
        let (interp, out, probe) = makeInterpreter()
        try interp.run(source: """
        print(probe[:, -1])
        print(probe[0, 1:3])
        print(probe[1:2])
        print(probe[::2])
        print(probe[1,])
        print(probe[-1])
        print(probe[:, 0:4:2, 1])
        n = 3
        print(probe[:n, n - 1])
        probe[:, 0] = 7
        """)
        XCTAssertEqual(out.text, """
        getItem (slice(None, None, None), -1)
        getItem (0, slice(1, 3, None))
        getSlice 1 2 None
        getSlice None None 2
        getItem (1,)
        getItem -1
        getItem (slice(None, None, None), slice(0, 4, 2), 1)
        getItem (slice(None, 3, None), 2)

        """)
        XCTAssertEqual(probe.log, ["setItem (slice(None, None, None), 0) = 7"])
    }

    func testNewSyntaxErrorsAreLocated() {
        let cases: [(String, String, Int, Int)] = [
            ("a, *b, *c = [1, 2]\n", "multiple starred expressions in assignment", 1, 8),
            ("*a = [1]\n", "can't use starred expression here", 1, 1),
            ("try:\n    pass\nexcept:\n    pass\nexcept ValueError:\n    pass\n", "default 'except:' must be last", 5, 1),
            ("try:\n    pass\nx = 1\n", "expected 'except' or 'finally' block", 3, 1),
            ("def f(*):\n    pass\n", "named arguments must follow bare *", 1, 7),
            ("def f(*a, *b):\n    pass\n", "* argument may appear only once", 1, 11),
            ("def f(**k, a):\n    pass\n", "arguments cannot follow var-keyword argument", 1, 12),
            ("except ValueError:\n    pass\n", "invalid syntax: 'except' without a matching 'try'", 1, 1),
            ("x = [*a for a in b]\n", "iterable unpacking cannot be used in comprehension", 1, 6),
        ]
        for (src, msg, line, col) in cases {
            guard let e = Interpreter.check(source: src).first else { XCTFail("no error for \(src)"); continue }
            XCTAssertEqual(e.message, msg, src)
            XCTAssertEqual(e.location?.line, line, src)
            XCTAssertEqual(e.location?.column, col, src)
        }
    }

    func testBareRaiseOutsideHandlerAndSignatures() {
        XCTAssertEqual(error("raise\n")?.summary, "RuntimeError: No active exception to reraise")
        XCTAssertEqual(error("raise 5\n")?.summary, "TypeError: exceptions must derive from BaseException")
        XCTAssertNil(runProgram("try:\n    pass\nexcept 5:\n    pass\n").error)
        XCTAssertEqual(error("try:\n    1/0\nexcept 5:\n    pass\n")?.summary,
                       "TypeError: catching classes that do not inherit from BaseException is not allowed")
        let out = output("def f(a, b=2, *args, c, d=4, **kw):\n    pass\nhelp(f)\n")
        XCTAssertTrue(out.contains("f(a, b=2, *args, c, d=4, **kw)"), out)
    }

    /// `globals()` holds itself once bound to a name: its repr elides the cycle as CPython's does.
    func testGlobalsViewReprElidesItself() {
        let dunders = "'__name__': '__main__', '__doc__': None, '__package__': None, '__loader__': None, '__spec__': None, "
            + "'__annotations__': {}, '__builtins__': <module 'builtins' (built-in)>, "
        XCTAssertEqual(output("g = globals()\nx = [g]\nprint(repr(g))\nprint(x)\n"),
                       "{\(dunders)'g': {...}, 'x': [{...}]}\n[{\(dunders)'g': {...}, 'x': [...]}]\n")
    }

    /// A fresh namespace holds `__main__`'s dunders, as CPython's does; `:vars` leaves them out.
    func testModuleDundersAreGlobalsButNotVariables() {
        XCTAssertEqual(output("print(__name__, __doc__, globals()['__name__'], __builtins__.len([1]), 'x' in dir())\nx = 1\nprint(sorted(globals())[-1])\n"),
                       "__main__ None __main__ 1 False\nx\n")
        let interpreter = Interpreter(output: CapturingOutputSink())
        XCTAssertNoThrow(try interpreter.run(source: "y = 2\n"))
        XCTAssertEqual(interpreter.globalNames, ["y"])
        interpreter.reset()
        XCTAssertNoThrow(try interpreter.run(source: "import builtins\nz = __name__ + builtins.str(1)\n"))
        XCTAssertEqual(interpreter[global: "z"]?.asString, "__main__1")
    }
}
