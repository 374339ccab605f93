import Foundation
import SMRLanguage

/// numpy's float32 arithmetic and type promotion (NEP 50): Python ints and floats are
/// "weak" and keep float32; float64 arrays promote to float64.
enum Float32Math {
    /// One float32 operation `a op b`, rounded to float32 as numpy computes it.
    static func apply(_ op: String, _ a: Float, _ b: Float) -> Float? {
        switch op {
        case "+": return a + b
        case "-": return a - b
        case "*": return a * b
        case "/": return a / b
        case "**": return Float(Foundation.pow(Double(a), Double(b)))
        case "//": return b == 0 ? (a == 0 || a.isNaN ? .nan : a / b) : floorDivide(a, b)
        case "%":
            if b == 0 { return .nan }
            var r = fmodf(a, b)
            if r != 0 && ((b < 0) != (r < 0)) { r += b }
            if r == 0 { r = copysign(0, b) }
            return r
        default: return nil
        }
    }

    static func floorDivide(_ a: Float, _ b: Float) -> Float {
        let m = fmodf(a, b)
        var div = (a - m) / b
        if m != 0 && ((b < 0) != (m < 0)) { div -= 1 }
        if div == 0 { return copysign(0, a / b) }
        let floored = div.rounded(.down)
        return div - floored > 0.5 ? floored + 1 : floored
    }

    /// A weak Python scalar or a float32 scalar, as a float32 operand.
    static func weakScalar(_ v: Value) -> Float? {
        switch v {
        case .int(let i): return Float(i)
        case .bool(let b): return b ? 1 : 0
        case .float(let d): return Float(d)
        case .object(let o as Float32Scalar): return o.value
        default: return nil
        }
    }
}
