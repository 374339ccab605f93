import XCTest
@testable import SMRLanguage

/// The declaration-based binding layer: one declaration gives calls with checked
/// keywords, help(), dir() and completion.
final class BindingTests: XCTestCase {
    final class Counter { var count = 0; var lr = 0.1 }

    func makeInterpreter() -> (Interpreter, CapturingOutputSink) {
        let out = CapturingOutputSink()
        let interp = Interpreter(output: out)
        let env = NativeType("CounterEnv", doc: "Counts steps.\nA toy environment.")
        env.initializer(params: [Param("seed", .int, default: .none, doc: "random seed"),
                                 Param("learning_rate", .float, default: .float(0.1), doc: "step size")]) { a in
            let c = Counter()
            c.lr = try a.double("learning_rate")
            return .object(NativeInstance(type: env, payload: c))
        }
        env.method("step", doc: "Advance by `n` steps.", params: [Param("n", .int, default: .int(1))]) { obj, a in
            guard let c = obj.payload as? Counter else { return .none }
            c.count += try a.int("n")
            return .int(c.count)
        }
        env.property("count", doc: "Steps so far.", get: { obj in .int((obj.payload as? Counter)?.count ?? 0) })
        env.property("lr", doc: "Learning rate.", get: { obj in .float((obj.payload as? Counter)?.lr ?? 0) },
                     set: { obj, v in
                         guard let d = v.asDouble else { throw PyError(.typeError, "lr must be a float") }
                         (obj.payload as? Counter)?.lr = d
                     })
        let module = NativeModule("toys", doc: "Toy library.")
        module.add(env)
        module.function("make", doc: "Make an environment by id.", params: [Param("id", .str), Param("seed", .int, default: .none)]) { a in
            .str("made \(try a.string("id")) seed=\(a["seed"].repr)")
        }
        interp.register(module: module)
        return (interp, out)
    }

    func testCallsMethodsAndProperties() throws {
        let (interp, out) = makeInterpreter()
        try interp.run(source: """
        from toys import CounterEnv
        import toys
        env = CounterEnv(seed=3, learning_rate=1)
        env.step()
        print(env.step(n=4), env.count, env.lr)
        env.lr = 0.5
        print(env.lr, toys.make('CartPole-v1'), toys.make(id='x', seed=2))
        print(type(env), isinstance(env, CounterEnv))
        """)
        XCTAssertEqual(out.text, "5 5 1.0\n0.5 made CartPole-v1 seed=None made x seed=2\n<class 'CounterEnv'> True\n")
    }

    func testArgumentErrorsSuggest() throws {
        let (interp, _) = makeInterpreter()
        try interp.run(source: "from toys import CounterEnv\nenv = CounterEnv()\n")
        let cases: [(String, String)] = [
            ("CounterEnv(learning_rat=1.0)", "CounterEnv() got an unexpected keyword argument 'learning_rat'. Did you mean: 'learning_rate'?"),
            ("CounterEnv(seed='x')", "CounterEnv() argument 'seed' must be int, not str"),
            ("env.step(nn=1)", "step() got an unexpected keyword argument 'nn'. Did you mean: 'n'?"),
            ("env.step(m=1)", "step() got an unexpected keyword argument 'm'"),
            ("import toys\ntoys.make()", "make() missing 1 required argument: 'id'"),
            ("env.stepp()", "'CounterEnv' object has no attribute 'stepp'. Did you mean: 'step'?"),
            ("env.stpe()", "'CounterEnv' object has no attribute 'stpe'"),
            ("env.count = 3", "attribute 'count' of 'CounterEnv' object is not settable"),
        ]
        for (src, msg) in cases {
            XCTAssertThrowsError(try interp.run(source: src)) { e in
                XCTAssertEqual((e as? PyError)?.message, msg, src)
            }
        }
    }

    func testHelpAndDir() throws {
        let (interp, out) = makeInterpreter()
        try interp.run(source: "from toys import CounterEnv\nhelp(CounterEnv)\nprint(dir(CounterEnv()))\nhelp(print)\n")
        XCTAssertTrue(out.text.contains("CounterEnv(seed=None, learning_rate=0.1)"), out.text)
        XCTAssertTrue(out.text.contains("learning_rate=0.1: step size"), out.text)
        XCTAssertTrue(out.text.contains("step(n=1) — Advance by `n` steps."), out.text)
        XCTAssertTrue(out.text.contains("['count', 'lr', 'step']"), out.text)
        XCTAssertTrue(out.text.contains("print(*values, sep=' ', end='\\n')"), out.text)
    }

    func testCompletion() throws {
        let (interp, _) = makeInterpreter()
        try interp.run(source: "import numpy as np\nfrom toys import CounterEnv\nenv = CounterEnv()\nenvelope = 1\n")
        XCTAssertEqual(interp.completions(for: "x = np.mea").candidates, ["np.mean"])
        XCTAssertEqual(interp.completions(for: "env.s").candidates, ["env.step"])
        XCTAssertEqual(interp.completions(for: "en").candidates, ["enumerate", "env", "envelope"])
        XCTAssertEqual(interp.completions(for: "CounterEnv(lea").candidates, ["learning_rate="])
        XCTAssertTrue(interp.completions(for: "CounterEnv(se").candidates.contains("seed="))
        XCTAssertTrue(interp.completions(for: "env.step(").candidates.contains("n="))
        XCTAssertEqual(interp.completions(for: "import nu").candidates, ["numpy"])
        XCTAssertEqual(interp.completions(for: "wh").candidates, ["while"])
    }

    func testLibraryCallbacksIntoLanguage() throws {
        let out = CapturingOutputSink()
        let interp = Interpreter(output: out)
        interp.registerBuiltin(BuiltinFunction("apply_twice", doc: "f(f(x))", params: [Param("f", .callable), Param("x")]) { a in
            try a.runtime.call(a["f"], [try a.runtime.call(a["f"], [a["x"]])])
        })
        var seeded: [Int] = []
        interp.seedHandler = { seeded.append($0) }
        try interp.run(source: "def inc(v):\n    return v + 1\nprint(apply_twice(inc, 1))\nseed(7)\n")
        XCTAssertEqual(out.text, "3\n")
        XCTAssertEqual(seeded, [7])
    }
}
