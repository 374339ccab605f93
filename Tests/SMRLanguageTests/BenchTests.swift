import Foundation
import XCTest
@testable import SMRLanguage

/// Interpreter benchmarks (issue 5): run only when SMR_BENCH=1. Each program in
/// bench/interpreter/*.py is timed in-process (fresh interpreter, parse+compile+run),
/// `SMR_BENCH_REPEATS` times (default 5) after one untimed warm-up run; the median is printed as
/// `BENCH <name> <seconds>`. `SMR_BENCH_ONLY=name` restricts to one program.
final class BenchTests: XCTestCase {
    static var benchDir: URL {
        if let d = ProcessInfo.processInfo.environment["SMR_BENCH_DIR"] { return URL(fileURLWithPath: d) }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../bench/interpreter").standardized
    }

    func testBenchmarks() throws {
        let env = ProcessInfo.processInfo.environment
        guard env["SMR_BENCH"] == "1" else { throw XCTSkip("set SMR_BENCH=1 to run the interpreter benchmarks") }
        let repeats = Int(env["SMR_BENCH_REPEATS"] ?? "") ?? 5
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.benchDir.path).filter { $0.hasSuffix(".py") }.sorted()
        for f in files {
            let name = String(f.dropLast(3))
            if let only = env["SMR_BENCH_ONLY"], only != name { continue }
            let source = try String(contentsOf: Self.benchDir.appendingPathComponent(f), encoding: .utf8)
            var times: [Double] = []
            // One untimed warm-up run (page faults, lazy symbol binding), as time_python.py does.
            try Interpreter(output: CapturingOutputSink()).run(source: source, fileName: f)
            for _ in 0..<repeats {
                let interp = Interpreter(output: CapturingOutputSink())
                let t0 = DispatchTime.now().uptimeNanoseconds
                try interp.run(source: source, fileName: f)
                times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
            }
            times.sort()
            print(String(format: "BENCH %@ %.6f", name, times[times.count / 2]))
        }
        if env["SMR_BENCH_ONLY"] == nil || env["SMR_BENCH_ONLY"] == "library_call" {
            print(String(format: "BENCH library_call_overhead_us %.3f", try libraryCallOverhead()))
        }
    }

    /// Interpreter overhead of calling a declared library method (`obj.poke(x=i)`), in µs:
    /// (loop with the call − the same loop without it) / iterations.
    func libraryCallOverhead() throws -> Double {
        let thing = NativeType("Thing", doc: "A benchmark object.")
        thing.initializer(params: []) { _ in .object(NativeInstance(type: thing)) }
        thing.method("poke", doc: "Return x.", params: [Param("x", .int)]) { _, a in a[0] }
        let module = NativeModule("benchlib")
        module.add(thing)
        let n = 200_000
        func time(_ body: String) throws -> Double {
            var best = Double.infinity
            for _ in 0..<5 {
                let interp = Interpreter(output: CapturingOutputSink())
                interp.register(module: module)
                let src = "from benchlib import Thing\nt = Thing()\nfor i in range(\(n)):\n    \(body)\n"
                let t0 = DispatchTime.now().uptimeNanoseconds
                try interp.run(source: src)
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
            }
            return best
        }
        let with = try time("t.poke(i)")
        let without = try time("i")
        return (with - without) / Double(n) * 1e6
    }
}
