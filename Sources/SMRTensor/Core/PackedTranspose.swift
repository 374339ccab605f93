import CKernels

/// A weight `W` (`[out, in]`) transposed and packed into the GEMM's panel layout for
/// `x·Wᵀ`, kept with the weight while its values do not change.
///
/// Every `x·Wᵀ` GEMM otherwise transposes and packs `W` anew: for a 2048×128 feed-forward
/// weight and 10 tokens that is 33 µs of a 88 µs product. Between two optimizer steps an RL
/// loop applies its weights many times (acting, then training), so the packing is done once.
final class PackedTranspose {
    let version: UInt64
    let floats: [Float]

    init(of weight: Tensor) {
        let outF = weight.shape[0], inF = weight.shape[1]
        version = weight.valuesVersion
        floats = [Float](capacity: smr_sgemm_packed_size(Int32(outF), Int32(inF))) { out, initialized in
            weight.data.withUnsafeBufferPointer { w in
                smr_sgemm_pack(1, Int32(outF), Int32(inF), w.baseAddress, Int32(inF), out.baseAddress)
            }
            initialized = out.count
        }
    }
}

extension Tensor {
    /// Products with fewer rows take dot products or single-row kernels (no packing at all);
    /// smaller weights pack cheaply.
    static let packedTransposeMinRows = 5, packedTransposeMinCount = 8192

    /// Whether `x·selfᵀ` for `rows` rows should use (and keep) the packed transpose: leaf
    /// weights only (parameters; an op result's values are used once), and only for products
    /// the GEMM does not take as dot products (few rows, long rows of `self`), which read the
    /// weight in place — for 10 tokens of a 2048×128 feed-forward weight, packing once and
    /// multiplying twice (acting, then training) took 175 µs, two dot-product passes 146 µs.
    func wantsPackedTranspose(rows: Int) -> Bool {
        rank == 2 && isLeaf && rows >= Self.packedTransposeMinRows && count >= Self.packedTransposeMinCount
            && smr_sgemm_takes_dot(Int32(rows), Int32(shape[0]), Int32(shape[1])) == 0
    }

    /// `selfᵀ` packed for `smr_sgemm_prepacked`, packed now if the values changed since.
    func packedTranspose() -> PackedTranspose {
        if let cached = packedTransposeCache, cached.version == valuesVersion { return cached }
        let packed = PackedTranspose(of: self)
        packedTransposeCache = packed
        return packed
    }
}
