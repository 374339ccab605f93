// The Adam step of `smr-bench neural`: one step (lr 1e-3, PyTorch defaults) over tensors
// shaped like the SMR policy's parameters as the reference notebook's optimizer receives
// them (283,779 values in 35 tensors; bench/smr_param_shapes.py lists the same shapes).
import SMRNeural
import SMRTensor

let smrParameterShapes: [[Int]] = [
    [32, 3], [32], [256, 32], [96, 32], [96], [32, 32], [32], [2048, 32], [2048], [32, 2048], [32], [32], [32], [32], [32],
    [2, 64], [2], [1, 64], [1], [32, 5], [32], [96, 32], [96], [32, 32], [32], [2048, 32], [2048], [32, 2048], [32],
    [32], [32], [32], [32], [32], [32],
]

func optimizerBenchRows(wanted: (String) -> Bool) throws -> [(String, Double, Double?)] {
    let name = "Adam step, SMR policy parameters (283,779 in 35 tensors)"
    guard wanted(name) else { return [] }
    var g = RandomGenerator(seed: 1)
    let params = try smrParameterShapes.map { try Tensor.normal($0, generator: &g, requiresGrad: true) }
    for p in params { try (p * 0.01).sum().backward() }  // every parameter gets a gradient
    let adam = try Adam(params, lr: 1e-3)
    let us = try medianMicroseconds { try adam.step() }
    return [(name, us, nil)]
}
