import Foundation
import SMRLanguage
#if canImport(Glibc)
import Glibc
#endif

/// IPython's `%time` and `%timeit` for the REPL's `:time` and `:timeit`.
enum REPLTiming {
    /// Seconds of user and system CPU time of this process.
    static func cpuTimes() -> (user: Double, sys: Double) {
        var u = rusage()
        getrusage(RUSAGE_SELF.rawValue, &u)
        func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return (s(u.ru_utime), s(u.ru_stime))
    }

    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// IPython's `_format_time(timespan, precision=3)`: "1.23 s", "4.5 ms", "7.43 µs", "12 ns".
    static func format(_ seconds: Double, precision: Int = 3) -> String {
        if seconds >= 60 {
            var rest = seconds
            var parts: [String] = []
            for (suffix, length) in [("d", 86400.0), ("h", 3600.0), ("min", 60.0), ("s", 1.0)] {
                let v = (rest / length).rounded(.down)
                if v > 0 { parts.append("\(Int(v))\(suffix)"); rest -= v * length }
                if rest < 1 { break }
            }
            return parts.joined(separator: " ")
        }
        let units = ["s", "ms", "µs", "ns"]
        var order = 3
        if seconds > 0 { order = min(max(-Int((log10(seconds) / 3).rounded(.down)), 0), 3) }
        let scaled = seconds * pow(1000, Double(order))
        return String(format: "%.\(precision)g", scaled) + " " + units[order]
    }

    /// `:time STATEMENT`: runs it once; CPU and wall time as IPython prints them.
    static func time(_ body: () -> Void) -> String {
        let c0 = cpuTimes(), w0 = now()
        body()
        let c1 = cpuTimes(), w1 = now()
        let user = c1.user - c0.user, sys = c1.sys - c0.sys
        return "CPU times: user \(format(user)), sys: \(format(sys)), total: \(format(user + sys))\nWall time: \(format(w1 - w0))\n"
    }

    /// `:timeit`'s options, as IPython's `%timeit -n N -r R STATEMENT`.
    struct TimeitOptions: Equatable {
        /// Loops per run (`-n`); nil: IPython's calibration.
        var number: Int?
        /// Runs (`-r`), 7 by default.
        var repeats = 7
        var statement = ""

        /// Splits leading `-n N` / `-r R` (also `-n5`) off the statement; an error message
        /// names a malformed option.
        static func parse(_ text: String) -> Result<TimeitOptions, TimeitUsage> {
            var o = TimeitOptions()
            var rest = Substring(text)
            while rest.hasPrefix("-n") || rest.hasPrefix("-r") {
                let flag = rest.prefix(2)
                rest = rest.dropFirst(2).drop { $0 == " " }
                let digits = rest.prefix { $0.isNumber }
                guard let value = Int(digits), value >= 1, value <= 1_000_000_000 else {
                    return .failure(TimeitUsage(message: "\(flag) needs a positive whole number, as in :timeit \(flag) 100 STATEMENT"))
                }
                rest = rest.dropFirst(digits.count).drop { $0 == " " }
                if flag == "-n" { o.number = value } else { o.repeats = value }
            }
            o.statement = String(rest)
            return .success(o)
        }
    }

    struct TimeitUsage: Error, Equatable { let message: String }

    /// `:timeit STATEMENT`: IPython's calibration (loops of 1, 10, 100, … until one batch
    /// takes 0.2 s) unless `-n` gave the loops, then 7 (or `-r`) runs of that many loops;
    /// "mean ± std per loop (…)". `run(n)` times n loops and returns seconds, or throws (an
    /// error or Ctrl-C).
    static func timeit(_ options: TimeitOptions = TimeitOptions(), _ run: (Int) throws -> Double) throws -> String {
        var number = options.number ?? 1
        if options.number == nil {
            for index in 0..<10 {
                number = Int(pow(10, Double(index)))
                if try run(number) >= 0.2 { break }
            }
        }
        let repeats = options.repeats
        var perLoop: [Double] = []
        for _ in 0..<repeats { perLoop.append(try run(number) / Double(number)) }
        let mean = perLoop.reduce(0, +) / Double(repeats)
        let std = (perLoop.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(repeats)).squareRoot()
        let loops = number.formatted(.number.grouping(.automatic)).replacingOccurrences(of: "\u{202F}", with: ",")
        return "\(format(mean)) ± \(format(std)) per loop (mean ± std. dev. of \(repeats) run\(repeats == 1 ? "" : "s"), \(loops) loop\(number == 1 ? "" : "s") each)\n"
    }
}
