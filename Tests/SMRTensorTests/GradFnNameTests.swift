import Foundation
import XCTest
@testable import SMRTensor

/// Every op result that carries a gradient prints PyTorch's backward-node name
/// (`grad_fn=<MulBackward0>`); the expected names were recorded from torch by
/// `scripts/make_grad_fn_fixtures.py`, case for case.
final class GradFnNameTests: XCTestCase {
    struct Fixture: Decodable { let torch: String; let names: [String: String] }

    func testOpResultsCarryPyTorchGradFnNames() throws {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "grad_fn_names", withExtension: "json", subdirectory: "Fixtures"))
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        var g = RandomGenerator(seed: 3)
        let x = try Tensor.normal([3, 4], generator: &g, requiresGrad: true)
        let w = try Tensor.normal([4, 4], generator: &g, requiresGrad: true)
        let b = try Tensor.normal([4], generator: &g, requiresGrad: true)
        let v = try Tensor.normal([4], generator: &g, requiresGrad: true)
        let x3 = try Tensor.normal([2, 3, 4], generator: &g, requiresGrad: true)
        let positive = try Tensor([0.5, 0, 1, 0, 0.2, 0, 0, 1, 0, 0, 1, 0], shape: [3, 4])
        let cases: [String: () throws -> Tensor] = [
            "add": { try x + x }, "add_scalar": { x + 1 }, "scalar_add": { 1 + x }, "sub": { try x - x },
            "sub_scalar": { x - 1 }, "scalar_sub": { 1 - x }, "mul": { try x * x }, "mul_scalar": { x * 2 },
            "scalar_mul": { 2 * x }, "div": { try x / x }, "div_scalar": { x / 2 }, "neg": { -x },
            "pow_scalar": { x.pow(3) }, "square": { x.pow(2) }, "pow_tensor": { try Tensor.pow(x, x) },
            "exp": { x.exp() }, "log": { x.exp().log() }, "sqrt": { x.exp().sqrt() }, "tanh": { x.tanh() },
            "sigmoid": { x.sigmoid() }, "relu": { x.relu() }, "abs": { x.abs() },
            "clamp": { try x.clamp(min: 0, max: 1) }, "sum": { x.sum() }, "sum_dim": { try x.sum(axes: [1]) },
            "mean": { try x.mean() }, "mean_dim": { try x.mean(axes: [0]) }, "var": { try x.variance(axes: [0]) },
            "std": { try x.std(axes: [0]) }, "max": { try x.max() }, "min": { try x.min() },
            "max_dim": { try x.max(axis: 1).values }, "min_dim": { try x.min(axis: 1).values },
            "mm": { try x.matmul(w) }, "mv": { try x.matmul(v) }, "vm": { try v.matmul(w) }, "dot": { try v.matmul(v) },
            "bmm": { try x3.matmul(x3.transpose(1, 2)) }, "matmul_3d_2d": { try x3.matmul(w) },
            "linear": { try Tensor.linear(x, weight: w, bias: b) }, "linear_no_bias": { try Tensor.linear(x, weight: w, bias: nil) },
            "linear_3d": { try Tensor.linear(x3, weight: w, bias: b) }, "softmax": { try x.softmax(axis: -1) },
            "log_softmax": { try x.logSoftmax(axis: -1) }, "logsumexp": { try x.logSumExp(axis: 1) },
            "reshape": { try x.reshape([4, 3]) }, "flatten": { try x3.flatten() }, "t": { try x.t() },
            "transpose": { try x3.transpose(0, 1) }, "permute": { try x3.permute([2, 0, 1]) },
            "unsqueeze": { try x.unsqueeze(0) }, "squeeze": { try x.unsqueeze(0).squeeze() },
            "squeeze_dim": { try x.unsqueeze(0).squeeze(0) }, "cat": { try Tensor.concat([x, x]) },
            "stack": { try Tensor.stack([x, x]) }, "select": { try x.select(axis: 0, index: 0) },
            "slice": { try x.slice(axis: 0, start: 1) }, "index_select": { try x.indexSelect(axis: 0, indices: [0, 2]) },
            "embedding": { try w.embedding([0, 1]) }, "expand": { try v.broadcast(to: [3, 4]) },
            "masked_fill": { try x.maskedFill(positive, value: 0) }, "where": { try Tensor.where(positive, x, x * 2) },
            "layer_norm": { try x.layerNorm(normalizedShape: [4], weight: w.select(axis: 0, index: 0), bias: b) },
            "dropout": { try x.dropout(p: 0.5, training: true, generator: &g) },
            "mse_loss": { try x.mseLoss(x.detach()) }, "cross_entropy": { try x.crossEntropy(targets: [0, 1, 2]) },
        ]
        XCTAssertEqual(Set(cases.keys), Set(fixture.names.keys), "the Swift cases mirror the fixture's")
        for (name, expected) in fixture.names.sorted(by: { $0.key < $1.key }) {
            guard let make = cases[name] else { continue }
            let result = try make()
            XCTAssertEqual(result.gradFnName, expected, name)
            XCTAssertTrue(result.description.hasSuffix("grad_fn=<\(expected)>)"), "\(name): \(result.description)")
        }
        XCTAssertNil(x.gradFnName, "leaves have no grad_fn")
        XCTAssertNil(try GradMode.noGrad { try x * x }.gradFnName, "untracked results have none")
    }

    /// An op that returns its input unchanged must not rename the input's node.
    func testNoOpShapeChangesKeepTheInputsName() throws {
        let x = Tensor([1, 2, 3], requiresGrad: true)
        let y = x * 2
        let same = try y.squeeze(0)  // axis 0 has size 3: PyTorch returns an alias, we return y
        XCTAssertEqual(same.gradFnName, "MulBackward0")
        XCTAssertEqual(y.gradFnName, "MulBackward0")
    }

    /// The name survives backward, as PyTorch keeps grad_fn after the graph is freed.
    func testNameSurvivesBackward() throws {
        let x = Tensor([1, 2], requiresGrad: true)
        let y = try (x * x).sum()
        try y.backward()
        XCTAssertEqual(y.description, "tensor(5., grad_fn=<SumBackward0>)")
    }
}
