import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `import time`: clocks (`time`, `perf_counter`, `monotonic`, `process_time` and their
/// `_ns` forms), `sleep` (Ctrl-C stops it), `localtime`/`gmtime` as `time.struct_time`,
/// `strftime`, `mktime`, `asctime` and `ctime`.
enum TimeModule {
    static func clock(_ id: clockid_t) -> (Int, Int) {
        var ts = timespec()
        clock_gettime(id, &ts)
        return (Int(ts.tv_sec), Int(ts.tv_nsec))
    }

    static func seconds(_ id: clockid_t) -> Value {
        let (s, ns) = clock(id)
        return .float(Double(s) + Double(ns) / 1e9)
    }

    static func nanoseconds(_ id: clockid_t) -> Value {
        let (s, ns) = clock(id)
        return .int(s * 1_000_000_000 + ns)
    }

    static let fields = ["tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday", "tm_isdst"]
    static let structTime: NativeType = {
        // Built as a namedtuple class by construction; it cannot fail for these names.
        (try? NamedTupleObject.makeClass("struct_time", .list(fields.map { .str($0) }), defaults: .none, module: "time"))
            ?? NativeType("struct_time")
    }()

    static func structValue(_ t: tm) -> Value {
        let items: [Value] = [.int(Int(t.tm_year) + 1900), .int(Int(t.tm_mon) + 1), .int(Int(t.tm_mday)), .int(Int(t.tm_hour)),
                              .int(Int(t.tm_min)), .int(Int(t.tm_sec)), .int((Int(t.tm_wday) + 6) % 7), .int(Int(t.tm_yday) + 1),
                              .int(Int(t.tm_isdst))]
        return .object(NamedTupleObject(structTime, fields: fields, items: items, module: "time"))
    }

    /// A `tm` from a struct_time or a 9-tuple.
    static func tmValue(_ v: Value, _ function: String) throws -> tm {
        let items = try Iteration.toArray(v)
        guard items.count == 9 else { throw PyError.type("\(function)(): illegal time tuple argument") }
        let n = try items.map { x -> Int32 in
            guard let i = x.asInt, let j = Int32(exactly: i) else { throw PyError.type("'\(x.typeName)' object cannot be interpreted as an integer") }
            return j
        }
        var t = tm()
        t.tm_year = n[0] - 1900; t.tm_mon = n[1] - 1; t.tm_mday = n[2]; t.tm_hour = n[3]; t.tm_min = n[4]; t.tm_sec = n[5]
        t.tm_wday = (n[6] + 1) % 7; t.tm_yday = n[7] - 1; t.tm_isdst = n[8]
        return t
    }

    static func broken(_ secs: Value, local: Bool, _ function: String) throws -> tm {
        var s: time_t
        if secs.isNone {
            s = time(nil)
        } else {
            guard let d = secs.asDouble, d.isFinite, abs(d) < 1e15 else { throw PyError(.overflowError, "timestamp out of range for platform time_t") }
            s = time_t(d.rounded(.down))
        }
        var t = tm()
        guard (local ? localtime_r(&s, &t) : gmtime_r(&s, &t)) != nil else { throw PyError(.overflowError, "timestamp out of range for platform time_t") }
        return t
    }

    static func format(_ pattern: String, _ t: tm) throws -> String {
        if pattern.isEmpty { return "" }
        var t = t
        var size = 256
        while size <= 1 << 20 {
            var buf = [CChar](repeating: 0, count: size)
            let n = strftime(&buf, size, pattern, &t)
            if n > 0 { return String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
            size *= 4
        }
        return ""
    }

    static func make() -> NativeModule {
        let m = NativeModule("time", doc: """
            Clocks and calendar time, as Python's time module.
                start = time.perf_counter(); ...; elapsed = time.perf_counter() - start
                time.strftime("%Y-%m-%d %H:%M:%S", time.localtime())
            """)
        m.function("time", doc: "Seconds since the Unix epoch, as a float.", params: []) { _ in seconds(CLOCK_REALTIME) }
        m.function("time_ns", doc: "Nanoseconds since the Unix epoch.", params: []) { _ in nanoseconds(CLOCK_REALTIME) }
        m.function("perf_counter", doc: "A high-resolution clock for measuring short durations (seconds).", params: []) { _ in seconds(CLOCK_MONOTONIC) }
        m.function("perf_counter_ns", doc: "perf_counter() in nanoseconds.", params: []) { _ in nanoseconds(CLOCK_MONOTONIC) }
        m.function("monotonic", doc: "A clock that never goes back (seconds).", params: []) { _ in seconds(CLOCK_MONOTONIC) }
        m.function("monotonic_ns", doc: "monotonic() in nanoseconds.", params: []) { _ in nanoseconds(CLOCK_MONOTONIC) }
        m.function("process_time", doc: "CPU time of this process (seconds).", params: []) { _ in seconds(CLOCK_PROCESS_CPUTIME_ID) }
        m.function("process_time_ns", doc: "process_time() in nanoseconds.", params: []) { _ in nanoseconds(CLOCK_PROCESS_CPUTIME_ID) }
        m.function("sleep", doc: "Wait secs seconds (Ctrl-C stops the wait with KeyboardInterrupt).", params: [Param("secs")]) { a in
            guard let secs = a["secs"].asDouble else { throw PyError.type("'\(a["secs"].typeName)' object cannot be interpreted as an integer") }
            if secs.isNaN { throw PyError.value("Invalid value NaN (not a number)") }
            guard secs >= 0 else { throw PyError.value("sleep length must be non-negative") }
            let end = Double(clock(CLOCK_MONOTONIC).0) + Double(clock(CLOCK_MONOTONIC).1) / 1e9 + secs
            while true {
                try Iteration.pollInterrupt()
                let (s, ns) = clock(CLOCK_MONOTONIC)
                let left = end - (Double(s) + Double(ns) / 1e9)
                if left <= 0 { break }
                usleep(UInt32(min(left, 0.05) * 1e6))
            }
            return .none
        }
        m.function("localtime", doc: "secs (now by default) as local calendar time, a time.struct_time.", params: [Param("secs", .any, default: .none)]) { a in
            structValue(try broken(a["secs"], local: true, "localtime"))
        }
        m.function("gmtime", doc: "secs (now by default) as UTC calendar time, a time.struct_time.", params: [Param("secs", .any, default: .none)]) { a in
            structValue(try broken(a["secs"], local: false, "gmtime"))
        }
        m.function("mktime", doc: "The seconds since the epoch of a local struct_time.", params: [Param("t")]) { a in
            var t = try tmValue(a["t"], "mktime")
            let s = mktime(&t)
            if s == -1 { throw PyError(.overflowError, "mktime argument out of range") }
            return .float(Double(s))
        }
        m.function("strftime", doc: "Format a struct_time (now by default) with % directives: %Y-%m-%d %H:%M:%S.",
                   params: [Param("format", .str), Param("t", .any, default: .none)]) { a in
            let t = a["t"].isNone ? try broken(.none, local: true, "strftime") : try tmValue(a["t"], "strftime")
            return .str(try format(try a.string("format"), t))
        }
        m.function("asctime", doc: "A struct_time (now by default) as 'Fri Dec  4 19:00:00 2026'.", params: [Param("t", .any, default: .none)]) { a in
            let t = a["t"].isNone ? try broken(.none, local: true, "asctime") : try tmValue(a["t"], "asctime")
            return .str(try format("%a %b %e %H:%M:%S %Y", t))
        }
        m.function("ctime", doc: "secs (now by default) as 'Fri Dec  4 19:00:00 2026' in local time.", params: [Param("secs", .any, default: .none)]) { a in
            .str(try format("%a %b %e %H:%M:%S %Y", try broken(a["secs"], local: true, "ctime")))
        }
        m.add("struct_time", .object(structTime))
        return m
    }
}
