import XCTest
@testable import SMRLanguage

/// Closures over shared cells, `nonlocal`/`global` errors, and the syntax that parses
/// but is refused with a clear error until it is implemented (generators, sets).
final class ClosureTests: XCTestCase {
    func testCounterClosureIncrements() {
        let src = """
        def counter():
            n = 0
            def inc():
                nonlocal n
                n += 1
                return n
            return inc
        c = counter()
        c()
        c()
        print(c())
        """
        XCTAssertEqual(output(src), "3\n")
    }

    func testLambdasInComprehensionBindLate() {
        XCTAssertEqual(output("print([f() for f in [lambda: i for i in range(3)]])"), "[2, 2, 2]\n")
        XCTAssertEqual(output("def f():\n    return [g() for g in [lambda: i for i in range(3)]]\nprint(f())"), "[2, 2, 2]\n")
    }

    func testNonlocalErrors() {
        XCTAssertEqual(error("nonlocal x")?.summary, "SyntaxError: nonlocal declaration not allowed at module level")
        XCTAssertEqual(error("def f():\n    nonlocal x\n    x = 1")?.summary, "SyntaxError: no binding for nonlocal 'x' found")
        XCTAssertEqual(error("def f(x):\n    def g(x):\n        nonlocal x\n    return g")?.summary, "SyntaxError: name 'x' is parameter and nonlocal")
    }

    func testFreeVariableNotYetAssigned() {
        let src = "def f():\n    def g():\n        return y\n    g()\n    y = 1\nf()"
        let e = error(src)
        XCTAssertEqual(e?.summary, "NameError: cannot access free variable 'y' where it is not associated with a value in enclosing scope")
        XCTAssertEqual(e?.location?.line, 3)
    }

    func testUnimplementedSyntaxIsRefusedCleanly() {
        XCTAssertNotNil(error("@decorator_that_is_missing\ndef f():\n    pass")?.location)
    }
}
