import CKernels

/// Inverted dropout (PyTorch `F.dropout`): in training, zero each element with
/// probability `p` and scale the rest by 1/(1-p); the identity otherwise.
///
/// The mask is drawn as PyTorch's CPU dropout draws it (`DropoutMask`), so a run seeded
/// like a PyTorch run drops the same elements.
extension Tensor {
    /// Dropout with masks drawn from `generator`.
    public func dropout(p: Float, training: Bool = true, generator: inout RandomGenerator) throws -> Tensor {
        guard p >= 0, p <= 1 else {
            throw TensorError.invalidArgument(op: "dropout", reason: "dropout probability has to be between 0 and 1, but got \(p)")
        }
        guard training, p > 0 else { return self }
        guard p < 1 else {  // PyTorch multiplies by zero without drawing
            return Tensor(result: [Float](filled: 0, count: count), shape: shape, gradFn: "MulBackward0", parent: self) { _ in }
        }
        let mask = DropoutMask(p: p, count: count, generator: &generator)
        let n = count
        let y = [Float](capacity: n) { out, initialized in
            data.withUnsafeBufferPointer { x in
                if let xb = x.baseAddress, let yb = out.baseAddress { mask.apply(xb, count: n, into: yb, offset: 0) }
            }
            initialized = n
        }
        return Tensor(result: y, shape: shape, gradFn: "MulBackward0", parent: self) { out in
            guard var g = out.takeGrad() else { return }
            g.withUnsafeMutableBufferPointer { b in
                if let base = b.baseAddress { mask.apply(base, count: n, into: base, offset: 0) }
            }
            self.accumulateGrad(g)
        }
    }

    /// Dropout with masks drawn from the global stream (`GlobalRandom`).
    public func dropout(p: Float, training: Bool = true) throws -> Tensor {
        try dropout(p: p, training: training, generator: &GlobalRandom.generator)
    }
}

/// A dropout mask as PyTorch's CPU `dropout` makes it: `noise = empty_like(x).bernoulli_(1 − p)`
/// (one double uniform, two engine words, per element), `noise.div_(1 − p)`, `x * noise`.
/// The kept/dropped pattern is stored as bits; applying it multiplies by `scale` or 0, which
/// gives PyTorch's products exactly (including −0 for dropped negative values).
/// Public so that hand-written fused layers elsewhere apply exactly the masks the tensor ops
/// draw (same draws, same element offsets).
public struct DropoutMask: Sendable {
    /// 1/(1-p) in float: what a kept element is multiplied by.
    public let scale: Float
    /// Number of mask elements.
    public let count: Int
    /// Bit i (of byte i/8, least significant first) is set when element i is kept.
    let bits: [UInt8]

    /// Draws a mask of `count` elements. `p` is taken as the decimal the user wrote (the
    /// shortest decimal that round-trips the float), as PyTorch receives it in double.
    public init(p: Float, count: Int, generator: inout RandomGenerator) {
        let keep = 1 - p.writtenDouble
        let n = Swift.max(count, 0)
        scale = keep == 0 ? 0 : 1 / Float(keep)
        self.count = n
        bits = [UInt8](unsafeUninitializedCapacity: (n + 7) / 8) { out, initialized in
            initialized = (n + 7) / 8
            guard let base = out.baseAddress, n > 0 else { return }
            generator.withEngine { smr_mt19937_bernoulli_bits($0, $1, n, keep, base) }
        }
    }

    /// A mask of `count` elements, in blocks of `blockLength`, of which only the blocks
    /// `isDrawn` selects are computed: the stream advances exactly as for the whole mask
    /// (PyTorch draws every element), but the other blocks' elements are never tempered or
    /// compared, and read as dropped. For a layer whose caller reads only some rows of its
    /// output (a policy reading its final token).
    public init(p: Float, count: Int, blockLength: Int, drawing isDrawn: (Int) -> Bool, generator: inout RandomGenerator) {
        let keep = 1 - p.writtenDouble
        let n = Swift.max(count, 0), block = Swift.max(blockLength, 1)
        scale = keep == 0 ? 0 : 1 / Float(keep)
        self.count = n
        var bits = [UInt8](filled: 0, count: (n + 7) / 8)
        bits.withUnsafeMutableBufferPointer { out in
            guard let base = out.baseAddress, n > 0 else { return }
            generator.withEngine { key, position in
                var start = 0
                while start < n {
                    let drawn = isDrawn(start / block)
                    var end = Swift.min(start + block, n)
                    while end < n && isDrawn(end / block) == drawn { end = Swift.min(end + block, n) }
                    if drawn {
                        smr_mt19937_bernoulli_bits_at(key, position, end - start, keep, base, start)
                    } else {
                        smr_mt19937_discard(key, position, 2 * (end - start))
                    }
                    start = end
                }
            }
        }
        self.bits = bits
    }

    private init(scale: Float, count: Int, bits: [UInt8]) {
        self.scale = scale
        self.count = count
        self.bits = bits
    }

    /// The mask of p = 1, which PyTorch applies without drawing.
    public static func zeros(count: Int) -> DropoutMask {
        let n = Swift.max(count, 0)
        return DropoutMask(scale: 0, count: n, bits: [UInt8](filled: 0, count: (n + 7) / 8))
    }

    /// Whether element `i` is kept.
    public func keeps(_ i: Int) -> Bool {
        i >= 0 && i < count && bits[i >> 3] >> UInt8(i & 7) & 1 == 1
    }

    /// `y[i] = x[i] · noise[offset + i]` for the elements of `x` (y may be x).
    func apply(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>, offset: Int) {
        guard let xb = x.baseAddress, let yb = y.baseAddress else { return }
        apply(xb, count: Swift.min(x.count, y.count), into: yb, offset: offset)
    }

    /// `y[i] = relu(x[i]) · noise[offset + i]` for `count` elements of raw buffers (may alias):
    /// a relu followed by this dropout in one pass where the offset is byte aligned. Elements
    /// past the end of the mask get the relu only.
    public func applyAfterReLU(_ x: UnsafePointer<Float>, count: Int, into y: UnsafeMutablePointer<Float>, offset: Int) {
        guard count > 0, offset >= 0 else { return }
        let n = Swift.min(count, self.count - offset)
        if n < count { smr_relu(count - Swift.max(n, 0), x + Swift.max(n, 0), y + Swift.max(n, 0)) }
        guard n > 0 else { return }
        bits.withUnsafeBufferPointer { b in
            guard let bb = b.baseAddress else { return }
            if offset & 7 == 0 {
                smr_relu_mask_bits(n, x, y, bb + offset >> 3, scale)
            } else {
                smr_relu(n, x, y)
                smr_apply_mask_bits(n, y, y, bb, offset, scale)
            }
        }
    }

    /// `y[i] = x[i] · noise[offset + i]` for `count` elements of raw buffers (may alias),
    /// noise being `scale` where the mask keeps and 0 where it drops; elements past the end
    /// of the mask are left as they are.
    public func apply(_ x: UnsafePointer<Float>, count: Int, into y: UnsafeMutablePointer<Float>, offset: Int) {
        let n = Swift.min(count, self.count - offset)
        guard n > 0, offset >= 0 else { return }
        bits.withUnsafeBufferPointer { b in
            guard let bb = b.baseAddress else { return }
            smr_apply_mask_bits(n, x, y, bb, offset, scale)
        }
    }
}
