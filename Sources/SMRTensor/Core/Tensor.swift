/// A dense row-major Float32 tensor that records the operations applied to it, so that
/// `backward()` can compute gradients (define-by-run reverse-mode autodiff, as PyTorch).
///
/// ```swift
/// let w = Tensor([1, 2, 3], shape: [3], requiresGrad: true)
/// let loss = try (w * w).sum()
/// try loss.backward()
/// w.grad  // [2, 4, 6]
/// ```
///
/// Storage is a Swift array, so views such as `reshape` share it copy-on-write.
/// A tensor is a reference type: the graph holds its inputs, and a parameter keeps
/// its identity (and gradient) across steps.
public final class Tensor {
    /// Extent of each dimension; `[]` is a scalar.
    public let shape: [Int]
    /// Elements in row-major order; `data.count == Shape.count(shape)`.
    public internal(set) var data: [Float]
    /// Accumulated gradient of the last `backward()` calls (leaves only, or when `retainsGrad`).
    public internal(set) var gradData: [Float]?
    /// Whether gradients flow to (and accumulate in) this tensor.
    public internal(set) var requiresGrad: Bool
    /// Keep this non-leaf tensor's gradient after `backward()` (PyTorch `retain_grad()`).
    public var retainsGrad = false
    /// The host language's object for this tensor as a parameter, while one exists, so every
    /// way of reaching a parameter (`layer.weight`, `parameters()`) gives the same object.
    public weak var parameterObject: AnyObject?
    /// True for tensors created by the user (parameters, inputs); false for op results
    /// (until `setRequiresGrad` makes an untracked result a leaf, as PyTorch's are).
    public private(set) var isLeaf: Bool
    /// The recorded op that produced this tensor, while the tape is alive (kept in the
    /// tensor itself rather than a separate node object: one allocation less per op).
    /// Its inputs: up to three inline (nearly every op has one to three, and an array would
    /// be one more heap block per op); ops with more keep them all in `manyParents`.
    var parentA: Tensor?
    var parentB: Tensor?
    var parentC: Tensor?
    var manyParents: [Tensor] = []
    /// The recorded op's inputs in order (empty once the tape is released).
    var parents: [Tensor] {
        guard let a = parentA else { return manyParents }
        return [a] + [parentB, parentC].compactMap { $0 }
    }
    /// How to push this tensor's gradient to `parents`; nil for leaves, untracked results
    /// and once `backward()` released the tape.
    var backwardFn: ((Tensor) -> Void)?
    /// Creation order of the recorded op: every parent's op was recorded before this one, so
    /// running ops from the highest sequence down is a topological order (see `BackwardQueue`).
    var sequence: UInt64 = 0
    /// Where the op was called in the user's code (anomaly mode only; see `GradMode.forwardSite`).
    var forwardSite: AnyObject?
    /// The last sequence number handed out. Tensors are used from one thread (like `epoch`).
    nonisolated(unsafe) private static var lastSequence: UInt64 = 0
    /// Whether this tensor's op is still recorded.
    var hasNode: Bool { backwardFn != nil }
    /// Drops the recorded op (its closure and the references to its inputs).
    func releaseNode() {
        backwardFn = nil
        parentA = nil
        parentB = nil
        parentC = nil
        if !manyParents.isEmpty { manyParents = [] }
        forwardSite = nil
    }
    /// Counts in-place changes of `data` (`assign`, `withMutableData`): caches derived from
    /// the values, such as a weight's packed transpose, are valid for one version.
    private(set) var valuesVersion: UInt64 = 0
    /// This leaf weight's `Wᵀ` in the GEMM's panel layout (see `packedTranspose()`).
    var packedTransposeCache: PackedTranspose?
    /// PyTorch's name for the backward node of the op that produced this tensor; kept after
    /// the tape is released, as PyTorch keeps `grad_fn`. Nil for leaves and untracked results.
    var gradFn: StaticString?
    /// Renames the backward node of a composite op's result to the PyTorch op it implements
    /// (e.g. `select` is a slice then a reshape, but PyTorch shows `SelectBackward0`). Leaves
    /// `input` alone when an op returned its input unchanged.
    public func named(_ gradFn: StaticString, from input: Tensor) -> Tensor {
        if self !== input, self.gradFn != nil { self.gradFn = gradFn }
        return self
    }
    /// `type(t.grad_fn).__name__` in PyTorch: e.g. "MulBackward0"; nil when there is no grad_fn.
    public var gradFnName: String? { gradFn.map { "\($0)" } }
    /// Marks the tensors `backward()` has already queued (the epoch of that call).
    var visitEpoch: UInt64 = 0

