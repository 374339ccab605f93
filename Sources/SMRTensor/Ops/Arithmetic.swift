import Foundation

/// Elementwise binary arithmetic with broadcasting: add, sub, mul, div, pow.
protocol BinaryKernel {
    static var name: String { get }
    static func apply(_ a: Float, _ b: Float) -> Float
}

enum AddKernel: BinaryKernel {
    static let name = "add"
    @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a + b }
}
enum SubKernel: BinaryKernel {
    static let name = "sub"
    @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a - b }
}
enum MulKernel: BinaryKernel {
    static let name = "mul"
    @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a * b }
}
enum DivKernel: BinaryKernel {
    static let name = "div"
    @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a / b }
}
enum PowKernel: BinaryKernel {
    static let name = "pow"
    @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { powf(a, b) }
}

extension Tensor {
    /// Applies `K` elementwise over the broadcast of `a` and `b`.
    @inline(__always)
    static func mapBinary<K: BinaryKernel>(_: K.Type, _ a: Tensor, _ b: Tensor) throws -> (data: [Float], shape: [Int]) {
        let shape = try Shape.broadcast(a.shape, b.shape, op: K.name)
        let n = Shape.count(shape)
        let result = [Float](capacity: n) { out, initialized in
            a.data.withUnsafeBufferPointer { x in
                b.data.withUnsafeBufferPointer { y in
                    if a.shape == b.shape {
                        for i in 0..<n { out[i] = K.apply(x[i], y[i]) }
                    } else if b.count == 1 {
                        let s = y[0]
                        for i in 0..<n { out[i] = K.apply(x[i], s) }
                    } else if a.count == 1 {
                        let s = x[0]
                        for i in 0..<n { out[i] = K.apply(s, y[i]) }
                    } else {
                        guard let o0 = out.baseAddress, let x0 = x.baseAddress, let y0 = y.baseAddress else { return }
                        BroadcastLoop(outShape: shape, aShape: a.shape, bShape: b.shape).forEachRow { o, ao, bo, len, aStep, bStep in
                            // Offsets are in range by construction: raw pointers, wrapping arithmetic.
                            let d = o0 + o, p = x0 + ao, q = y0 + bo
                            if aStep == 1 && bStep == 0 {
                                let c = q[0]
                                for i in 0..<len { d[i] = K.apply(p[i], c) }
                            } else if aStep == 0 && bStep == 1 {
                                let c = p[0]
                                for i in 0..<len { d[i] = K.apply(c, q[i]) }
                            } else if aStep == 1 && bStep == 1 {
                                for i in 0..<len { d[i] = K.apply(p[i], q[i]) }
                            } else {
                                for i in 0..<len { d[i] = K.apply(p[i &* aStep], q[i &* bStep]) }
                            }
                        }
                    }
                }
            }
            initialized = n
        }
        return (result, shape)
    }

    /// Elementwise `a + b` with broadcasting.
    public static func + (a: Tensor, b: Tensor) throws -> Tensor {
        let (r, shape) = try mapBinary(AddKernel.self, a, b)
        // The binary backwards read their operands and shape from the node: no closure context.
        return Tensor(result: r, shape: shape, gradFn: "AddBackward0", parents: a, b) { out in
            guard let g = out.gradData, let a = out.parentA, let b = out.parentB else { return }
            if a.requiresGrad { a.accumulateGrad(reduceBroadcast(g, from: out.shape, to: a.shape)) }
            if b.requiresGrad { b.accumulateGrad(reduceBroadcast(g, from: out.shape, to: b.shape)) }
        }
    }

    /// Elementwise `a - b` with broadcasting.
    public static func - (a: Tensor, b: Tensor) throws -> Tensor {
        let (r, shape) = try mapBinary(SubKernel.self, a, b)
        return Tensor(result: r, shape: shape, gradFn: "SubBackward0", parents: a, b) { out in
            guard let g = out.gradData, let a = out.parentA, let b = out.parentB else { return }
            if a.requiresGrad { a.accumulateGrad(reduceBroadcast(g, from: out.shape, to: a.shape)) }
            if b.requiresGrad { b.accumulateGrad(reduceBroadcast(g.map { -$0 }, from: out.shape, to: b.shape)) }
        }
    }

