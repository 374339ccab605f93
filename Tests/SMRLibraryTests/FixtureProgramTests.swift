import XCTest

/// Programs whose output must equal CPython's (gymnasium, numpy, torch), from
/// `scripts/make_library_fixtures.py`.
final class FixtureProgramTests: XCTestCase {
    /// Issue 5's bar: Pendulum-v1 from a notebook reproduces gymnasium's trajectory.
    func testPendulumTrajectoryMatchesGymnasium() throws { try LibraryTestSupport.checkProgram("pendulum") }

    func testSpacesAndArraysMatchGymnasiumAndNumpy() throws { try LibraryTestSupport.checkProgram("spaces") }

    func testTensorPrintingMatchesTorch() throws { try LibraryTestSupport.checkProgram("torch_tensors") }

    func testLinearAdamStepMatchesTorch() throws { try LibraryTestSupport.checkProgram("linear_adam") }

    /// torch.f(input, …) as input.f(…); prod, flip, sort, chunk, split, isnan/isinf, clip,
    /// mm/bmm/dot/outer, eye, arange dtypes; grad_fn names, gradients and error messages.
    func testTorchFunctionFormsMatchTorch() throws { try LibraryTestSupport.checkProgram("torch_function_forms") }

    /// F.gelu/leaky_relu/elu/softplus/…, the losses (mse, l1, smooth_l1, huber, bce, bce with
    /// logits, cross_entropy, nll), one_hot/normalize/cosine_similarity/linear, and their layers.
    func testFunctionalActivationsAndLossesMatchTorch() throws { try LibraryTestSupport.checkProgram("nn_functional") }

    /// add_/mul_/clamp_/… (through .data they change the parameter; on a tensor with history
    /// they are recorded), torch.empty/as_tensor/from_numpy/FloatTensor, new_*, type(),
    /// @torch.no_grad() as a decorator, torch.inference_mode, and PyTorch's in-place errors.
    func testInPlaceOpsAndConstructorsMatchTorch() throws { try LibraryTestSupport.checkProgram("tensor_in_place") }

    /// x[mask], x[idx], x[:, [0, 2], [1, 3]], x[:, None], every x[...] = v (recorded on tensors
    /// with history, CopySlices), bool tensors from bool lists, indexing errors.
    func testAdvancedIndexingAndAssignmentMatchTorch() throws { try LibraryTestSupport.checkProgram("tensor_advanced_indexing") }

    /// x[:, -1]-style subscripts on tensors and arrays, and `with torch.no_grad():`.
    func testMultiAxisIndexingAndNoGradMatchTorch() throws { try LibraryTestSupport.checkProgram("indexing") }

    /// Issue 13: torch's random API (generators, state, fills, distributions) and seed(n).
    func testTorchRandomStreamsMatchPyTorch() throws { try LibraryTestSupport.checkProgram("torch_random") }

    /// random.choices (uniform, weights, cum_weights, CPython's errors) and the warnings filters:
    /// "ignore" silences warn, "error" raises the category, catch_warnings restores the filters.
    func testWarningsFiltersAndRandomChoicesMatchCPython() throws { try LibraryTestSupport.checkProgram("warnings_and_choices") }
    func testRandomWithBigIntBoundsMatchesCPython() throws { try LibraryTestSupport.checkProgram("random_big_ints") }

    /// `...` and None (np.newaxis) in array and tensor indices, with gradients through `x[..., i]`.
    func testEllipsisAndNewAxisIndexingMatchNumpyAndTorch() throws { try LibraryTestSupport.checkProgram("ellipsis_new_axis_indexing") }

    /// Issue 13: Python's random module and np.random (legacy and default_rng).
    func testPythonAndNumpyRandomMatchCPython() throws { try LibraryTestSupport.checkProgram("python_numpy_random") }

    /// Issue 13: Generator.standard_normal / normal (NumPy's ziggurat) and choice (uniform,
    /// weighted, without replacement by Floyd's algorithm and by tail shuffle) on both APIs.
    func testNumpyGeneratorNormalAndChoiceMatchNumpy() throws { try LibraryTestSupport.checkProgram("numpy_generator_choice_normal") }

    /// Issue 13: layers start from PyTorch's weights; parameters print as `Parameter containing:`.
    func testLayerInitialisationAndParameterDisplayMatchPyTorch() throws { try LibraryTestSupport.checkProgram("layer_init") }

