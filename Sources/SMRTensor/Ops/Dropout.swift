import CKernels

/// Inverted dropout (PyTorch `F.dropout`): in training, zero each element with
/// probability `p` and scale the rest by 1/(1-p); the identity otherwise.
///
/// The mask comes from a counter-based hash seeded by one draw of the generator
/// (`DropoutMask`), so it is never stored: the backward regenerates it.
extension Tensor {
    /// Dropout with masks drawn from `generator`.
    public func dropout(p: Float, training: Bool = true, generator: inout RandomGenerator) throws -> Tensor {
        guard p >= 0, p <= 1 else {
            throw TensorError.invalidArgument(op: "dropout", reason: "probability has to be between 0 and 1, but got \(p)")
        }
        guard training, p > 0 else { return self }
        guard p < 1 else {
            return Tensor(result: [Float](repeating: 0, count: count), shape: shape, gradFn: "MulBackward0", parents: [self]) { _ in }
        }
        let mask = DropoutMask(p: p, seed: generator.next())
        let n = count
        let y = [Float](unsafeUninitializedCapacity: n) { out, initialized in
            data.withUnsafeBufferPointer { mask.apply($0, into: out) }
            initialized = n
        }
        return Tensor(result: y, shape: shape, gradFn: "MulBackward0", parents: [self]) { out in
            guard var g = out.takeGrad() else { return }
            g.withUnsafeMutableBufferPointer { mask.apply(UnsafeBufferPointer($0), into: $0) }
            self.accumulateGrad(g)
        }
    }

    /// Dropout with masks drawn from the global stream (`GlobalRandom`).
    public func dropout(p: Float, training: Bool = true) throws -> Tensor {
        try dropout(p: p, training: training, generator: &GlobalRandom.generator)
    }
}

/// A dropout mask defined by a seed: element i is kept (and scaled by 1/(1-p)) when
/// the counter hash of (seed, offset + i) is at or above p·2³². Identical on every CPU.
/// Public so that hand-written fused layers elsewhere reproduce exactly the masks the
/// tensor ops draw (same seed, same element offsets).
public struct DropoutMask: Sendable {
    public let seed: UInt64
    public let threshold: UInt32
    /// 1/(1-p): what a kept element is multiplied by.
    public let scale: Float

    public init(p: Float, seed: UInt64) {
        self.seed = seed
        threshold = UInt32(Swift.min((Double(p) * 4_294_967_296.0).rounded(.down), 4_294_967_295.0))
        scale = 1 / (1 - p)
    }

    /// `y[i] = x[i] · mask(offset + i)`; `x` and `y` may be the same buffer.
    func apply(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>, offset: Int = 0) {
        guard let xb = x.baseAddress, let yb = y.baseAddress else { return }
        smr_dropout_apply(x.count, xb, yb, seed, UInt64(offset), threshold, scale)
    }

    /// `y[i] = x[i] · mask(offset + i)` for `count` elements of raw buffers (may alias).
    public func apply(_ x: UnsafePointer<Float>, count: Int, into y: UnsafeMutablePointer<Float>, offset: Int) {
        guard count > 0 else { return }
        smr_dropout_apply(count, x, y, seed, UInt64(offset), threshold, scale)
    }
}
