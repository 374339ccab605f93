import SMREnvironments
import SMRLanguage
import SMRTensor

/// What `gym.Env` keeps for each instance of a user subclass: the generator behind
/// `self.np_random` (gymnasium's `_np_random`, `_np_random_seed`) and the runtime that
/// runs the instance's methods when the library calls them.
final class UserEnvState {
    var generator: NumpyGeneratorObject?
    var seed: Int?
    weak var runtime: Runtime?
    init(runtime: Runtime) { self.runtime = runtime }
}

/// How a user class deriving from `gym.Env` behaves, as gymnasium's `Env` base class:
/// `super().reset(seed=seed)` re-seeds `self.np_random`; `step` must be overridden;
/// `render`/`close` do nothing; `unwrapped` is the instance; `spec` and `render_mode` are None.
final class EnvHooks: SubclassHooks {
    func makeState(_ instance: InstanceObject, _ rt: Runtime) throws -> AnyObject? { UserEnvState(runtime: rt) }

    static func state(_ i: InstanceObject) -> UserEnvState? { i.nativeState as? UserEnvState }

    func repr(_ instance: InstanceObject, _ rt: Runtime) -> String? { "<\(instance.className) instance>" }

    func getAttribute(_ instance: InstanceObject, _ name: String, _ rt: Runtime) throws -> Value? {
        guard let st = EnvHooks.state(instance) else { return nil }
        func method(_ sig: String, _ body: @escaping ([Value], [(String, Value)]) throws -> Value) -> Value {
            .builtin(BuiltinFunction.variadic(name, signature: sig, body))
        }
        switch name {
        case "__init__": return method("Env.__init__()") { _, _ in .none }
        case "reset":
            return method("Env.reset(*, seed=None, options=None)") { a, kw in
                guard a.isEmpty else { throw PyError(.typeError, "Env.reset() takes only keyword arguments (seed=, options=)") }
                for (k, v) in kw {
                    switch k {
                    case "seed":
                        if v.isNone { continue }
                        guard case .int(let s) = v else { throw PyError(.typeError, "Env.reset(): seed must be an int or None, not \(v.typeName)") }
                        guard s >= 0 else { throw PyError(.valueError, "Seed must be a non-negative integer, got \(s)") }
                        st.generator = NumpyGeneratorObject(NumPyGenerator(seed: UInt64(s)))
                        st.seed = s
                    case "options": continue
                    default: throw PyError(.typeError, "Env.reset() got an unexpected keyword argument '\(k)'")
                    }
                }
                return .none
            }
        case "step":
            return method("Env.step(action)") { _, _ in
                throw PyError(.notImplementedError, "\(instance.className).step(action) is not defined: a gym.Env subclass must define step")
            }
        case "render", "close": return method("Env.\(name)()") { _, _ in .none }
        case "np_random":
            if st.generator == nil {
                st.generator = NumpyGeneratorObject(NumPyGenerator.fromSystemEntropy())
                st.seed = -1
            }
            return .object(st.generator!)
        case "np_random_seed":
            if st.generator == nil {
                st.generator = NumpyGeneratorObject(NumPyGenerator.fromSystemEntropy())
                st.seed = -1
            }
            return .int(st.seed ?? -1)
        case "unwrapped": return .object(instance)
        case "spec", "render_mode": return Value.none
        case "metadata": return .dict([("render_modes", .list(ListObject([])))])
        case "__enter__": return method("Env.__enter__()") { _, _ in .object(instance) }
        case "__exit__": return method("Env.__exit__(*args)") { _, _ in .bool(false) }
        default: return nil
        }
    }
}

/// A user `gym.Env` instance seen by the library (wrappers, `PPO`, `RecurrentPPO`,
/// `StrategicMemoryAgent`, the training functions): each `reset`/`step` calls back into the
/// instance's methods and checks what they return, naming the class and the mistake.
/// Observations become float32 values, as Box spaces hold them.
final class UserEnvironment: Environment {
    let instance: InstanceObject
    let runtime: Runtime
    let observationSpace: any Space
    let actionSpace: any Space

    var name: String { instance.className }

    init(_ instance: InstanceObject, runtime: Runtime) throws {
        self.instance = instance
        self.runtime = runtime
        observationSpace = try UserEnvironment.space(instance, "observation_space")
        actionSpace = try UserEnvironment.space(instance, "action_space")
    }

    /// The adapter for a user `gym.Env` instance, nil for any other value.
    static func adapter(_ v: Value) throws -> UserEnvironment? {
        guard case .object(let inst as InstanceObject) = v, inst.nativeBase === EnvBindings.envType,
              let st = EnvHooks.state(inst) else { return nil }
        guard let rt = st.runtime else { throw PyError(.runtimeError, "\(inst.className): the session that defined this environment has ended") }
        return try UserEnvironment(inst, runtime: rt)
    }

    static func space(_ inst: InstanceObject, _ attr: String) throws -> any Space {
        let v: Value
        do { v = try inst.attribute(attr) } catch let e as PyError where e.kind == .attributeError {
            throw PyError(.attributeError, "\(inst.className) has no \(attr): set self.\(attr) = gym.spaces.Box(...) or gym.spaces.Discrete(...) in __init__")
        }
        guard case .object(let s as SpaceInstance) = v else {
            throw PyError(.typeError, "\(inst.className).\(attr) must be a gymnasium space (gym.spaces.Box, Discrete or MultiDiscrete), not \(v.typeName)")
        }
        return s.space
    }

