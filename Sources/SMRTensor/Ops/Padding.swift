/// `F.pad`: constant, reflect and replicate padding, built from `slice`, `concat` and
/// `indexSelect`, so gradients come from those ops.
extension Tensor {
    /// How `pad` fills the new border.
    public enum PadMode: String, Sendable {
        case constant, reflect, replicate, circular
    }

    /// Pads with `pads` = (left, right) of the last axis, then of the one before, … as
    /// `torch.nn.functional.pad`. Negative constant pads crop. Non-constant modes pad the last
    /// 1–3 axes of a tensor with one or two more axes (batch, channels), as PyTorch requires.
    public func pad(_ pads: [Int], mode: PadMode = .constant, value: Float = 0) throws -> Tensor {
        func fail(_ reason: String) -> TensorError { .invalidArgument(op: "pad", reason: reason) }
        guard pads.count % 2 == 0 else { throw fail("Padding length must be divisible by 2") }
        guard pads.count / 2 <= rank else {
            throw fail("Padding length should be less than or equal to two times the input dimension but got padding length \(pads.count) and input of dimension \(rank)")
        }
        let padded = pads.count / 2
        if mode != .constant {
            guard (1...3).contains(padded), rank == padded + 1 || rank == padded + 2 else {
                throw fail("Padding size \(pads.count) is not supported for \(rank)D input tensor.\nSupported combinations for non-constant padding:\n  - 2D or 3D input: padding size = 2 (pads last dimension)\n  - 3D or 4D input: padding size = 4 (pads last 2 dimensions)\n  - 4D or 5D input: padding size = 6 (pads last 3 dimensions)")
            }
        }
        var x = self
        for k in 0..<padded {
            let axis = rank - 1 - k, left = pads[2 * k], right = pads[2 * k + 1]
            let n = x.shape[axis]
            switch mode {
            case .constant:
                if left < 0 || right < 0 {
                    x = try x.slice(axis: axis, start: Swift.max(-left, 0), end: n - Swift.max(-right, 0))
                }
                var parts: [Tensor] = []
                func border(_ width: Int) throws -> Tensor {
                    var s = x.shape
                    s[axis] = width
                    return try Tensor([Float](filled: value, count: Shape.count(s)), shape: s)
                }
                if left > 0 { parts.append(try border(left)) }
                parts.append(x)
                if right > 0 { parts.append(try border(right)) }
                if parts.count > 1 { x = try Tensor.concat(parts, axis: axis) }
            case .reflect, .replicate, .circular:
                if mode == .reflect, left >= n || right >= n {
                    throw fail("Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (\(left), \(right)) at dimension \(axis) of input \(Shape.describe(shape))")
                }
                if mode == .circular, left > n || right > n {
                    throw fail("Padding value causes wrapping around more than once.")
                }
                guard n > 0 || (left <= 0 && right <= 0) else {
                    throw fail("pad: cannot \(mode.rawValue)-pad an empty dimension \(axis)")
                }
                let indices = (-left..<(n + right)).map { i -> Int in
                    switch mode {
                    case .reflect: return i < 0 ? -i : (i >= n ? 2 * (n - 1) - i : i)
                    case .replicate: return Swift.min(Swift.max(i, 0), n - 1)
                    default: return ((i % n) + n) % n
                    }
                }
                x = try x.indexSelect(axis: axis, indices: indices)
            }
        }
        return x
    }
}
