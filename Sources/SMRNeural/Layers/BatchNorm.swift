import SMRTensor

/// `nn.BatchNorm1d(num_features, eps=1e-5, momentum=0.1, affine=True, bias=True,
/// track_running_stats=True)` (Ioffe & Szegedy, 2015) over `[N, C]` or `[N, C, L]` input.
/// Training normalises with the batch's mean and biased variance and moves the running
/// statistics toward the batch's mean and unbiased variance by `momentum` (nil: a cumulative
/// average, factor 1 / batches seen); evaluation uses
/// the running statistics. Built from tensor ops, so gradients come from their backward.
///
/// ```swift
/// let bn = try BatchNorm1d(16)
/// let y = try bn.forward(x)     // x: [batch, 16]
/// bn.eval()
/// ```
public final class BatchNorm1d: Module, UnaryLayer {
    public let numFeatures: Int
    public let eps: Float
    public let momentum: Float?
    public let weight: Tensor?
    public let bias: Tensor?
    /// Running mean and variance (buffers `running_mean`, `running_var`), when tracked.
    public let runningMean: Tensor?
    public let runningVar: Tensor?
    /// Number of training batches seen (buffer `num_batches_tracked`).
    public let numBatchesTracked: Tensor?

    public init(_ numFeatures: Int, eps: Float = 1e-5, momentum: Float? = 0.1, affine: Bool = true,
                bias: Bool = true, trackRunningStats: Bool = true) throws {
        guard numFeatures > 0 else { throw LayerError("BatchNorm1d", "num_features must be positive, got \(numFeatures)") }
        self.numFeatures = numFeatures
        self.eps = eps
        self.momentum = momentum
        weight = affine ? try Initialization.constant([numFeatures], value: 1) : nil
        self.bias = affine && bias ? try Initialization.constant([numFeatures], value: 0) : nil
        runningMean = trackRunningStats ? try Tensor([Float](filled: 0, count: numFeatures), shape: [numFeatures]) : nil
        runningVar = trackRunningStats ? try Tensor([Float](filled: 1, count: numFeatures), shape: [numFeatures]) : nil
        numBatchesTracked = trackRunningStats ? Tensor(scalar: 0) : nil
        super.init()
        if let weight { register(parameter: weight, as: "weight") }
        if let b = self.bias { register(parameter: b, as: "bias") }
        if let runningMean, let runningVar, let numBatchesTracked {
            register(buffer: runningMean, as: "running_mean")
            register(buffer: runningVar, as: "running_var")
            register(buffer: numBatchesTracked, as: "num_batches_tracked")
        }
    }

    public func forward(_ x: Tensor) throws -> Tensor {
        guard x.rank == 2 || x.rank == 3 else {
            throw LayerError("BatchNorm1d", "expected 2D or 3D input (got \(x.rank)D input)")
        }
        guard x.shape[1] == numFeatures else {
            throw LayerError("BatchNorm1d", "running_mean should contain \(x.shape[1]) elements not \(numFeatures)")
        }
        let axes = x.rank == 2 ? [0] : [0, 2]
        let statShape = x.rank == 2 ? [1, numFeatures] : [1, numFeatures, 1]
        let perChannel = x.count / numFeatures
        let normalized: Tensor
        if training || runningMean == nil {
            guard perChannel > 1 else {
                throw LayerError("BatchNorm1d", "Expected more than 1 value per channel when training, got input size \(Shape.describe(x.shape))")
            }
            let mean = try x.mean(axes: axes, keepDim: true)
            let centered = try x - mean
            let variance = try (centered * centered).mean(axes: axes, keepDim: true)
            normalized = try centered / (variance + eps).sqrt()
            if training, let runningMean, let runningVar, let numBatchesTracked {
                let m = mean.data, v = variance.data
                let batches = numBatchesTracked.data[0] + 1
                let momentum = self.momentum ?? 1 / batches
                let unbiased = Float(perChannel) / Float(perChannel - 1)
                try runningMean.assign(zip(runningMean.data, m).map { (1 - momentum) * $0 + momentum * $1 })
                try runningVar.assign(zip(runningVar.data, v).map { (1 - momentum) * $0 + momentum * ($1 * unbiased) })
                try numBatchesTracked.assign([batches])
            }
        } else if let runningMean, let runningVar {
            normalized = try (x - runningMean.reshape(statShape)) / (runningVar.reshape(statShape) + eps).sqrt()
        } else {
            normalized = x
        }
        var y = normalized
        if let weight { y = try y * weight.reshape(statShape) }
        if let bias { y = try y + bias.reshape(statShape) }
        return y
    }
}