    /// A leaf tensor from its elements. Throws if `data.count` does not match `shape`.
    public init(_ data: [Float], shape: [Int], requiresGrad: Bool = false) throws {
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw TensorError.invalidArgument(op: "Tensor", reason: "negative dimension in shape \(Shape.describe(shape))")
        }
        guard data.count == Shape.count(shape) else {
            throw TensorError.invalidArgument(
                op: "Tensor",
                reason: "\(data.count) elements cannot fill shape \(Shape.describe(shape)) (\(Shape.count(shape)) elements)")
        }
        self.shape = shape
        self.data = data
        self.requiresGrad = requiresGrad
        self.isLeaf = true
    }

    /// A 1-D leaf tensor.
    public init(_ data: [Float], requiresGrad: Bool = false) {
        self.shape = [data.count]
        self.data = data
        self.requiresGrad = requiresGrad
        self.isLeaf = true
    }

    /// A 0-D (scalar) leaf tensor.
    public init(scalar: Float, requiresGrad: Bool = false) {
        self.shape = []
        self.data = [scalar]
        self.requiresGrad = requiresGrad
        self.isLeaf = true
    }

    /// An op result. `parents` and `backward` are recorded only when a parent needs grad;
    /// `gradFn` is the name PyTorch gives the op's backward node (`AddBackward0`, …).
    init(result data: [Float], shape: [Int], gradFn: StaticString, parents: [Tensor],
         backward: @escaping (Tensor) -> Void) {
        self.shape = shape
        self.data = data
        self.isLeaf = false
        if GradMode.isEnabled, parents.contains(where: { $0.requiresGrad }) {
            self.requiresGrad = true
            self.gradFn = gradFn
            if parents.count > 3 {
                manyParents = parents
            } else if !parents.isEmpty {
                parentA = parents[0]
                if parents.count > 1 { parentB = parents[1] }
                if parents.count > 2 { parentC = parents[2] }
            }
            record(backward)
        } else {
            self.requiresGrad = false
        }
    }

    /// An op result with one to three inputs, kept inline (no parents array to allocate):
    /// `b` and `c` are optional inputs (e.g. a linear layer's weight and bias).
    init(result data: [Float], shape: [Int], gradFn: StaticString, parents a: Tensor, _ b: Tensor?, _ c: Tensor? = nil,
         backward: @escaping (Tensor) -> Void) {
        self.shape = shape
        self.data = data
        self.isLeaf = false
        if a.requiresGrad || b?.requiresGrad == true || c?.requiresGrad == true, GradMode.isEnabled {
            self.requiresGrad = true
            self.gradFn = gradFn
            parentA = a
            parentB = b
            parentC = c
            record(backward)
        } else {
            self.requiresGrad = false
        }
    }

    /// An op result with one input.
    convenience init(result data: [Float], shape: [Int], gradFn: StaticString, parent: Tensor,
                     backward: @escaping (Tensor) -> Void) {
        self.init(result: data, shape: shape, gradFn: gradFn, parents: parent, nil, nil, backward: backward)
    }

    /// Stores the op's backward and its place in the tape's order.
    @inline(__always)
    private func record(_ backward: @escaping (Tensor) -> Void) {
        backwardFn = backward
        Tensor.lastSequence &+= 1
        sequence = Tensor.lastSequence
        if _slowPath(GradMode.detectAnomaly) { forwardSite = GradMode.forwardSite?() }
    }

    /// An op result that never carries a gradient (comparisons, indices, detached copies).
    init(constant data: [Float], shape: [Int]) {
        self.shape = shape
        self.data = data
        self.isLeaf = false
        self.requiresGrad = false
    }

    /// Number of dimensions.
    @inlinable public var rank: Int { shape.count }
    /// Number of elements.
    @inlinable public var count: Int { data.count }

    /// The accumulated gradient as a tensor (nil before the first backward).
    public var grad: Tensor? {
        guard let g = gradData else { return nil }
        return Tensor(constant: g, shape: shape)
    }

    /// Turns gradient tracking on or off for a leaf (PyTorch `requires_grad_`).
    public func setRequiresGrad(_ flag: Bool) throws {
        guard isLeaf || !requiresGrad else {
            throw TensorError.autograd("you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().")
        }
        isLeaf = true  // a result that records nothing is a leaf in PyTorch's sense
        requiresGrad = flag
    }

    /// The single value of a one-element tensor (PyTorch `item()`).
    public func item() throws -> Float {
        guard data.count == 1 else {
            throw TensorError.invalidArgument(op: "item", reason: "a tensor with \(data.count) elements cannot be converted to a scalar")
        }
        return data[0]
    }

    /// A new leaf sharing the values but cut from the graph.
    public func detach() -> Tensor {
        Tensor(constant: data, shape: shape)
    }

    /// Clears the accumulated gradient (PyTorch `zero_grad(set_to_none=True)`).
    public func zeroGrad() { gradData = nil }

    /// Replaces the gradient (PyTorch `p.grad = g`), e.g. for clipping or tests; nil clears it.
    /// Throws when the element count differs or the tensor does not require grad.
    public func setGrad(_ values: [Float]?) throws {
        guard let values else { gradData = nil; return }
        guard requiresGrad else {
            throw TensorError.autograd("cannot set the gradient of a tensor that does not require grad")
        }
        guard values.count == count else {
            throw TensorError.shapeMismatch(op: "setGrad", shapes: [shape, [values.count]], reason: "the gradient must have as many elements as the tensor")
        }
        gradData = values
    }

    /// Overwrites the values in place (optimizer steps, loading checkpoints); the shape stays.
    public func assign(_ values: [Float]) throws {
        guard values.count == data.count else {
            throw TensorError.shapeMismatch(op: "assign", shapes: [shape, [values.count]], reason: "element counts differ")
        }
        data = values
        valuesChanged()
    }

    private func valuesChanged() {
        valuesVersion &+= 1
        packedTransposeCache = nil
    }

    /// In-place access to the values for optimizers and kernels.
    public func withMutableData<R>(_ body: (inout [Float]) throws -> R) rethrows -> R {
        defer { valuesChanged() }
        return try body(&data)
    }
}
