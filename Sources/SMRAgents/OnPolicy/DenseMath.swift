/// Batched dense-layer arithmetic on flat row-major Float arrays, for the small on-policy
/// networks (64×64 MLPs), whose forward and backward are written out by hand: no tape, no
/// per-op allocation, and exactly the gradients autodiff would give.
enum DenseMath {
    /// y[b, o] = Σᵢ x[b, i]·W[o, i] + bias[o]   (`nn.Linear`), for `batch` rows.
    static func linear(_ x: [Float], batch: Int, inputs: Int, weight: [Float], bias: [Float], outputs: Int) -> [Float] {
        var y = [Float](repeating: 0, count: batch * outputs)
        x.withUnsafeBufferPointer { xp in
            weight.withUnsafeBufferPointer { wp in
                bias.withUnsafeBufferPointer { bp in
                    y.withUnsafeMutableBufferPointer { yp in
                        for b in 0..<batch {
                            let xr = xp.baseAddress! + b * inputs
                            for o in 0..<outputs {
                                let wr = wp.baseAddress! + o * inputs
                                var s: Float = 0
                                for i in 0..<inputs { s += xr[i] * wr[i] }
                                yp[b * outputs + o] = s + bp[o]
                            }
                        }
                    }
                }
            }
        }
        return y
    }

    /// In-place tanh.
    static func tanh(_ v: inout [Float]) {
        for i in v.indices { v[i] = Float(Foundation.tanh(Double(v[i]))) }
    }

    /// Accumulates dW += dyᵀ·x and db += Σ_b dy for a linear layer; returns dx = dy·W when
    /// `needInput` (else an empty array).
    static func linearBackward(_ dy: [Float], x: [Float], batch: Int, inputs: Int, outputs: Int,
                               weight: [Float], dWeight: inout [Float], dBias: inout [Float],
                               needInput: Bool) -> [Float] {
        var dx = needInput ? [Float](repeating: 0, count: batch * inputs) : []
        dy.withUnsafeBufferPointer { dyp in
            x.withUnsafeBufferPointer { xp in
                weight.withUnsafeBufferPointer { wp in
                    dWeight.withUnsafeMutableBufferPointer { dwp in
                        dBias.withUnsafeMutableBufferPointer { dbp in
                            dx.withUnsafeMutableBufferPointer { dxp in
                                for b in 0..<batch {
                                    let xr = xp.baseAddress! + b * inputs
                                    for o in 0..<outputs {
                                        let g = dyp[b * outputs + o]
                                        if g == 0 { continue }
                                        dbp[o] += g
                                        let dwr = dwp.baseAddress! + o * inputs
                                        for i in 0..<inputs { dwr[i] += g * xr[i] }
                                        if needInput {
                                            let wr = wp.baseAddress! + o * inputs
                                            let dxr = dxp.baseAddress! + b * inputs
                                            for i in 0..<inputs { dxr[i] += g * wr[i] }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return dx
    }
}

import Foundation
