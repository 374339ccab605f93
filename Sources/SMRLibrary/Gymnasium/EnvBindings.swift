import SMRAgents
import SMREnvironments
import SMRLanguage

/// gymnasium environments in the language: `reset(seed=None, options=None)` → `(obs, info)`,
/// `step(action)` → `(obs, reward, terminated, truncated, info)`, spaces, `unwrapped`, `spec`.
enum EnvBindings {
    static let envType: NativeType = makeEnvType()

    /// Wrap an environment; `id` is its registered id (nil for directly constructed ones).
    static func wrap(_ env: any Environment, id: String?, checker: Bool = false, maxEpisodeSteps: Int? = nil) -> Value {
        .object(EnvInstance(env: env, id: id, checker: checker, maxEpisodeSteps: maxEpisodeSteps))
    }

    /// An environment argument of a wrapper: a library environment, or a user `gym.Env`
    /// instance seen through its adapter; nil for anything else.
    static func instance(_ v: Value) throws -> EnvInstance? {
        if case .object(let o as EnvInstance) = v { return o }
        if let user = try UserEnvironment.adapter(v) { return EnvInstance(env: user, id: nil, checker: false) }
        return nil
    }

    static func env(_ obj: NativeInstance) throws -> EnvInstance {
        guard let e = obj as? EnvInstance else { throw PyError(.typeError, "not an environment") }
        return e
    }

    /// An observation as the float32 numpy array gymnasium returns.
    static func observation(_ o: Observation) -> Value {
        .object(Float32Array(data: o.values, shape: o.shape))
    }

    /// An info dict.
    static func info(_ info: Info) -> Value {
        .dict(info.keys.sorted().compactMap { key in info[key].map { (key, infoValue($0)) } })
    }

    static func infoValue(_ v: InfoValue) -> Value {
        switch v {
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .float(d)
        case .string(let s): return .str(s)
        case .observation(let o): return observation(o)
        case .dictionary(let fields):
            // RecordEpisodeStatistics' r, l, t in gymnasium's order.
            let order = ["r", "l", "t"]
            let keys = order.filter { fields[$0] != nil } + fields.keys.filter { !order.contains($0) }.sorted()
            return .dict(keys.compactMap { k in fields[k].map { (k, infoValue($0)) } })
        }
    }

    /// The reward as gymnasium returns it: a float, except Pendulum given an action of
    /// shape (1, 1) (`env.step(action.numpy())` in the notebook): its `u = clip(u)[0]` keeps
    /// one dimension, so the reward is a float32 array of shape (1,), printed `[-890.9534]`.
    static func reward(_ r: Double, _ env: any Environment, action: Value) -> Value {
        guard env.unwrapped is Pendulum, let (_, shape) = try? ValueConversion.numbers(action, what: "action"), shape.count >= 2 else {
            return .float(r)
        }
        return .object(Float32Array(data: [Float(r)], shape: Array(shape.dropFirst())))
    }

    /// A language value as an action of `space`: ints for Discrete, numbers or arrays for Box.
    static func action(_ v: Value, for space: any Space) throws -> Action {
        if space is Discrete {
            if let i = v.asInt { return .discrete(i) }
            let (values, _) = try ValueConversion.numbers(v, what: "action")
            guard values.count == 1, let x = values.first, x.rounded() == x, abs(x) < 9e15 else {
                throw PyError(.valueError, "\(space): expected one integer action, got \(Repr.repr(v))")
            }
            return .discrete(Int(x))
        }
        let (values, _) = try ValueConversion.numbers(v, what: "action")
        return .continuous(values.map(Float.init))
    }

