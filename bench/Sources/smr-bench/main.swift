// smr-bench: micro-benchmarks of the tensor kernels (filled in by the gemm work).
import SMRTensor
print("smr-bench")