    /// Issue 13: dropout in F.dropout, nn.Dropout, LSTM and TransformerEncoderLayer draws PyTorch's masks.
    func testDropoutMasksMatchPyTorch() throws { try LibraryTestSupport.checkProgram("dropout_layers") }

    /// Issue 14: open() in text and binary modes, newline handling, seek/tell, CPython's OSErrors.
    func testOpenReadsAndWritesFilesAsCPython() throws { try LibraryTestSupport.checkProgram("files_open") }

    /// Issue 14: json.dumps/loads formatting (indent, separators, sort_keys, floats, escapes) and JSONDecodeError messages.
    func testJSONMatchesCPython() throws { try LibraryTestSupport.checkProgram("json_module") }

    /// Issue 14: csv reader/writer/DictReader/DictWriter with the excel dialect and options.
    func testCSVMatchesCPython() throws { try LibraryTestSupport.checkProgram("csv_module") }

    /// Issue 14: Counter, defaultdict, OrderedDict, deque, namedtuple and itertools.
    func testCollectionsAndItertoolsMatchCPython() throws { try LibraryTestSupport.checkProgram("collections_itertools") }

    /// Issue 14: copy/deepcopy (containers, user instances, tensors) and the time module.
    func testCopyAndTimeMatchCPython() throws { try LibraryTestSupport.checkProgram("copy_time") }

    /// Issue 11: copy.deepcopy of library layers, Sequential, ModuleList and user nn.Module
    /// subclasses gives independent twins with equal parameters that train on their own.
    func testDeepcopyOfModulesMatchesTorch() throws { try LibraryTestSupport.checkProgram("deepcopy_modules") }
    func testDeepcopyOfOptimizersMatchesTorch() throws { try LibraryTestSupport.checkProgram("deepcopy_optimizers") }

    /// Issue 11: elements of bool arrays, np.bool_() and np.any/np.all are numpy bools
    /// (`np.True_`), with numpy's logic (`+` is or) and its errors for `-`.
    func testNumpyBoolScalarsMatchNumpy() throws { try LibraryTestSupport.checkProgram("numpy_bool_scalars") }

    /// Tensor comparisons give bool tensors (printed as PyTorch), with ~ & | ^, any/all,
    /// torch.where and masked_fill (gradients to the kept elements), max/min/argmax/argmin
    /// over the tensor or along dim, allclose/isclose.
    func testTensorLogicMatchesTorch() throws { try LibraryTestSupport.checkProgram("tensor_logic") }

    /// Tensor var (unbiased/correction), norm (p, dim, its gradient), sign; torch.full
    /// (int64 for an int fill) and torch.linspace (ATen's two-sided stepping).
    func testTensorStatisticsMatchTorch() throws { try LibraryTestSupport.checkProgram("tensor_statistics") }

    /// np.matmul, np.dot and `@` on arrays of up to two dimensions: numpy's shapes, dtypes and errors.
    func testNumpyMatmulMatchesNumpy() throws { try LibraryTestSupport.checkProgram("numpy_matmul") }

    /// optimizer.param_groups: the groups as dicts; a learning rate set there changes the next step().
    func testOptimizerParamGroupsMatchTorch() throws { try LibraryTestSupport.checkProgram("optimizer_param_groups") }

    /// torch.optim.lr_scheduler's StepLR, ExponentialLR, LambdaLR and CosineAnnealingLR: the
    /// same learning rates, bit for bit, and the same trained weights.
    func testLRSchedulersMatchTorch() throws { try LibraryTestSupport.checkProgram("lr_schedulers") }

    /// torch.save / torch.load of a checkpoint dict (a state dict, numbers, strings, tuples,
    /// int and bool tensors); a library model's state_dict / load_state_dict.
    func testTorchSaveLoadRoundTrips() throws { try LibraryTestSupport.checkProgram("torch_save_load") }

    /// optimizer.state_dict() in PyTorch's shape and load_state_dict(): a checkpointed Adam
    /// restored into a new optimizer takes the same next step.
    func testOptimizerStateDictMatchesTorch() throws { try LibraryTestSupport.checkProgram("optimizer_state_dict") }

