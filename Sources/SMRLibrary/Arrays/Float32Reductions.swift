import Foundation
import SMRLanguage

/// numpy's reductions over float32 data, accumulated in float32 with numpy's pairwise
/// summation, so `obs.mean()` prints what numpy prints.
enum Float32Reductions {
    /// numpy's `pairwise_sum_FLOAT`.
    static func pairwiseSum(_ a: UnsafeBufferPointer<Float>, _ lo: Int, _ n: Int) -> Float {
        if n < 8 {
            var res: Float = 0
            for i in 0..<n { res += a[lo + i] }
            return res
        } else if n <= 128 {
            var r = (0..<8).map { a[lo + $0] }
            var i = 8
            let end = n - n % 8
            while i < end {
                for k in 0..<8 { r[k] += a[lo + i + k] }
                i += 8
            }
            var res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
            while i < n { res += a[lo + i]; i += 1 }
            return res
        }
        var n2 = n / 2
        n2 -= n2 % 8
        return pairwiseSum(a, lo, n2) + pairwiseSum(a, lo + n2, n - n2)
    }

    static func sum(_ xs: [Float]) -> Float {
        0 + xs.withUnsafeBufferPointer { pairwiseSum($0, 0, xs.count) }
    }

    /// `a.sum()`, `a.mean()`, … as np.float32 scalars (indices as ints).
    static func reduce(_ name: String, _ xs: [Float]) throws -> Value {
        switch name {
        case "sum": return .object(Float32Scalar(sum(xs)))
        case "mean":
            return .object(Float32Scalar(xs.isEmpty ? .nan : sum(xs) / Float(xs.count)))
        case "std", "var":
            guard !xs.isEmpty else { return .object(Float32Scalar(.nan)) }
            let mean = sum(xs) / Float(xs.count)
            let variance = sum(xs.map { ($0 - mean) * ($0 - mean) }) / Float(xs.count)
            return .object(Float32Scalar(name == "std" ? variance.squareRoot() : variance))
        case "min", "max", "argmin", "argmax":
            let wantMax = name.hasSuffix("max")
            guard !xs.isEmpty else {
                throw PyError(.valueError, name.hasPrefix("arg") ? "attempt to get \(name) of an empty sequence"
                              : "zero-size array to reduction operation \(wantMax ? "maximum" : "minimum") which has no identity")
            }
            var best = 0
            for (k, x) in xs.enumerated() {
                if x.isNaN { best = k; break }
                if wantMax ? x > xs[best] : x < xs[best] { best = k }
            }
            return name.hasPrefix("arg") ? .int(best) : .object(Float32Scalar(xs[best]))
        default:
            throw PyError(.attributeError, "'numpy.ndarray' object has no attribute '\(name)'")
        }
    }
}