    /// Elementwise `a * b` with broadcasting.
    public static func * (a: Tensor, b: Tensor) throws -> Tensor {
        let (r, shape) = try mapBinary(MulKernel.self, a, b)
        return Tensor(result: r, shape: shape, gradFn: "MulBackward0", parents: a, b) { out in
            guard let g = out.gradData, let a = out.parentA, let b = out.parentB else { return }
            mulBackward(g, out.shape, a, b)
        }
    }

    /// The gradients of `a * b` (output shape `shape`): `g * b` summed down to `a`'s shape and
    /// `g * a` summed down to `b`'s, in one pass over the broadcast without full-size
    /// temporaries. Each product and each sum is formed in the order that computing the
    /// full product and then reducing it uses, so the result is bit-identical to that.
    static func mulBackward(_ g: [Float], _ shape: [Int], _ a: Tensor, _ b: Tensor) {
        let needA = a.requiresGrad, needB = b.requiresGrad
        if a.shape == b.shape {
            if needA { a.accumulateGrad(zip(g, b.data).map { $0 * $1 }) }
            if needB { b.accumulateGrad(zip(g, a.data).map { $0 * $1 }) }
            return
        }
        var ga = [Float](filled: 0, count: needA ? a.count : 0)
        var gb = [Float](filled: 0, count: needB ? b.count : 0)
        let loop = BroadcastLoop(outShape: shape, aShape: a.shape, bShape: b.shape)
        g.withUnsafeBufferPointer { gp in
            a.data.withUnsafeBufferPointer { x in
                b.data.withUnsafeBufferPointer { y in
                    ga.withUnsafeMutableBufferPointer { da in
                        gb.withUnsafeMutableBufferPointer { db in
                            loop.forEachRow { o, ao, bo, n, aStep, bStep in
                                if needA { accumulateProducts(da, ao, aStep, gp, o, y, bo, bStep, n) }
                                if needB { accumulateProducts(db, bo, bStep, gp, o, x, ao, aStep, n) }
                            }
                        }
                    }
                }
            }
        }
        if needA { a.accumulateGrad(ga) }
        if needB { b.accumulateGrad(gb) }
    }

    /// One broadcast row of a product's gradient: `dst[at + i·step] += g[o + i]·other[oat + i·ostep]`,
    /// summed into `dst[at]` first when the row is broadcast along it (`step` 0), as reducing
    /// the full product would sum it.
    @inline(__always)
    private static func accumulateProducts(_ dst: UnsafeMutableBufferPointer<Float>, _ at: Int, _ step: Int,
                                           _ g: UnsafeBufferPointer<Float>, _ o: Int,
                                           _ other: UnsafeBufferPointer<Float>, _ oat: Int, _ ostep: Int, _ n: Int) {
        // Raw pointers and wrapping index arithmetic: the offsets come from the broadcast
        // loop (in range by construction), and checked arithmetic kept these loops scalar.
        guard let d0 = dst.baseAddress, let g0 = g.baseAddress, let x0 = other.baseAddress else { return }
        let d = d0 + at, gp = g0 + o, x = x0 + oat
        if step == 0 {
            var s: Float = 0
            if ostep == 1 {
                for i in 0..<n { s += gp[i] * x[i] }
            } else {
                for i in 0..<n { s += gp[i] * x[i &* ostep] }
            }
            d[0] += s
        } else if step == 1 && ostep == 0 {
            // Contiguous rows against one broadcast factor (an outer product's rows): an axpy.
            let c = x[0]
            for i in 0..<n { d[i] += gp[i] * c }
        } else if step == 1 && ostep == 1 {
            for i in 0..<n { d[i] += gp[i] * x[i] }
        } else {
            for i in 0..<n { d[i &* step] += gp[i] * x[i &* ostep] }
        }
    }

    /// Elementwise `a / b` with broadcasting.
    public static func / (a: Tensor, b: Tensor) throws -> Tensor {
        let (r, shape) = try mapBinary(DivKernel.self, a, b)
        return Tensor(result: r, shape: shape, gradFn: "DivBackward0", parents: a, b) { out in
            guard let g = out.gradData else { return }
            let gt = Tensor(constant: g, shape: shape)
            if a.requiresGrad, let ga = try? mapBinary(DivKernel.self, gt, b) {
                a.accumulateGrad(reduceBroadcast(ga.data, from: shape, to: a.shape))
            }
            if b.requiresGrad {
                // d(a/b)/db = -(a/b)/b = -out/b
                let q = Tensor(constant: out.data, shape: shape)
                if let t = try? mapBinary(DivKernel.self, q, b), let gb = try? mapBinary(MulKernel.self, gt, Tensor(constant: t.data, shape: shape)) {
                    b.accumulateGrad(reduceBroadcast(gb.data.map { -$0 }, from: shape, to: b.shape))
                }
            }
        }
    }

