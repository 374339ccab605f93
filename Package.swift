// swift-tools-version:6.0
// smr — a Swift tool for learning and exploring memory-augmented reinforcement learning.
//
// Modules are layered; each depends only on the ones above it:
//   CKernels (C SIMD kernels) → SMRTensor (tensor + autodiff + random streams)
//   → SMRNeural (layers, optimizers) → SMREnvironments → SMRAgents
//   → SMRLanguage (interpreter) → SMRNotebook (cells, REPL, export) → smr (executable)
import PackageDescription

/// The tensor engine, the layers, the agents, the interpreter and the bindings run millions of
/// tiny ops whose class-property accesses would each pay a dynamic exclusivity check
/// (swift_beginAccess was 5% of a user-written LSTM training); the static checks still run.
let hotPathSettings: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"])]

let package = Package(
    name: "smr",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "smr", targets: ["smr"]),
        .library(name: "SMRTensor", targets: ["SMRTensor"]),
        .library(name: "SMRNeural", targets: ["SMRNeural"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // C kernels with runtime CPU dispatch (AVX-512 / AVX2+FMA / portable),
        // so one binary is fast here and still runs on older x86-64 CPUs.
        .target(
            name: "CKernels",
            path: "Sources/CKernels",
            cSettings: [.unsafeFlags(["-O3", "-fno-math-errno"])]
        ),
        .systemLibrary(name: "CReadline", path: "Sources/CReadline"),
        .target(
            name: "SMRTensor",
            dependencies: ["CKernels"],
            path: "Sources/SMRTensor",
            swiftSettings: hotPathSettings
        ),
        .target(
            name: "SMRNeural",
            dependencies: ["SMRTensor", "CKernels"],
            path: "Sources/SMRNeural",
            swiftSettings: hotPathSettings
        ),
        .target(
            name: "SMREnvironments",
            dependencies: ["SMRTensor"],
            path: "Sources/SMREnvironments"
        ),
        // The interpreter's hot paths mutate class stored properties (frames, inline caches,
        // list storage) from closures; the runtime exclusivity checks on those accesses cost
        // 6-14% of a program's time.
        .target(
            name: "SMRLanguage",
            dependencies: [],
            path: "Sources/SMRLanguage",
            swiftSettings: hotPathSettings
        ),
        .target(
            name: "SMRAgents",
            dependencies: ["SMREnvironments", "SMRNeural", "SMRTensor", "CKernels"],
            path: "Sources/SMRAgents",
            swiftSettings: hotPathSettings
        ),
        .target(
            name: "SMRLibrary",
            dependencies: ["SMRLanguage", "SMRAgents", "SMREnvironments", "SMRNeural", "SMRTensor"],
            path: "Sources/SMRLibrary",
            swiftSettings: hotPathSettings
        ),
        .target(
            name: "SMRNotebook",
            dependencies: ["SMRLanguage", "SMRAgents", "SMRNeural", "CReadline"],
            path: "Sources/SMRNotebook"
        ),
        .executableTarget(
            name: "smr",
            dependencies: [
                "SMRNotebook",
                "SMRLibrary",
                "CReadline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/smr"
        ),
        // The libFuzzer target over notebooks (scripts/fuzz.sh); a normal build replays inputs.
        .executableTarget(
            name: "smr-fuzz",
            dependencies: ["SMRNotebook", "SMRLibrary"],
            path: "Sources/smr-fuzz"
        ),
        .executableTarget(
            name: "smr-bench",
            dependencies: ["SMRTensor", "SMRNeural", "SMREnvironments", "SMRAgents", "CKernels"],
            path: "bench/Sources/smr-bench"
        ),
        .testTarget(
            name: "SMRTensorTests",
            dependencies: ["SMRTensor"],
            path: "Tests/SMRTensorTests",
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "SMRNeuralTests",
            dependencies: ["SMRNeural"],
            path: "Tests/SMRNeuralTests",
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "SMREnvironmentsTests",
            dependencies: ["SMREnvironments"],
            path: "Tests/SMREnvironmentsTests",
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "SMRAgentsTests",
            dependencies: ["SMRAgents"],
            path: "Tests/SMRAgentsTests",
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "SMRLibraryTests",
            dependencies: ["SMRLibrary"],
            path: "Tests/SMRLibraryTests",
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "SMRNotebookTests",
            dependencies: ["SMRNotebook", "SMRAgents"],
            path: "Tests/SMRNotebookTests",
            exclude: ["FuzzRegressions"],  // replayed through smr-fuzz by FuzzRegressionTests
            resources: [.copy("Golden")]
        ),
        .testTarget(
            name: "SMRLanguageTests",
            dependencies: ["SMRLanguage"],
            path: "Tests/SMRLanguageTests",
            resources: [.copy("Golden")]  // programs with CPython's output (scripts/make_language_goldens.py)
        ),
    ],
    swiftLanguageModes: [.v5]
)
