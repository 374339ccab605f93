import SMRLanguage
import SMRTensor

/// `with torch.no_grad():` and `with torch.enable_grad():` — context managers that switch
/// gradient recording for the block and restore it on the way out, also when the block
/// raises; plus `torch.is_grad_enabled()`.
enum GradModeContext {
    /// The modes to restore, innermost last (one object may be entered more than once).
    final class Saved { var previous: [Bool] = [] }

    static func install(into torch: NativeModule) {
        for (name, enabled, doc) in [("no_grad", false, "Context manager: operations in the block are not recorded for backward."),
                                     ("enable_grad", true, "Context manager: operations in the block are recorded for backward.")] {
            let type = NativeType(name, doc: doc + "\n    with torch.\(name)():\n        ...")
            type.initializer(params: []) { _ in .object(GradModeObject(type: type, enabled: enabled)) }
            type.method("__enter__", doc: "Switch recording \(enabled ? "on" : "off").", params: []) { obj, _ in
                (obj.payload as? Saved)?.previous.append(GradMode.set(enabled: enabled))
                return .none
            }
            type.method("__exit__", doc: "Restore the previous mode; exceptions propagate.",
                        params: [Param("exc_type", .any, default: .none), Param("exc_value", .any, default: .none),
                                 Param("traceback", .any, default: .none)]) { obj, _ in
                if let saved = obj.payload as? Saved, let previous = saved.previous.popLast() { GradMode.restore(previous) }
                return .bool(false)
            }
            torch.add(type)
        }
        torch.function("is_grad_enabled", doc: "Whether operations are recorded for backward.", params: []) { _ in
            .bool(GradMode.isEnabled)
        }
    }
}

/// A `torch.no_grad()` / `torch.enable_grad()` object: a context manager, and a decorator
/// (`@torch.no_grad()` over a def runs the function with recording switched).
final class GradModeObject: NativeInstance {
    let enabled: Bool

    init(type: NativeType, enabled: Bool) {
        self.enabled = enabled
        super.init(type: type, payload: GradModeContext.Saved())
    }

    override func call(_ args: [Value], _ keywords: [(String, Value)], runtime: Runtime) throws -> Value {
        guard args.count == 1, keywords.isEmpty else {
            throw PyError(.typeError, "\(nativeType.name) object takes one function to decorate")
        }
        let f = args[0], enabled = self.enabled
        return .builtin(BuiltinFunction.variadic(Repr.str(f), signature: "(*args, **kwargs)", doc: "Runs with gradient recording \(enabled ? "on" : "off").") { rt, pos, kw in
            let previous = GradMode.set(enabled: enabled)
            defer { GradMode.restore(previous) }
            return try rt.call(f, pos, keywords: kw)
        })
    }
}