    /// Elementwise `a ** b` with broadcasting (PyTorch `torch.pow(a, b)`).
    public static func pow(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let (r, shape) = try mapBinary(PowKernel.self, a, b)
        return Tensor(result: r, shape: shape, gradFn: "PowBackward1", parents: a, b) { out in
            guard let g = out.gradData else { return }
            let ab = try? (a.broadcast(to: shape).data, b.broadcast(to: shape).data)
            guard let (x, y) = ab else { return }
            if a.requiresGrad {
                var ga = [Float](filled: 0, count: g.count)
                for i in 0..<g.count {
                    // PyTorch masks the exponent-0 case so that 0 ** 0 has gradient 0.
                    ga[i] = y[i] == 0 ? 0 : g[i] * y[i] * powf(x[i], y[i] - 1)
                }
                a.accumulateGrad(reduceBroadcast(ga, from: shape, to: a.shape))
            }
            if b.requiresGrad {
                var gb = [Float](filled: 0, count: g.count)
                for i in 0..<g.count {
                    // PyTorch: where(a == 0 and b >= 0, 0, grad * out * log(a)).
                    gb[i] = (x[i] == 0 && y[i] >= 0) ? 0 : g[i] * out.data[i] * logf(x[i])
                }
                b.accumulateGrad(reduceBroadcast(gb, from: shape, to: b.shape))
            }
        }
    }

    /// `self + s` for a scalar.
    public static func + (a: Tensor, s: Float) -> Tensor { a.affine(scale: 1, shift: s, gradFn: "AddBackward0") }
    /// `self - s` for a scalar.
    public static func - (a: Tensor, s: Float) -> Tensor { a.affine(scale: 1, shift: -s, gradFn: "SubBackward0") }
    /// `self * s` for a scalar.
    public static func * (a: Tensor, s: Float) -> Tensor { a.affine(scale: s, shift: 0, gradFn: "MulBackward0") }
    /// `s * self` for a scalar.
    public static func * (s: Float, a: Tensor) -> Tensor { a.affine(scale: s, shift: 0, gradFn: "MulBackward0") }
    /// `self / s` for a scalar (multiplies by the reciprocal's exact quotient per element).
    public static func / (a: Tensor, s: Float) -> Tensor {
        let r = a.data.map { $0 / s }
        return Tensor(result: r, shape: a.shape, gradFn: "DivBackward0", parent: a) { out in
            guard let g = out.gradData else { return }
            a.accumulateGrad(g.map { $0 / s })
        }
    }
    /// `s - self` for a scalar.
    public static func - (s: Float, a: Tensor) -> Tensor { a.affine(scale: -1, shift: s, gradFn: "RsubBackward1") }
    /// `s + self` for a scalar.
    public static func + (s: Float, a: Tensor) -> Tensor { a.affine(scale: 1, shift: s, gradFn: "AddBackward0") }

    /// Elementwise negation.
    public static prefix func - (a: Tensor) -> Tensor { a.affine(scale: -1, shift: 0, gradFn: "NegBackward0") }

    /// `scale * self + shift` with one pass and one node.
    public func affine(scale: Float, shift: Float) -> Tensor {
        affine(scale: scale, shift: shift, gradFn: shift == 0 ? "MulBackward0" : "AddBackward0")
    }

    /// `affine` recording the PyTorch op it stands for.
    public func affine(scale: Float, shift: Float, gradFn: StaticString) -> Tensor {
        let r: [Float]
        if shift == 0 {
            r = data.map { $0 * scale }
        } else if scale == 1 {
            r = data.map { $0 + shift }
        } else {
            r = data.map { $0 * scale + shift }
        }
        return Tensor(result: r, shape: shape, gradFn: gradFn, parent: self) { out in
            guard let g = out.gradData else { return }
            self.accumulateGrad(scale == 1 ? g : g.map { $0 * scale })
        }
    }
}