    /// Issue 11: `if array:` raises numpy's ValueError unless the array has one element (in
    /// if/while/not/and/or/bool/any/all/filter and comparisons); np.float32/float64/int64/bool_
    /// as callable scalar types printed as classes; type() and isinstance of float32 scalars; np.isscalar.
    func testArrayTruthValueAndScalarTypesMatchNumpy() throws { try LibraryTestSupport.checkProgram("numpy_truth_and_scalar_types") }

    /// Issue 11: float64/int64 elements and reductions are numpy scalars (`np.float64(1.5)`,
    /// `<class 'numpy.int64'>`) that keep their type through arithmetic and act as numbers
    /// (indexing, formatting, hashing, json, math, torch), with numpy's promotion against arrays.
    func testFloat64AndInt64ScalarsMatchNumpy() throws { try LibraryTestSupport.checkProgram("numpy_float64_int64_scalars") }

    /// Issue 13: choice from a list of strings gives a `<U` string array on both random APIs,
    /// as does np.array of strings: printing, indexing, len, iteration, tolist, in, ==.
    func testStringArraysMatchNumpy() throws { try LibraryTestSupport.checkProgram("numpy_string_arrays") }

    /// Issue 11: n-d arrays of float64/float32/int64/bool — constructors with shapes and
    /// dtype=, indexing, promotion, comparisons, concatenate/stack/round/argmax, printing.
    func testNDArraysMatchNumpy() throws { try LibraryTestSupport.checkProgram("numpy_ndarrays") }

    /// Issue 11: misusing arrays raises numpy's error types and messages (MemoryError before allocating).
    func testNDArrayMisuseRaisesNumpysErrors() throws { try LibraryTestSupport.checkProgram("numpy_array_errors") }

    /// Issue 11: element-wise functions (sqrt, exp, sin…, clip with array bounds, maximum,
    /// where) keep shape and dtype; zeros_like, linspace, eye, any/all.
    func testElementwiseFunctionsMatchNumpy() throws { try LibraryTestSupport.checkProgram("numpy_ufuncs") }

    /// Issue 11: sum/mean/min/max along an axis in numpy's summation order (float32 stays
    /// float32), and arange(dtype=).
    func testAxisReductionsMatchNumpy() throws { try LibraryTestSupport.checkProgram("numpy_axis_reductions") }

    /// torch.optim.RMSprop (plain, centered, momentum, weight decay): the same weights and
    /// state_dict buffers as torch, a restored optimizer's next step, PyTorch's ValueErrors.
    func testRMSpropMatchesTorch() throws { try LibraryTestSupport.checkProgram("optimizer_rmsprop") }

    /// torch.distributions.Bernoulli from probs and logits: PyTorch's draws, log_prob,
    /// entropy and gradients, mean/variance/mode, the repr with the lazily read parameter, errors.
    func testBernoulliMatchesTorch() throws { try LibraryTestSupport.checkProgram("distributions_bernoulli") }

    /// nn.init.orthogonal_ from the same seed gives PyTorch's values (normal_ draw, QR, sign
    /// fix, wide and 3-D tensors); eye_, calculate_gain's int 1, the other initialisers.
    func testOrthogonalInitMatchesTorch() throws { try LibraryTestSupport.checkProgram("init_orthogonal") }

    /// nn.ModuleDict / ParameterList / ParameterDict: registration names in named_parameters
    /// and state_dict (also nested), indexing, iteration, items, reprs, errors.
    func testModuleContainersMatchTorch() throws { try LibraryTestSupport.checkProgram("module_containers") }

    /// torch.einsum's common forms with gradients, and F.pad (constant, reflect, replicate,
    /// circular), with PyTorch's errors.
    func testEinsumAndPadMatchTorch() throws { try LibraryTestSupport.checkProgram("einsum_pad") }

    /// nn.BatchNorm1d (batch and running statistics, momentum None, eval, gradients), nn.RNN
    /// (tanh/relu, batch_first, layers, h_0) and nn.Conv1d (PyTorch's initial weights, stride,
    /// padding incl. 'same', dilation, gradients), with PyTorch's errors.
    func testBatchNormRNNConv1dMatchTorch() throws { try LibraryTestSupport.checkProgram("batchnorm_rnn") }

    /// nn.Sequential as a container (indices, slices sharing the layers, len, iteration,
    /// PyTorch's errors) and parameter identity: `layer.weight` is what `parameters()` yields.
    func testSequentialIndexingAndParameterIdentityMatchTorch() throws { try LibraryTestSupport.checkProgram("sequential_indexing") }
}
