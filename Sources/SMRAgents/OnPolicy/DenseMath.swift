/// Batched dense-layer arithmetic on flat row-major Float arrays, for the small on-policy
/// networks (64×64 MLPs), whose forward and backward are written out by hand: no tape, no
/// per-op allocation, and exactly the gradients autodiff would give.
enum DenseMath {
    /// y[b, o] = Σᵢ x[b, i]·W[o, i] + bias[o]   (`nn.Linear`), for `batch` rows.
    static func linear(_ x: [Float], batch: Int, inputs: Int, weight: [Float], bias: [Float], outputs: Int) -> [Float] {
        var y = [Float](filled: 0, count: batch * outputs)
        guard batch > 0 else { return y }
        y.withUnsafeMutableBufferPointer { yp in
            smr_sgemm(0, 1, Int32(batch), Int32(outputs), Int32(inputs), 1, x, Int32(inputs), weight, Int32(inputs), 0, yp.baseAddress, Int32(outputs))
            if !bias.isEmpty {
                for b in 0..<batch { for o in 0..<outputs { yp[b * outputs + o] += bias[o] } }
            }
        }
        return y
    }

    /// In-place tanh, by the vectorised float kernel the tensor ops use (libm's double tanh
    /// per element was 4% of a RecurrentPPO update).
    static func tanh(_ v: inout [Float]) {
        let n = v.count
        v.withUnsafeMutableBufferPointer { p in
            if let base = p.baseAddress { smr_vtanh(Int32(n), base, base) }
        }
    }

    /// Accumulates dW += dyᵀ·x and db += Σ_b dy for a linear layer; returns dx = dy·W when
    /// `needInput` (else an empty array).
    static func linearBackward(_ dy: [Float], x: [Float], batch: Int, inputs: Int, outputs: Int,
                               weight: [Float], dWeight: inout [Float], dBias: inout [Float],
                               needInput: Bool) -> [Float] {
        var dx = needInput ? [Float](filled: 0, count: batch * inputs) : []
        guard batch > 0 else { return dx }
        dWeight.withUnsafeMutableBufferPointer { dwp in
            smr_sgemm(1, 0, Int32(outputs), Int32(inputs), Int32(batch), 1, dy, Int32(outputs), x, Int32(inputs), 1, dwp.baseAddress, Int32(inputs))
        }
        if !dBias.isEmpty {
            for b in 0..<batch { for o in 0..<outputs { dBias[o] += dy[b * outputs + o] } }
        }
        if needInput {
            dx.withUnsafeMutableBufferPointer { dxp in
                smr_sgemm(0, 0, Int32(batch), Int32(inputs), Int32(outputs), 1, dy, Int32(outputs), weight, Int32(inputs), 0, dxp.baseAddress, Int32(inputs))
            }
        }
        return dx
    }
}

import SMRTensor
import CKernels
import Foundation
