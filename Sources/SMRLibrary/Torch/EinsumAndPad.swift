import SMRLanguage
import SMRTensor

/// `torch.einsum(equation, *operands)` and `torch.nn.functional.pad(input, pad, mode, value)`,
/// with PyTorch's argument checks and messages; the arithmetic is in SMRTensor.
enum EinsumAndPad {
    static func installEinsum(into torch: NativeModule) {
        torch.add("einsum", .object(LibraryFunction(
            "einsum", signature: "einsum(equation, *operands)",
            doc: "Einstein summation: einsum('bij,bjk->bik', a, b); operands may also be given as one list.") { args, kw, _ in
            guard kw.isEmpty else { throw PyError(.typeError, "einsum() takes no keyword arguments") }
            guard case .str(let equation)? = args.first else {
                throw PyError(.typeError, "einsum(): argument 'equation' (position 1) must be str, not \(args.first?.typeName ?? "nothing")")
            }
            var rest = Array(args.dropFirst())
            if rest.count == 1, case .list(let l) = rest[0] { rest = l.items }
            if rest.count == 1, case .tuple(let t) = rest[0] { rest = t.items }
            let operands = try rest.enumerated().map { try TorchArguments.tensor($0.element, "operands[\($0.offset)]") }
            return TorchArguments.out(try wrap { try Tensor.einsum(equation, operands) })
        }))
    }

    static func installPad(into functional: NativeModule) {
        functional.function("pad", doc: "Pad the last axes: pad=(left, right, top, bottom, …); mode 'constant' (value), 'reflect', 'replicate' or 'circular'.",
                            params: [Param("input"), Param("pad"), Param("mode", .str, default: .str("constant")), Param("value", .any, default: .none)]) { a in
            let x = try TorchArguments.tensor(a["input"], "input")
            let (numbers, _) = try ValueConversion.numbers(a["pad"], what: "pad")
            let pads = try ValueConversion.ints(numbers, "pad")
            let modeName = try a.string("mode")
            guard let mode = Tensor.PadMode(rawValue: modeName) else {
                throw PyError(.notImplementedError, "Unrecognised padding mode \(modeName)")
            }
            guard pads.count % 2 == 0 else { throw PyError(.runtimeError, "Padding length must be divisible by 2") }
            guard pads.count / 2 <= x.rank else {
                throw PyError(.runtimeError, "Padding length should be less than or equal to two times the input dimension but got padding length \(pads.count) and input of dimension \(x.rank)")
            }
            if mode != .constant {
                let k = pads.count / 2
                guard (1...3).contains(k), x.rank == k + 1 || x.rank == k + 2 else {
                    throw PyError(.notImplementedError, "Padding size \(pads.count) is not supported for \(x.rank)D input tensor.\nSupported combinations for non-constant padding:\n  - 2D or 3D input: padding size = 2 (pads last dimension)\n  - 3D or 4D input: padding size = 4 (pads last 2 dimensions)\n  - 4D or 5D input: padding size = 6 (pads last 3 dimensions)")
                }
                if mode == .reflect {
                    for j in 0..<k {
                        let axis = x.rank - 1 - j, l = pads[2 * j], r = pads[2 * j + 1]
                        if l >= x.shape[axis] || r >= x.shape[axis] {
                            throw PyError(.runtimeError, "Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (\(l), \(r)) at dimension \(axis) of input \(Shape.describe(x.shape))")
                        }
                    }
                }
            }
            let value = a["value"].isNone ? 0 : Float(try a.double("value"))
            return TorchArguments.out(try wrap { try x.pad(pads, mode: mode, value: value) })
        }
    }
}
