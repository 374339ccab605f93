import SMRTensor

/// `nn.Conv1d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1,
/// bias=True)` (groups 1, zero padding) over `[N, C_in, L]` or unbatched `[C_in, L]` input.
/// The convolution is unfolded into one matrix product — windows gathered by `indexSelect`,
/// then `matmul` with the weight as `[C_out, C_in·k]` — so gradients come from those ops.
/// Weights and bias are drawn as PyTorch's `reset_parameters` draws them
/// (`kaiming_uniform_(a=√5)`, then U(−1/√fan_in, 1/√fan_in)).
public final class Conv1d: Module, UnaryLayer {
    public let inChannels: Int, outChannels: Int, kernelSize: Int
    public let stride: Int, dilation: Int
    /// Zeros added on each side; `same` padding may be uneven (extra on the right), as PyTorch's.
    public let padLeft: Int, padRight: Int
    public let weight: Tensor
    public let bias: Tensor?
    /// Whether the layer adds a bias.
    public var hasBias: Bool { bias != nil }

    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1, padding: (left: Int, right: Int) = (0, 0),
                dilation: Int = 1, bias: Bool = true, generator: inout RandomGenerator) throws {
        guard inChannels > 0, outChannels > 0, kernelSize > 0, stride > 0, dilation > 0, padding.left >= 0, padding.right >= 0 else {
            throw LayerError("Conv1d", "channels, kernel_size, stride and dilation must be positive and padding non-negative")
        }
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernelSize = kernelSize
        self.stride = stride
        self.dilation = dilation
        self.padLeft = padding.left
        self.padRight = padding.right
        let fanIn = inChannels * kernelSize
        weight = try Initialization.uniform([outChannels, inChannels, kernelSize], bound: Initialization.linearWeightBound(fanIn: fanIn),
                                            generator: &generator)
        self.bias = bias ? try Initialization.uniform([outChannels], bound: Initialization.linearBiasBound(fanIn: fanIn), generator: &generator) : nil
        super.init()
        register(parameter: weight, as: "weight")
        if let b = self.bias { register(parameter: b, as: "bias") }
    }

    public convenience init(_ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1,
                            padding: (left: Int, right: Int) = (0, 0), dilation: Int = 1, bias: Bool = true) throws {
        try self.init(inChannels, outChannels, kernelSize: kernelSize, stride: stride, padding: padding,
                      dilation: dilation, bias: bias, generator: &GlobalRandom.generator)
    }

    public func forward(_ input: Tensor) throws -> Tensor {
        guard input.rank == 2 || input.rank == 3 else {
            throw LayerError("Conv1d", "expected 2D (unbatched) or 3D (batched) input, got \(Shape.describe(input.shape))")
        }
        let x3 = input.rank == 2 ? try input.unsqueeze(0) : input
        guard x3.shape[1] == inChannels else {
            throw LayerError("Conv1d", "expected input with \(inChannels) channels, got \(x3.shape[1])")
        }
        let x = padLeft + padRight > 0 ? try x3.pad([padLeft, padRight]) : x3
        let n = x.shape[0], length = x.shape[2]
        let span = dilation * (kernelSize - 1) + 1
        guard length >= span else {
            throw LayerError("Conv1d", "padded input length \(length) is shorter than the kernel's span \(span)")
        }
        let outLength = (length - span) / stride + 1
        var indices: [Int] = []
        indices.reserveCapacity(outLength * kernelSize)
        for o in 0..<outLength { for k in 0..<kernelSize { indices.append(o * stride + k * dilation) } }
        let windows = try x.indexSelect(axis: 2, indices: indices)                 // [N, C, Lout·k]
            .reshape([n, inChannels, outLength, kernelSize])
            .permute([0, 2, 1, 3])
            .reshape([n, outLength, inChannels * kernelSize])
        var y = try windows.matmul(weight.reshape([outChannels, inChannels * kernelSize]).transpose(0, 1))
        if let bias { y = try y + bias }                                            // [N, Lout, C_out]
        let out = try y.permute([0, 2, 1])
        return input.rank == 2 ? try out.squeeze(0) : out
    }
}
