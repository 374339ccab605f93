import XCTest
@testable import SMRLanguage

/// Classes: errors worded as CPython words them, with locations; what golden programs cannot show.
final class ClassTests: XCTestCase {
    func testUncaughtUserExceptionShowsItsClass() {
        let e = error("class BadConfig(ValueError):\n    pass\nraise BadConfig('lr < 0')")
        XCTAssertEqual(e?.summary, "BadConfig: lr < 0")
        XCTAssertEqual(e?.kind, .valueError)
        XCTAssertEqual(e?.location?.line, 3)
    }

    func testMissingAttributeAndArguments() {
        XCTAssertEqual(error("class Vec:\n    pass\nVec().x")?.summary, "AttributeError: 'Vec' object has no attribute 'x'")
        XCTAssertEqual(error("class P:\n    def __init__(self, a, b):\n        pass\nP(1)")?.summary,
                       "TypeError: P.__init__() missing 1 required positional argument: 'b'")
        XCTAssertEqual(error("class P:\n    pass\nP(1)")?.summary, "TypeError: P() takes no arguments")
        XCTAssertEqual(error("class P:\n    def __init__(self):\n        return 1\nP()")?.summary,
                       "TypeError: __init__() should return None, not 'int'")
    }

    func testBadBasesAndRaises() {
        XCTAssertEqual(error("class A(3):\n    pass")?.summary, "TypeError: bases must be types, not int")
        XCTAssertEqual(error("class A:\n    pass\nraise A()")?.summary, "TypeError: exceptions must derive from BaseException")
        XCTAssertEqual(error("class A:\n    pass\ntry:\n    pass\nexcept A:\n    pass\nraise ValueError")?.summary, "ValueError")
        XCTAssertEqual(error("class A:\n    def f(self):\n        return super().nothing\nA().f()")?.summary,
                       "AttributeError: 'super' object has no attribute 'nothing'")
    }

    func testUnhashableWithEqOnly() {
        XCTAssertEqual(error("class K:\n    def __eq__(self, o):\n        return True\n{K(): 1}")?.summary, "TypeError: unhashable type: 'K'")
    }

    func testSpecialMethodErrorsPropagate() {
        XCTAssertEqual(error("class R:\n    def __repr__(self):\n        return 3\nrepr(R())")?.summary,
                       "TypeError: __repr__ returned non-string (type int)")
        XCTAssertEqual(error("class L:\n    def __len__(self):\n        return -1\nlen(L())")?.summary,
                       "ValueError: __len__() should return >= 0")
        XCTAssertEqual(error("class C:\n    pass\nC()()")?.summary, "TypeError: 'C' object is not callable")
        XCTAssertEqual(error("class C:\n    pass\nfor x in C():\n    pass")?.summary, "TypeError: 'C' object is not iterable")
    }

    func testClassReprAndMethodRepr() {
        XCTAssertEqual(output("class Vec:\n    def norm(self):\n        pass\nprint(Vec)\nprint(Vec.norm.__qualname__)"),
                       "<class '__main__.Vec'>\nVec.norm\n")
    }
}

/// Generators: what golden programs cannot show (errors and their wording).
final class GeneratorTests: XCTestCase {
    func testGeneratorErrors() {
        XCTAssertEqual(error("def g():\n    yield 1\nx = g()\nx.send(3)")?.summary, "TypeError: can't send non-None value to a just-started generator")
        XCTAssertEqual(error("def g():\n    yield 1\n    raise StopIteration\nlist(g())")?.summary, "RuntimeError: generator raised StopIteration")
        XCTAssertEqual(error("def g():\n    print((yield 1))")?.kind, .syntaxError)
        XCTAssertEqual(error("yield 1")?.summary, "SyntaxError: 'yield' outside function")
    }

    func testInfiniteGeneratorIsLazy() {
        XCTAssertEqual(output("def nat():\n    n = 0\n    while True:\n        yield n\n        n += 1\nfor x in nat():\n    if x > 2:\n        break\nprint(x)"), "3\n")
    }
}
