// Fallback benchmark runner for compare.sh, compiled together with SMRLanguage's
// sources by swiftc (not a package target): times one program in-process.
// Usage: smr-lang-bench PROGRAM.py [REPEATS]
import Foundation

let args = CommandLine.arguments
let source = (try? String(contentsOfFile: args[1], encoding: .utf8)) ?? ""
let repeats = args.count > 2 ? Int(args[2]) ?? 5 : 5
var times: [Double] = []
_ = try? Interpreter(output: CapturingOutputSink()).run(source: source, fileName: args[1])  // warm-up
for _ in 0..<repeats {
    let interp = Interpreter(output: CapturingOutputSink())
    let t0 = DispatchTime.now().uptimeNanoseconds
    do { try interp.run(source: source, fileName: args[1]) } catch { print(error); exit(1) }
    times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
}
times.sort()
print(String(format: "%.6f", times[times.count / 2]))
