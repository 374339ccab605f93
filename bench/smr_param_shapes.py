"""Parameter shapes of the SMR policy in the reference notebook (MemoryTaskEnv obs_dim=3,
mem_dim 32): policy + memory modules + usefulness_vec passed a second time, as the
reference optimizer receives them. 35 tensors, 283779 values (reference-figures.md 4(d))."""
SMR_PARAM_SHAPES = [(32, 3), (32,), (256, 32), (96, 32), (96,), (32, 32), (32,), (2048, 32), (2048,), (32, 2048), (32,), (32,), (32,), (32,), (32,), (2, 64), (2,), (1, 64), (1,), (32, 5), (32,), (96, 32), (96,), (32, 32), (32,), (2048, 32), (2048,), (32, 2048), (32,), (32,), (32,), (32,), (32,), (32,), (32,)]