    func reset(seed: Int?, options: ResetOptions?) throws -> (observation: Observation, info: Info) {
        let opts: Value = options.map { o in .dict(o.keys.sorted().map { ($0, .float(o[$0] ?? 0)) }) } ?? .none
        let r = try instance.callMethod("reset", [], [("seed", seed.map { .int($0) } ?? .none), ("options", opts)], runtime: runtime)
        let items = try tuple(r, "reset", count: 2, layout: "(observation, info)")
        return (try observation(items[0], "reset"), try info(items[1], "reset"))
    }

    func step(_ action: Action) throws -> StepResult {
        let a: Value
        switch action {
        case .discrete(let i): a = .int(i)
        case .continuous(let xs):
            let shape = actionSpace.shape.reduce(1, *) == xs.count ? actionSpace.shape : [xs.count]
            a = .object(Float32Array(data: xs, shape: shape))
        }
        let r = try instance.callMethod("step", [a], [], runtime: runtime)
        let items = try tuple(r, "step", count: 5, layout: "(observation, reward, terminated, truncated, info)")
        return (try observation(items[0], "step"), try reward(items[1]), try flag(items[2], "terminated"),
                try flag(items[3], "truncated"), try info(items[4], "step"))
    }

    // MARK: checking what the user's methods return

    func tuple(_ v: Value, _ method: String, count: Int, layout: String) throws -> [Value] {
        let items: [Value]
        switch v {
        case .tuple(let t): items = t.items
        case .list(let l): items = l.items
        default: throw PyError(.typeError, "\(name).\(method)() must return a tuple \(layout), not \(v.typeName)")
        }
        guard items.count == count else {
            let old = method == "step" && items.count == 4 ? " (the old gym API's (obs, reward, done, info) is not accepted: split done into terminated and truncated)" : ""
            throw PyError(.valueError, "\(name).\(method)() must return a tuple \(layout) of \(count) items, got \(items.count)\(old)")
        }
        return items
    }

    func observation(_ v: Value, _ method: String) throws -> Observation {
        let (values, shape): ([Double], [Int])
        do { (values, shape) = try ValueConversion.numbers(v, what: "observation") } catch {
            throw PyError(.typeError, "\(name).\(method)() returned an observation of type \(v.typeName); expected an array of numbers")
        }
        let expected = observationSpace.shape
        if !(observationSpace is Discrete), shape != expected {
            throw PyError(.valueError, "\(name).\(method)() returned an observation of shape \(UserEnvironment.shapeText(shape)), but observation_space has shape \(UserEnvironment.shapeText(expected))")
        }
        return try Observation(values: values.map(Float.init), shape: shape.isEmpty ? [1] : shape)
    }

    func reward(_ v: Value) throws -> Double {
        if let (values, _) = try? ValueConversion.numbers(v, what: "reward"), values.count == 1, !(v.isBoolValue) { return values[0] }
        throw PyError(.typeError, "\(name).step() returned a reward of type \(v.typeName) (\(Repr.repr(v))); expected a number")
    }

    func flag(_ v: Value, _ what: String) throws -> Bool {
        switch v {
        case .bool(let b): return b
        case .int(let i) where i == 0 || i == 1: return i == 1
        case .object(let s as NumpyScalar) where s.dtype == .bool: return s.isTruthy  // np.bool_, as gymnasium accepts
        default: throw PyError(.typeError, "\(name).step() returned \(what) of type \(v.typeName) (\(Repr.repr(v))); expected a bool")
        }
    }

    func info(_ v: Value, _ method: String) throws -> Info {
        guard case .dict(let d) = v else { throw PyError(.typeError, "\(name).\(method)() must return an info dict, not \(v.typeName)") }
        var out: Info = [:]
        for (k, x) in zip(d.keys, d.values) {
            guard case .str(let key) = k else { throw PyError(.typeError, "\(name).\(method)(): info keys must be strings, not \(k.typeName)") }
            out[key] = try infoValue(x, "info['\(key)']", method)
        }
        return out
    }

    func infoValue(_ x: Value, _ path: String, _ method: String) throws -> InfoValue {
        switch x {
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .float(let f): return .double(f)
        case .object(let s as NumpyScalar): return try infoValue(s.value, path, method)
        case .str(let s): return .string(s)
        case .dict(let d):
            var fields: [String: InfoValue] = [:]
            for (k, y) in zip(d.keys, d.values) {
                guard case .str(let key) = k else { throw PyError(.typeError, "\(name).\(method)(): \(path) keys must be strings") }
                fields[key] = try infoValue(y, "\(path)['\(key)']", method)
            }
            return .dictionary(fields)
        default:
            if let (values, shape) = try? ValueConversion.numbers(x, what: path) {
                if shape.isEmpty, let d = values.first { return .double(d) }
                return .observation(try Observation(values: values.map(Float.init), shape: shape))
            }
            throw PyError(.typeError, "\(name).\(method)(): \(path) holds a \(x.typeName), which the library's wrappers and agents cannot carry; use numbers, strings, bools, arrays or dicts of them")
        }
    }

    static func shapeText(_ s: [Int]) -> String {
        s.count == 1 ? "(\(s[0]),)" : "(" + s.map(String.init).joined(separator: ", ") + ")"
    }
}

extension Value {
    var isBoolValue: Bool { if case .bool = self { return true }; return false }
}
