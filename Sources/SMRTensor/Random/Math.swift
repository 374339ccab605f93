import Foundation

// Double-precision libm entry points under stable names, so random streams and
// kernels call the same functions on every platform.
@inline(__always) func _log(_ x: Double) -> Double { Foundation.log(x) }
@inline(__always) func _sin(_ x: Double) -> Double { Foundation.sin(x) }
@inline(__always) func _cos(_ x: Double) -> Double { Foundation.cos(x) }

extension Float {
    /// The double of the shortest decimal that round-trips this float: the Python float a
    /// user wrote (`0.1`) before the layer stored it as float32. PyTorch computes with that
    /// double (`1 - p`, `normal_(mean, std)`), so the draws use it too.
    public var writtenDouble: Double { Double(String(self)) ?? Double(self) }
}
