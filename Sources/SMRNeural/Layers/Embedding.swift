import SMRTensor

/// `nn.Embedding(num_embeddings, embedding_dim, padding_idx=None)`: a lookup table with
/// N(0, 1) initial rows; the padding row starts at zero and receives no gradient.
public final class Embedding: Module {
    public let numEmbeddings: Int, embeddingDim: Int, paddingIndex: Int?
    public let weight: Tensor

    public init(_ numEmbeddings: Int, _ embeddingDim: Int, paddingIndex: Int? = nil,
                generator: inout RandomGenerator) throws {
        guard numEmbeddings > 0, embeddingDim > 0 else {
            throw LayerError("Embedding", "num_embeddings and embedding_dim must be positive")
        }
        var pad = paddingIndex
        if let p = paddingIndex {
            guard p >= -numEmbeddings, p < numEmbeddings else {
                throw LayerError("Embedding", "padding_idx must be within num_embeddings")
            }
            pad = p < 0 ? p + numEmbeddings : p
        }
        self.numEmbeddings = numEmbeddings
        self.embeddingDim = embeddingDim
        self.paddingIndex = pad
        weight = try Initialization.standardNormal([numEmbeddings, embeddingDim], generator: &generator)
        if let pad {
            weight.withMutableData { d in for j in 0..<embeddingDim { d[pad * embeddingDim + j] = 0 } }
        }
        super.init()
        register(parameter: weight, as: "weight")
    }

    public convenience init(_ numEmbeddings: Int, _ embeddingDim: Int, paddingIndex: Int? = nil) throws {
        try self.init(numEmbeddings, embeddingDim, paddingIndex: paddingIndex, generator: &GlobalRandom.generator)
    }

    /// Rows for `indices`, shaped `indexShape + [embedding_dim]`.
    public func forward(_ indices: [Int], indexShape: [Int]? = nil) throws -> Tensor {
        guard let pad = paddingIndex, indices.contains(pad) else {
            return try weight.embedding(indices, indexShape: indexShape)
        }
        // The padding row contributes values but no gradient.
        let mask = try Tensor(indices.flatMap { i in [Float](filled: i == pad ? 0 : 1, count: embeddingDim) },
                              shape: (indexShape ?? [indices.count]) + [embeddingDim])
        let rows = try weight.embedding(indices, indexShape: indexShape)
        return try rows * mask + rows.detach() * (1 - mask)
    }

    public func callAsFunction(_ indices: [Int], indexShape: [Int]? = nil) throws -> Tensor {
        try forward(indices, indexShape: indexShape)
    }
}
