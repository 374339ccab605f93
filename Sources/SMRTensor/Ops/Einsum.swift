/// `torch.einsum`: Einstein summation over subscript letters, reduced to existing ops —
/// diagonals by `indexSelect`, sums over letters no one else needs, and each pair of operands
/// contracted by one batched `matmul` between permutes and reshapes — so gradients come from
/// those ops' backward functions.
extension Tensor {
    /// `einsum("bij,bjk->bik", a, b)`; without `->` the output holds the letters that appear
    /// once, in alphabetical order. Letters are `a-z`/`A-Z`; ellipses are not supported.
    /// Throws PyTorch's messages for an operand count, rank or size that does not match.
    public static func einsum(_ equation: String, _ operands: [Tensor]) throws -> Tensor {
        func fail(_ reason: String) -> TensorError { .invalidArgument(op: "einsum()", reason: reason) }
        let chars = Array(equation)
        var terms: [[Character]] = [[]]
        var output: [Character]?
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == " " { i += 1; continue }
            if c == "-" && i + 1 < chars.count && chars[i + 1] == ">" && output == nil {
                output = []
                i += 2
                continue
            }
            if c == "," && output == nil {
                terms.append([])
            } else if c == "." {
                throw fail("ellipsis ('...') in the equation is not supported")
            } else if c.isASCII && c.isLetter {
                if output != nil { output?.append(c) } else { terms[terms.count - 1].append(c) }
            } else {
                throw fail("invalid subscript given at index \(i) in the equation string, subscripts must be in [a-zA-Z]")
            }
            i += 1
        }
        guard terms.count <= operands.count else { throw fail("fewer operands were provided than specified in the equation") }
        guard terms.count >= operands.count else { throw fail("more operands were provided than specified in the equation") }
        var size: [Character: Int] = [:]
        for (k, (term, t)) in zip(terms, operands).enumerated() {
            guard term.count == t.rank else {
                throw fail("the number of subscripts in the equation (\(term.count)) does not match the number of dimensions (\(t.rank)) for operand \(k) and no ellipsis was given")
            }
            for (d, letter) in term.enumerated() {
                if let s = size[letter], s != t.shape[d] {
                    throw fail("subscript \(letter) has size \(t.shape[d]) for operand \(k) which does not broadcast with previously seen size \(s)")
                }
                size[letter] = t.shape[d]
            }
        }
        let out: [Character]
        if let output {
            var seen = Set<Character>()
            for c in output {
                guard size[c] != nil else { throw fail("output subscript \(c) does not appear in the equation for any input operand") }
                guard seen.insert(c).inserted else { throw fail("output subscript \(c) appears more than once in the output") }
            }
            out = output
        } else {
            var counts: [Character: Int] = [:]
            for term in terms { for c in term { counts[c, default: 0] += 1 } }
            out = counts.filter { $0.value == 1 }.map(\.key).sorted()
        }

        // Each operand with its repeated letters reduced to diagonals.
        var items: [(tensor: Tensor, letters: [Character])] = []
        for (term, t) in zip(terms, operands) { items.append(try diagonal(t, term)) }
        var (current, letters) = items[0]
        for k in items.indices.dropFirst() {
            var keep = Set(out)
            for later in items[(k + 1)...] { keep.formUnion(later.letters) }
            (current, letters) = try contract(current, letters, items[k].tensor, items[k].letters, keep: keep)
        }
        // Sum what the output does not hold, then order as the output.
        (current, letters) = try sumOut(current, letters, keep: Set(out))
        let order = out.compactMap { letters.firstIndex(of: $0) }
        return order == Array(0..<order.count) ? current : try current.permute(order)
    }

    /// The operand with each repeated letter taken once (the diagonal), as einsum('ii->i').
    private static func diagonal(_ t: Tensor, _ term: [Character]) throws -> (tensor: Tensor, letters: [Character]) {
        var unique: [Character] = []
        for c in term where !unique.contains(c) { unique.append(c) }
        guard unique.count < term.count else { return (t, term) }
        let shape = unique.map { c in t.shape[term.firstIndex(of: c) ?? 0] }
        let strides = Shape.strides(t.shape), outStrides = Shape.strides(shape)
        let n = Shape.count(shape)
        var flat = [Int](filled: 0, count: n)
        for i in 0..<n {
            var rest = i, offset = 0
            for (u, c) in unique.enumerated() {
                let coordinate = rest / outStrides[u]
                rest -= coordinate * outStrides[u]
                for (d, letter) in term.enumerated() where letter == c { offset += coordinate * strides[d] }
            }
            flat[i] = offset
        }
        return (try t.reshape([t.count]).indexSelect(axis: 0, indices: flat).reshape(shape), unique)
    }

    /// Sums the axes whose letters are not in `keep`.
    private static func sumOut(_ t: Tensor, _ letters: [Character], keep: Set<Character>) throws -> (Tensor, [Character]) {
        let axes = letters.indices.filter { !keep.contains(letters[$0]) }
        guard !axes.isEmpty else { return (t, letters) }
        return (try t.sum(axes: axes), letters.filter { keep.contains($0) })
    }

    /// One pairwise contraction: batch letters (both, kept), contracted letters (both, not
    /// kept) and each side's own letters, as one batched matrix product.
    private static func contract(_ a0: Tensor, _ la0: [Character], _ b0: Tensor, _ lb0: [Character],
                                 keep: Set<Character>) throws -> (Tensor, [Character]) {
        let (a, la) = try sumOut(a0, la0, keep: keep.union(lb0))
        let (b, lb) = try sumOut(b0, lb0, keep: keep.union(la))
        let batch = la.filter { lb.contains($0) && keep.contains($0) }
        let contracted = la.filter { lb.contains($0) && !keep.contains($0) }
        let aOnly = la.filter { !lb.contains($0) }, bOnly = lb.filter { !la.contains($0) }
        func dims(_ t: Tensor, _ l: [Character], _ group: [Character]) -> [Int] { group.map { t.shape[l.firstIndex(of: $0) ?? 0] } }
        func arranged(_ t: Tensor, _ l: [Character], _ order: [Character], _ shape: [Int]) throws -> Tensor {
            let perm = order.compactMap { l.firstIndex(of: $0) }
            let p = perm == Array(0..<perm.count) ? t : try t.permute(perm)
            return try p.reshape(shape)
        }
        let nb = Shape.count(dims(a, la, batch)), nc = Shape.count(dims(a, la, contracted))
        let na = Shape.count(dims(a, la, aOnly)), nbo = Shape.count(dims(b, lb, bOnly))
        let am = try arranged(a, la, batch + aOnly + contracted, [nb, na, nc])
        let bm = try arranged(b, lb, batch + contracted + bOnly, [nb, nc, nbo])
        let c = try am.matmul(bm)
        let shape = dims(a, la, batch) + dims(a, la, aOnly) + dims(b, lb, bOnly)
        return (try c.reshape(shape), batch + aOnly + bOnly)
    }
}
