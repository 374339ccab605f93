// Optimizer kernels (Adam/AdamW, SGD, gradient-norm reduction), vectorised with
// run-time dispatch like the GEMM. Declarations are added by the optimizer work.
#ifndef SMR_CKERNELS_OPTIM_H
#define SMR_CKERNELS_OPTIM_H
#endif
