#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Python compares strings by code points. Swift strings hold valid UTF-8, in
/// which byte order is code-point order, so comparing the bytes gives Python's answers
/// without Swift's canonical-equivalence rules (and without iterating scalar views).
enum StringBytes {
    /// Same code points.
    @inline(__always)
    static func equal(_ x: String, _ y: String) -> Bool {
        var a = x, b = y
        return a.withUTF8 { pa in
            b.withUTF8 { pb in
                guard pa.count == pb.count else { return false }
                guard let p = pa.baseAddress, let q = pb.baseAddress else { return true }  // both empty
                return memcmp(p, q, pa.count) == 0
            }
        }
    }

    /// Whether every character is ASCII (one pass over the bytes; the `utf8` view's
    /// iterator costs several times more).
    @inline(__always)
    static func isASCII(_ s: String) -> Bool {
        var a = s
        return a.withUTF8 { bytes in
            var any: UInt8 = 0
            for b in bytes { any |= b }
            return any < 0x80
        }
    }

    /// The number of code points (`len(s)`): the UTF-8 bytes that start one.
    @inline(__always)
    static func codePointCount(_ s: String) -> Int {
        var a = s
        return a.withUTF8 { bytes in
            var n = 0
            for b in bytes where b & 0xC0 != 0x80 { n &+= 1 }
            return n
        }
    }

    /// `x < y` in code-point order.
    @inline(__always)
    static func less(_ x: String, _ y: String) -> Bool { order(x, y) < 0 }

    /// -1, 0 or 1 as `x` sorts before, with or after `y` in code-point order.
    @inline(__always)
    static func order(_ x: String, _ y: String) -> Int {
        var a = x, b = y
        return a.withUTF8 { pa in
            b.withUTF8 { pb in
                let n = min(pa.count, pb.count)
                if n > 0, let p = pa.baseAddress, let q = pb.baseAddress {
                    let c = memcmp(p, q, n)
                    if c != 0 { return c < 0 ? -1 : 1 }
                }
                return pa.count < pb.count ? -1 : (pa.count > pb.count ? 1 : 0)
            }
        }
    }
}
