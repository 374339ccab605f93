/// Whether new operations are recorded for backward (PyTorch `torch.is_grad_enabled()`).
public enum GradMode {
    /// True unless inside `noGrad`. Single global flag: the library runs one training
    /// thread at a time.
    nonisolated(unsafe) public private(set) static var isEnabled = true

    /// Runs `body` without recording operations (PyTorch `with torch.no_grad():`),
    /// restoring the previous mode afterwards, even when `body` throws.
    public static func noGrad<R>(_ body: () throws -> R) rethrows -> R {
        let previous = isEnabled
        isEnabled = false
        defer { isEnabled = previous }
        return try body()
    }

    /// Switches recording on or off and returns the previous mode, for scopes that are
    /// not a Swift closure (the language's `with torch.no_grad():`); pair with `restore`.
    public static func set(enabled: Bool) -> Bool {
        let previous = isEnabled
        isEnabled = enabled
        return previous
    }

    /// Puts back a mode returned by `set(enabled:)`.
    public static func restore(_ previous: Bool) {
        isEnabled = previous
    }

    /// Runs `body` with recording switched on or off explicitly.
    public static func with<R>(enabled: Bool, _ body: () throws -> R) rethrows -> R {
        let previous = isEnabled
        isEnabled = enabled
        defer { isEnabled = previous }
        return try body()
    }

    /// PyTorch's `torch.autograd.set_detect_anomaly(True)`: `backward()` checks the
    /// gradients each op's backward produced and stops at the first NaN or infinity, naming
    /// the op (`Function 'LogBackward0' returned nan values in its 0th output.`) and, when
    /// `forwardSite` is set, where the op was called in the forward pass. Off by default:
    /// it costs one pass over every intermediate gradient, and a `forwardSite` call per op.
    nonisolated(unsafe) public static var detectAnomaly = false

    /// Where the op being recorded was called from in the user's code, asked for each op
    /// recorded while `detectAnomaly` is on (never otherwise). The object's description is
    /// the forward traceback a NaN gradient error shows (PyTorch: "Traceback of forward call
    /// that caused the error"). The language sets it to its current source line; nil (the
    /// default) records nothing.
    ///
    /// ```swift
    /// GradMode.forwardSite = { currentLineObject }   // described as `File "f.smr", line 4, in <module>`
    /// ```
    nonisolated(unsafe) public static var forwardSite: (() -> AnyObject?)?
}
