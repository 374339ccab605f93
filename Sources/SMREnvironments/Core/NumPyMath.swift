import Foundation

/// NumPy's float64 scalar arithmetic where it differs from Swift's operators.
enum NumPyMath {
    /// `a % b` for float64 (`npy_remainder`): `fmod`, then moved into the sign of `b`;
    /// an exact zero takes the sign of `b`.
    @inline(__always)
    static func floorRemainder(_ a: Double, _ b: Double) -> Double {
        var remainder = fmod(a, b)
        if b == 0 { return remainder }
        if remainder != 0 {
            if (b < 0) != (remainder < 0) { remainder += b }
        } else {
            remainder = copysign(0, b)
        }
        return remainder
    }
}
