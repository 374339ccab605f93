// Replaced by the gemm work item.
func runMatmulBench(_ args: [String]) { print("matmul bench: not built yet") }
