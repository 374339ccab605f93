import SMRTensor
import Foundation

/// PPO's loss on one minibatch and its gradient with respect to the logits and values:
/// L = −mean(min(r·Â, clip(r, 1 ± ε)·Â)) + vf_coef·mean((R − V)²) − ent_coef·mean(H),
/// with r = π(a|s)/π_old(a|s), Â the (normalised) advantages and V optionally clipped around
/// the old values. The means run over the rows in `rows` that are not nil (the recurrent
/// minibatch pads its sequences; padding rows are nil and get zero gradient).
struct ClippedSurrogateLoss {
    var policyGradientLoss = 0.0, valueLoss = 0.0, entropyLoss = 0.0
    var clipFraction = 0.0, approxKL = 0.0
    var dLogits: [Float] = [], dValues: [Float] = []

    /// `rows[k]` is the buffer index of pass row k, or nil for padding.
    init(pass: ActorCriticMlpPolicy.Pass, rows: [Int?], buffer: RolloutBuffer, actionCount nA: Int,
         options: PPOOptions) {
        let valid = rows.compactMap { $0 }
        let m = valid.count
        dLogits = [Float](filled: 0, count: rows.count * nA)
        dValues = [Float](filled: 0, count: rows.count)
        guard m > 0 else { return }
        // Advantage normalisation over the real rows (unbiased std + 1e-8), when m > 1.
        var mean: Float = 0, std: Float = 1
        let normalize = options.normalizeAdvantage && m > 1
        if normalize {
            mean = valid.reduce(Float(0)) { $0 + buffer.advantages[$1] } / Float(m)
            let v = valid.reduce(Float(0)) { $0 + (buffer.advantages[$1] - mean) * (buffer.advantages[$1] - mean) }
            std = (v / Float(m - 1)).squareRoot() + 1e-8
        }
        let clip = Float(options.clipRange), inv = 1 / Float(m)
        let vfCoef = Float(options.vfCoef), entCoef = Float(options.entCoef)
        var pg = 0.0, vl = 0.0, ent = 0.0, clipped = 0, kl = 0.0
        for (r, index) in rows.enumerated() {
            guard let i = index else { continue }
            let adv = normalize ? (buffer.advantages[i] - mean) / std : buffer.advantages[i]
            let a = buffer.actions[i], o = r * nA
            let logRatio = pass.logProbs[o + a] - buffer.logProbs[i]
            let ratio = Foundation.exp(logRatio)
            let s1 = adv * ratio, s2 = adv * min(max(ratio, 1 - clip), 1 + clip)
            pg += Double(-min(s1, s2))
            if abs(ratio - 1) > clip { clipped += 1 }
            kl += Double((ratio - 1) - logRatio)
            // Through r·Â when it is the minimum or r is inside the clip range (then both
            // terms are equal); the clipped term alone has no gradient.
            let active = s1 <= s2 || (ratio >= 1 - clip && ratio <= 1 + clip)
            let gLogP = active ? -adv * ratio * inv : 0
            var h: Float = 0
            for j in 0..<nA { let lp = pass.logProbs[o + j]; h -= Foundation.exp(lp) * lp }
            ent += Double(h)
            for j in 0..<nA {
                let lp = pass.logProbs[o + j], p = Foundation.exp(lp)
                // ∂logπ(a)/∂logit_j = [j = a] − p_j;  ∂H/∂logit_j = −p_j(log p_j + H).
                dLogits[o + j] = gLogP * ((j == a ? 1 : 0) - p) + entCoef * inv * p * (lp + h)
            }
            var v = pass.values[r]
            var passThrough: Float = 1
            if let cvf = options.clipRangeVf {
                let old = buffer.values[i], c = Float(cvf), delta = v - old
                if delta < -c || delta > c { passThrough = 0 }
                v = old + min(max(delta, -c), c)
            }
            let err = v - buffer.returns[i]
            vl += Double(err * err)
            dValues[r] = vfCoef * 2 * err * inv * passThrough
        }
        let md = Double(m)
        policyGradientLoss = pg / md; valueLoss = vl / md; entropyLoss = -ent / md
        clipFraction = Double(clipped) / md; approxKL = kl / md
    }

    func total(_ options: PPOOptions) -> Double {
        policyGradientLoss + options.entCoef * entropyLoss + options.vfCoef * valueLoss
    }
}

/// The train/ metrics SB3 records after an update, in its key names.
struct UpdateMetrics {
    var entropy: [Double] = [], pg: [Double] = [], value: [Double] = [], clip: [Double] = [], kl: [Double] = []
    var lastLoss = 0.0

    /// SB3 resets `approx_kl_divs` at every epoch, so train/approx_kl is the last epoch's
    /// mean while the other losses average over all epochs.
    mutating func startEpoch() { kl = [] }

    mutating func add(_ l: ClippedSurrogateLoss, options: PPOOptions) {
        entropy.append(l.entropyLoss); pg.append(l.policyGradientLoss); value.append(l.valueLoss)
        clip.append(l.clipFraction); kl.append(l.approxKL); lastLoss = l.total(options)
    }

    func record(options: PPOOptions, nUpdates: Int, explainedVariance: Double) -> [(String, LogValue)] {
        func mean(_ v: [Double]) -> Double { v.isEmpty ? .nan : v.reduce(0, +) / Double(v.count) }
        var out: [(String, LogValue)] = [
            ("train/approx_kl", .float(mean(kl))),
            ("train/clip_fraction", .float(mean(clip))),
            ("train/clip_range", .float(options.clipRange)),
            ("train/entropy_loss", .float(mean(entropy))),
            ("train/explained_variance", .float(explainedVariance)),
            ("train/learning_rate", .float(options.learningRate)),
            ("train/loss", .float(lastLoss)),
            ("train/n_updates", .int(nUpdates)),
            ("train/policy_gradient_loss", .float(mean(pg))),
            ("train/value_loss", .float(mean(value))),
        ]
        if let c = options.clipRangeVf { out.append(("train/clip_range_vf", .float(c))) }
        return out
    }
}