    static func makeEnvType() -> NativeType {
        let t = NativeType("Env", doc: """
            A gymnasium environment (from gym.make or a class such as MemoryTaskEnv).
                obs, info = env.reset(seed=0)
                obs, reward, terminated, truncated, info = env.step(env.action_space.sample())
            """)
        t.method("reset", doc: "Start an episode; returns (observation, info). A seed re-seeds the environment.",
                 params: [Param("seed", .int, default: .none, doc: "seed of the environment's generator"),
                          Param("options", .dict, default: .none, doc: "e.g. {'x_init': 1.0} for Pendulum")]) { obj, args in
            let e = try env(obj)
            var options: ResetOptions?
            if case .dict(let d) = args["options"] {
                var o = ResetOptions()
                for (k, v) in zip(d.keys, d.values) {
                    guard case .str(let key) = k, let x = v.asDouble else {
                        throw PyError(.typeError, "reset() options must map names to numbers")
                    }
                    o[key] = x
                }
                options = o
            }
            do {
                let seed = try args.optionalInt("seed")
                // As the library's training functions: a Pendulum nobody seeded draws its
                // seeds from the global stream, so `seed(n)` makes the notebook repeatable.
                if seed == nil { try EnvSeeding.ensureSeeded(e.env) }
                let (o, info) = try e.env.reset(seed: seed, options: options)
                return .tuple([observation(o), EnvBindings.info(info)])
            } catch { throw LibraryErrors.convert(error) }
        }
        t.method("step", doc: "Apply an action; returns (observation, reward, terminated, truncated, info).",
                 params: [Param("action", .any, doc: "an int (Discrete) or numbers/array (Box)")]) { obj, args in
            let e = try env(obj)
            do {
                let a = try action(args["action"], for: e.env.actionSpace)
                let r = try e.env.step(a)
                return .tuple([observation(r.observation), reward(r.reward, e.env, action: args["action"]), .bool(r.terminated), .bool(r.truncated), info(r.info)])
            } catch { throw LibraryErrors.convert(error) }
        }
        t.method("close", doc: "Release resources (nothing to do here).") { _, _ in .none }
        t.property("observation_space", doc: "The space observations belong to.") { obj in SpaceBindings.wrap(try env(obj).env.observationSpace) }
        t.property("action_space", doc: "The space actions must belong to.") { obj in SpaceBindings.wrap(try env(obj).env.actionSpace) }
        t.property("unwrapped", doc: "The environment under all wrappers.") { obj in
            let e = try env(obj)
            return wrap(e.env.unwrapped, id: e.id)
        }
        t.property("spec", doc: "The registration spec (has .id and .max_episode_steps).") { obj in
            let e = try env(obj)
            guard let id = e.id else { return .none }
            let spec = EnvRegistry.shared.spec(id)
            return .object(EnvSpecObject(id: id, spec: spec, maxEpisodeSteps: e.maxEpisodeSteps ?? spec?.maxEpisodeSteps))
        }
        t.property("np_random_seed", doc: "Not tracked; always None.") { _ in .none }
        t.subclassHooks = EnvHooks()
        return t
    }
}

/// An environment object: gymnasium's nested `<TimeLimit<OrderEnforcing<…>>>` repr.
final class EnvInstance: NativeInstance {
    let env: any Environment
    let id: String?
    /// Whether `make` built it (gymnasium then adds a PassiveEnvChecker).
    let checker: Bool

    /// `max_episode_steps` given to `make` (overrides the registered limit in `env.spec`).
    let maxEpisodeSteps: Int?

    init(env: any Environment, id: String?, checker: Bool, maxEpisodeSteps: Int? = nil) {
        self.maxEpisodeSteps = maxEpisodeSteps
        self.env = env
        self.id = id
        self.checker = checker
        super.init(type: EnvBindings.envType, payload: env)
    }

    override var typeName: String { EnvInstance.className(env) }

    static func className(_ env: any Environment) -> String {
        switch env {
        case is TimeLimit: return "TimeLimit"
        case is OrderEnforcing: return "OrderEnforcing"
        case is RecordEpisodeStatistics: return "RecordEpisodeStatistics"
        case is Pendulum: return "PendulumEnv"
        case is CartPole: return "CartPoleEnv"
        case let u as UserEnvironment: return u.name
        default: return String(describing: type(of: env))
        }
    }

    override var repr: String {
        var names: [String] = []
        var current: any Environment = env
        while let w = current as? any Wrapper {
            names.append(EnvInstance.className(w))
            if w is OrderEnforcing && checker && !(w.env is any Wrapper) { names.append("PassiveEnvChecker") }
            current = w.env
        }
        let inner = id.map { "<\(EnvInstance.className(current))<\($0)>>" } ?? "<\(EnvInstance.className(current)) instance>"
        return names.reversed().reduce(inner) { "<\($1)\($0)>" }
    }
}

/// `env.spec`: `id`, `max_episode_steps`, `reward_threshold`.
final class EnvSpecObject: NativeObject {
    let id: String
    let spec: EnvSpec?
    let maxEpisodeSteps: Int?
    init(id: String, spec: EnvSpec?, maxEpisodeSteps: Int?) {
        self.id = id
        self.spec = spec
        self.maxEpisodeSteps = maxEpisodeSteps
    }
    override var typeName: String { "EnvSpec" }
    override var repr: String { "EnvSpec(id='\(id)', max_episode_steps=\(maxEpisodeSteps.map(String.init) ?? "None"))" }
    override var attributeNames: [String] { ["id", "max_episode_steps", "reward_threshold"] }
    override func getAttribute(_ name: String) throws -> Value {
        switch name {
        case "id": return .str(id)
        case "max_episode_steps": return maxEpisodeSteps.map { .int($0) } ?? .none
        case "reward_threshold": return spec?.rewardThreshold.map { .float($0) } ?? .none
        default: return try super.getAttribute(name)
        }
    }
}
