import SMRTensor

extension Tensor {
    /// Replaces this leaf's gradient with `values` (nil-gradient leaves get one).
    ///
    /// SMRTensor exposes `gradData` read-only, so this goes through the public autodiff
    /// entry point: a leaf's `backward(gradient:)` stores the given buffer as its gradient
    /// when the gradient is empty, without copying or rounding. Used by `clipGradNorm`
    /// and by tests; to be replaced by a direct SMRTensor accessor when one exists.
    func replaceGradient(_ values: [Float]) throws {
        guard isLeaf, requiresGrad else {
            throw TensorError.autograd("only a leaf tensor that requires grad has a gradient that can be replaced")
        }
        zeroGrad()
        try backward(gradient: values)
    }
}
