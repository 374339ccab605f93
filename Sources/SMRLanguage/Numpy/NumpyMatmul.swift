/// `np.matmul` (and `a @ b`) and `np.dot` for arrays of up to two dimensions, with numpy's
/// result shapes (1-D operands are vectors: `v @ v` is a scalar, `M @ v` a vector), dtype
/// promotion and error messages.
enum NumpyMatmul {
    struct Operand {
        let data: [Double], shape: [Int], dtype: NumpyDType
    }

    static func operand(_ v: Value, _ what: String) throws -> Operand {
        let (d, s, dt) = try NDArray.operand(v, what)
        let weak: NumpyDType
        switch v {
        case .bool: weak = .bool
        case .int: weak = .int64
        default: weak = .float64
        }
        return Operand(data: d, shape: s, dtype: dt ?? weak)
    }

    /// `a @ b`; `name` is "matmul" or "dot" for the messages (dot also takes scalars).
    static func product(_ a: Operand, _ b: Operand, name: String) throws -> Value {
        let dt = NumpyDType.promote(a.dtype, b.dtype)
        if a.shape.isEmpty || b.shape.isEmpty {
            guard name == "dot" else {
                throw PyError.value("matmul: Input operand \(a.shape.isEmpty ? 0 : 1) does not have enough dimensions (has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)")
            }
            let (s, arr) = a.shape.isEmpty ? (a.data[0], b) : (b.data[0], a)
            return result(arr.data.map { $0 * s }, arr.shape, dt)
        }
        guard a.shape.count <= 2, b.shape.count <= 2 else {
            throw PyError.value("\(name): arrays of more than two dimensions are not supported here (got shapes \(describe(a.shape)) and \(describe(b.shape)))")
        }
        let (m, k) = a.shape.count == 1 ? (1, a.shape[0]) : (a.shape[0], a.shape[1])
        let (k2, n) = b.shape.count == 1 ? (b.shape[0], 1) : (b.shape[0], b.shape[1])
        guard k == k2 else {
            if name == "dot" {
                throw PyError.value("shapes \(describe(a.shape)) and \(describe(b.shape)) not aligned: \(k) (dim \(a.shape.count - 1)) != \(k2) (dim 0)")
            }
            throw PyError.value("matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size \(k2) is different from \(k))")
        }
        var out = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for p in 0..<k {
                let x = a.data[i * k + p]
                if x == 0 { continue }
                for j in 0..<n { out[i * n + j] += x * b.data[p * n + j] }
            }
        }
        var shape: [Int] = []
        if a.shape.count == 2 { shape.append(m) }
        if b.shape.count == 2 { shape.append(n) }
        return result(out, shape, dt)
    }

    static func result(_ data: [Double], _ shape: [Int], _ dt: NumpyDType) -> Value {
        let values = dt == .bool ? data.map { $0 != 0 ? 1 : 0 } : dt == .float32 ? data.map { Double(Float($0)) } : data
        if shape.isEmpty {
            switch dt {
            case .float64: return .object(NumpyScalar(float: values[0]))
            case .float32: return NDArray.boxFloat32(values[0])
            case .int64: return .object(NumpyScalar(int: NDArray.int64(values[0])))
            case .bool: return .object(NumpyScalar(bool: values[0] != 0))
            }
        }
        return NDArray.make(values, shape, dt)
    }

    static func describe(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ",") + ")"
    }
}
