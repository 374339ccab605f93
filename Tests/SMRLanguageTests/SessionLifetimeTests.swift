import XCTest
@testable import SMRLanguage

/// A finished session frees what it made: functions, classes (whose `super()` methods hold
/// them through the `__class__` cell) and the runtime with its value stack. Each leaked runtime
/// kept megabytes; a fuzzer or a host that runs many notebooks in one process would run out.
/// (Cycles the program makes itself, such as an instance holding its own bound method, need
/// Python's cycle collector, which the language does not have.)
final class SessionLifetimeTests: XCTestCase {
    func testRuntimeAndClassesAreFreedWhenTheInterpreterGoes() throws {
        weak var runtime: Runtime?
        weak var instance: InstanceObject?
        try { () throws -> Void in
            let interp = Interpreter(output: CapturingOutputSink())
            _ = try interp.run(source: """
                class Base:
                    def hello(self):
                        return "base"
                class Child(Base):
                    def hello(self):
                        return super().hello() + "+child"
                    @property
                    def me(self):
                        return self
                c = Child()
                print(c.hello(), c.me is c)
                """, fileName: "<test>")
            runtime = interp.runtime
            if case .object(let o)? = interp.runtime.globals.value("c") { instance = o as? InstanceObject }
            XCTAssertNotNil(instance)
        }()
        XCTAssertNil(instance, "the instance (and its class) outlived the session")
        XCTAssertNil(runtime, "the runtime outlived the session")
    }
}
