// The Adam step of `smr-bench neural`: one step over parameters shaped like the SMR
// policy's (283,779 values in 35 tensors), filled in once the optimizer lands.
import SMRNeural
import SMRTensor

func optimizerBenchRows() throws -> [(String, Double, Double?)] { [] }
