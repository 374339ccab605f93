// Optimizer kernels (Adam/AdamW, SGD, gradient-norm reduction), vectorised with
// run-time dispatch like the GEMM (AVX-512 → AVX2+FMA → portable C). Every variant
// performs the same IEEE operations in the same order (true division and square root,
// fused multiply-add exactly where PyTorch's CPU kernels use one), so all instruction
// sets give bit-identical results and match torch.optim to about one ulp.
#ifndef SMR_CKERNELS_OPTIM_H
#define SMR_CKERNELS_OPTIM_H

#ifdef __cplusplus
extern "C" {
#endif

/// Per-call scalars of one Adam/AdamW update, already rounded to float the way PyTorch
/// rounds its Python-float scalars (the bias corrections are computed in double first).
typedef struct smr_adam_hyper {
    /// float(1 - beta1): the `exp_avg.lerp_(grad, 1 - beta1)` weight.
    float exp_avg_weight;
    /// float(beta2), for `exp_avg_sq.mul_(beta2)`.
    float beta2;
    /// float(1 - beta2), for `.addcmul_(grad, grad, value=1 - beta2)`.
    float one_minus_beta2;
    /// L2 penalty added to the gradient (Adam's weight_decay); 0 = none.
    float weight_decay;
    /// Decoupled decay factor float(1 - lr * weight_decay) (AdamW); 1 = none.
    float decay_factor;
    /// float(-(lr / bias_correction1)).
    float neg_step_size;
    /// float(sqrt(bias_correction2)).
    float bias_correction2_sqrt;
    /// float(eps).
    float eps;
    /// Non-zero: ascend (the gradient is negated first).
    int maximize;
} smr_adam_hyper;

/// One Adam step over `n` values, in place (PyTorch `_single_tensor_adam`):
///   g = maximize ? -grad : grad;  g = fma(param, weight_decay, g)   (if weight_decay != 0)
///   param *= decay_factor                                               (if != 1)
///   exp_avg = fma(w, g - exp_avg, exp_avg)          (lerp; w >= 0.5 uses PyTorch's other branch)
///   exp_avg_sq = exp_avg_sq * beta2 + (one_minus_beta2 * g) * g
///   max_exp_avg_sq = max(max_exp_avg_sq, exp_avg_sq)                    (amsgrad, if non-NULL)
///   denom = sqrt(exp_avg_sq or max) / bias_correction2_sqrt + eps
///   param = param + (neg_step_size * exp_avg) / denom
/// `max_exp_avg_sq` is NULL without amsgrad. Buffers must not overlap.
void smr_adam_update(long n, float *param, const float *grad, float *exp_avg,
                     float *exp_avg_sq, float *max_exp_avg_sq, const smr_adam_hyper *hyper);

/// smr_adam_update with an explicit instruction set ("avx512", "avx2", "portable"), for
/// tests. Returns 0 (and does nothing) if this CPU cannot run that set.
int smr_adam_update_using(const char *isa, long n, float *param, const float *grad,
                          float *exp_avg, float *exp_avg_sq, float *max_exp_avg_sq,
                          const smr_adam_hyper *hyper);

/// out[i] = x[i] / b for non-negative x and b > 0 with the vector division-free sequence the
/// Adam kernels use for the bias correction (IEEE-exact results), for tests. Returns 0 if
/// this CPU cannot run that instruction set.
int smr_div_by_constant_using(const char *isa, long n, const float *x, float b, float *out);

/// Per-call scalars of one SGD update, rounded to float as PyTorch does.
typedef struct smr_sgd_hyper {
    float lr;
    float momentum;
    /// float(1 - dampening).
    float one_minus_dampening;
    float weight_decay;
    int nesterov;
    int maximize;
} smr_sgd_hyper;

/// One SGD step over `n` values, in place (PyTorch `_single_tensor_sgd`):
///   g = maximize ? -grad : grad;  g = fma(param, weight_decay, g)   (if weight_decay != 0)
///   with momentum (buffer non-NULL): buffer = g when `init_buffer`, else
///     buffer = fma(g, one_minus_dampening, buffer * momentum);
///     g = nesterov ? fma(buffer, momentum, g) : buffer
///   param = fma(g, -lr, param)
void smr_sgd_update(long n, float *param, const float *grad, float *momentum_buffer,
                    int init_buffer, const smr_sgd_hyper *hyper);

/// Sum of x[i]² accumulated in double (for the 2-norm of gradients).
double smr_sum_squares(long n, const float *x);

/// Largest |x[i]| (NaN if any element is NaN), for the infinity norm.
float smr_max_abs(long n, const float *x);

/// 1 when every x[i] is finite, 0 when one is inf or NaN (one pass, no branches: the
/// numerical-fault check before an optimizer step).
int smr_all_finite(long n, const float *x);

/// x[i] *= c in place.
void smr_scale(long n, float *x, float c);

/// Instruction set the optimizer kernels use ("avx512", "avx2", "portable").
const char *smr_optim_isa(void);

#ifdef __cplusplus
}
#endif
#endif
