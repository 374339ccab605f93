import Foundation

/// NumPy's 256-layer ziggurat for `Generator.standard_normal` (Marsaglia & Tsang's method
/// on 52-bit mantissas): the acceptance tables are computed here, once, from the base strip's
/// edge `r` and area `v` by the method's recurrence xᵢ = f⁻¹(v / xᵢ₊₁ + f(xᵢ₊₁)),
/// f(x) = exp(−x²/2). The widths wᵢ, which scale every returned sample, are NumPy's own
/// (`NormalZigguratWidths.swift`, recovered from NumPy's draws), so samples agree bit for bit;
/// the acceptance bounds kᵢ and densities fᵢ, which only decide accept/reject, agree with
/// NumPy's to ≈ 1e-15 relative — a decision differs with probability ≈ 1e-14 per draw.
struct NormalZiggurat: Sendable {
    static let r = 3.6541528853610088
    static let inverseR = 1 / r
    let k: [UInt64], w: [Double], f: [Double]

    static let shared = NormalZiggurat()

    private init() {
        let r = Self.r
        func density(_ x: Double) -> Double { exp(-0.5 * x * x) }
        // The area of each strip: the base strip's rectangle plus the tail beyond r.
        let v = r * density(r) + (Double.pi / 2).squareRoot() * erfc(r / 2.0.squareRoot())
        let scale = 4_503_599_627_370_496.0  // 2⁵²
        var k = [UInt64](filled: 0, count: 256), f = [Double](filled: 0, count: 256)
        var x = r, previous = r
        let q = v / density(x)
        k[0] = UInt64((x / q) * scale)
        k[1] = 0
        f[0] = 1
        f[255] = density(x)
        for i in stride(from: 254, through: 1, by: -1) {
            x = (-2 * log(v / x + density(x))).squareRoot()
            k[i + 1] = UInt64((x / previous) * scale)
            previous = x
            f[i] = density(x)
        }
        precondition(numpyNormalZigguratWidths.count == 256, "NormalZigguratWidths.swift: 256 widths expected")
        (self.k, self.w, self.f) = (k, numpyNormalZigguratWidths, f)
    }
}

extension NumPyGenerator {
    /// `standard_normal()`: NumPy's ziggurat on one 64-bit draw per sample (8 bits pick the
    /// layer, 1 the sign, 52 the position), with its rejection and tail steps — including
    /// the tail's sign, which NumPy takes from bit 8 of the position.
    public mutating func standardNormal() -> Double {
        let z = NormalZiggurat.shared
        while true {
            var bits = bitGenerator.nextUInt64()
            let layer = Int(bits & 0xFF)
            bits >>= 8
            let negative = bits & 1 == 1
            let position = (bits >> 1) & 0x000F_FFFF_FFFF_FFFF
            var x = Double(position) * z.w[layer]
            if negative { x = -x }
            if position < z.k[layer] { return x }
            if layer == 0 {
                while true {
                    let xx = -NormalZiggurat.inverseR * log1p(-random())
                    let yy = -log1p(-random())
                    if yy + yy > xx * xx {
                        return (position >> 8) & 1 == 1 ? -(NormalZiggurat.r + xx) : NormalZiggurat.r + xx
                    }
                }
            }
            if (z.f[layer - 1] - z.f[layer]) * random() + z.f[layer] < exp(-0.5 * x * x) { return x }
        }
    }

    /// `normal(loc, scale)`: `loc + scale · standard_normal()`.
    public mutating func normal(loc: Double = 0, scale: Double = 1) -> Double {
        loc + scale * standardNormal()
    }
}
