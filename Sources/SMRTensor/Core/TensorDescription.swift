import Foundation

/// PyTorch-style printing: `tensor([[1.0000, 2.5000],\n        [3.0000, 4.0000]], requires_grad=True)`.
/// Follows `torch._tensor_str` defaults: precision 4; integer-valued data printed as `1.`;
/// scientific notation when the finite non-zero magnitudes span more than 1000× or leave
/// [1e-4, 1e8]; more than 1000 elements are summarised with `...` (3 edge items);
/// rows wrap at 80 columns.
extension Tensor: CustomStringConvertible {
    public var description: String {
        var suffix = ""
        if requiresGrad { suffix = isLeaf ? ", requires_grad=True" : ", grad_fn=<\(gradFnName ?? "Backward")>" }
        return described(suffix: suffix)
    }

    /// `_add_suffixes`: a suffix that would take the last line past 80 columns goes on a
    /// line of its own, indented under the opening bracket.
    private func described(suffix: String) -> String {
        let text = bodyText(suffix: "")
        guard !suffix.isEmpty else { return text }
        let open = String(text.dropLast())  // without the closing ")"
        let lastLine = open.count - (open.lastIndex(of: "\n").map { open.distance(from: open.startIndex, to: $0) } ?? -1) + 1
        let item = String(suffix.dropFirst(2))
        if lastLine + item.count + 2 > 80 { return open + ",\n" + String(repeating: " ", count: 7) + item + ")" }
        return open + suffix + ")"
    }

    private func bodyText(suffix: String) -> String {
        if count == 0 && rank <= 1 { return "tensor([]\(suffix))" }
        if count == 0 { return "tensor([], size=(\(shape.map(String.init).joined(separator: ", ")))\(suffix))" }
        let summarize = count > 1000
        let format = TensorNumberFormat(summarize ? summarizedValues() : data)
        let body = rank == 0 ? format.string(data[0]) : render(dim: 0, offset: 0, indent: 7, format: format, summarize: summarize)
        return "tensor(\(body)\(suffix))"
    }

    private func render(dim: Int, offset: Int, indent: Int, format: TensorNumberFormat, summarize: Bool) -> String {
        let n = shape[dim]
        let stride = Shape.count(shape[(dim + 1)...])
        let edge = 3
        let indices: [Int?] = summarize && n > 2 * edge ? Array(0..<edge) + [nil] + Array((n - edge)..<n) : Array(0..<n)
        if dim == rank - 1 {
            let width = format.width
            let items = indices.map { i -> String in
                guard let i else { return " ..." }
                let v = format.string(data[offset + i])
                return String(repeating: " ", count: Swift.max(0, width - v.count)) + v
            }
            let perLine = Swift.max(1, (80 - indent) / (width + 2))
            var lines: [String] = []
            var i = 0
            while i < items.count {
                let chunk = items[i..<Swift.min(i + perLine, items.count)]
                lines.append(chunk.joined(separator: ", "))
                i += perLine
            }
            return "[" + lines.joined(separator: ",\n" + String(repeating: " ", count: indent + 1)) + "]"
        }
        let parts = indices.map { i -> String in
            guard let i else { return "..." }
            return render(dim: dim + 1, offset: offset + i * stride, indent: indent + 1, format: format, summarize: summarize)
        }
        let separator = "," + String(repeating: "\n", count: rank - dim - 1) + String(repeating: " ", count: indent + 1)
        return "[" + parts.joined(separator: separator) + "]"
    }
}

extension Tensor {
    /// The elements a summarised print shows (3 edge items per axis), which alone decide
    /// the number format, as in PyTorch.
    fileprivate func summarizedValues() -> [Float] {
        var out: [Float] = []
        func visit(dim: Int, offset: Int) {
            let n = shape[dim], stride = Shape.count(shape[(dim + 1)...])
            let picked = n > 6 ? Array(0..<3) + Array((n - 3)..<n) : Array(0..<n)
            for i in picked {
                if dim == rank - 1 { out.append(data[offset + i]) } else { visit(dim: dim + 1, offset: offset + i * stride) }
            }
        }
        if rank > 0 { visit(dim: 0, offset: 0) }
        return out
    }
}

/// How every element of one tensor is formatted (shared width, one mode).
struct TensorNumberFormat {
    enum Mode { case integer, fixed, scientific }
    let mode: Mode
    let width: Int

    init(_ values: [Float]) {
        let finite = values.filter { $0.isFinite }
        let nonzero = finite.filter { $0 != 0 }.map { Swift.abs($0) }
        var mode = Mode.fixed
        let lo = nonzero.min() ?? 1, hi = nonzero.max() ?? 1
        if finite.allSatisfy({ $0 == $0.rounded() }) {
            mode = hi / lo > 1000 || hi > 1e8 ? .scientific : .integer
        } else if hi / lo > 1000 || hi > 1e8 || lo < 1e-4 {
            mode = .scientific
        }
        self.mode = mode
        var w = 0
        let probe = TensorNumberFormat(mode: mode, width: 0)
        // Like PyTorch, only finite values set the width (nan and inf may overflow it).
        for v in finite { w = Swift.max(w, probe.string(v).count) }
        width = w
    }

    private init(mode: Mode, width: Int) {
        self.mode = mode
        self.width = width
    }

    func string(_ v: Float) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v < 0 ? "-inf" : "inf" }
        switch mode {
        case .integer: return String(format: "%.0f.", Double(v))
        case .fixed: return String(format: "%.4f", Double(v))
        case .scientific: return String(format: "%.4e", Double(v))
        }
    }
}
