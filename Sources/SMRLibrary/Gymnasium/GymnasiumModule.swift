import SMREnvironments
import SMRLanguage

/// `import gymnasium as gym`: `gym.make`, `gym.spaces`, `gym.wrappers`.
enum GymnasiumModule {
    static func make(state: LibraryState) -> [NativeModule] {
        let spaces = NativeModule("gymnasium.spaces", doc: "Spaces: Box, Discrete, MultiDiscrete.")
        spaces.add(SpaceBindings.box)
        spaces.add(SpaceBindings.discrete)
        spaces.add(SpaceBindings.multiDiscrete)

        let wrappers = NativeModule("gymnasium.wrappers", doc: "Wrappers: RecordEpisodeStatistics, TimeLimit.")
        wrappers.add(recordEpisodeStatistics())
        wrappers.add(timeLimit())

        let gym = NativeModule("gymnasium", doc: """
            gymnasium's API on smr's environments.
                env = gym.make("Pendulum-v1")
                obs, info = env.reset(seed=0)
                obs, reward, terminated, truncated, info = env.step([0.5])
            Registered ids: \(EnvRegistry.shared.ids.joined(separator: ", ")).
            """)
        gym.add("make", .object(makeFunction(state: state)))
        gym.add("spaces", .object(spaces))
        gym.add("wrappers", .object(wrappers))
        gym.add("Env", .object(EnvBindings.envType))
        gym.add("__version__", .str("1.2.0"))
        gym.function("registry_ids", doc: "The registered environment ids.", params: []) { _ in
            .list(EnvRegistry.shared.ids.map { .str($0) })
        }
        return [gym, spaces, wrappers]
    }

    /// A language value as a `make` keyword argument.
    static func envArgument(_ v: Value, key: String) throws -> EnvArgument {
        switch v {
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .float(let d): return .double(d)
        case .str(let s): return .string(s)
        case .object(let o as Float32Scalar): return .double(Double(o.value))
        case .object(let o as NumpyScalar): return try envArgument(o.value, key: key)
        default: throw PyError(.typeError, "make(): keyword '\(key)' must be a number, bool or str, not '\(v.typeName)'")
        }
    }

    static func makeFunction(state: LibraryState) -> LibraryFunction {
        LibraryFunction("make", signature: "make(id, max_episode_steps=None, **kwargs)", doc: """
            Create a registered environment, wrapped as gymnasium wraps it (OrderEnforcing, TimeLimit).
            Keyword arguments go to the environment (e.g. g=9.81 for Pendulum-v1, delay=16 for MemoryTask-v0).
            Registered ids: \(EnvRegistry.shared.ids.joined(separator: ", ")).
            """) { args, keywords, _ in
            guard args.count == 1, case .str(let id) = args[0] else {
                throw PyError(.typeError, "make() takes one positional argument: the environment id (a str)")
            }
            var maxSteps: Int?
            var kwargs: [String: EnvArgument] = [:]
            for (k, v) in keywords {
                switch k {
                case "max_episode_steps":
                    if !v.isNone {
                        guard let n = v.asInt else { throw PyError(.typeError, "make(): max_episode_steps must be an int") }
                        maxSteps = n
                    }
                case "render_mode", "disable_env_checker":
                    continue
                default: kwargs[k] = try envArgument(v, key: k)
                }
            }
            guard let spec = EnvRegistry.shared.spec(id) else {
                throw PyError(.valueError, "No registered environment with id '\(id)'" + LibraryErrors.hint(id, EnvRegistry.shared.ids))
            }
            if id == "MemoryTask-v0" {
                // Share the notebook's legacy NumPy stream, as the reference shares np.random.
                let arguments = EnvArguments(id: id, kwargs)
                try arguments.requireOnly(["delay", "difficulty"])
                let env = try MemoryTaskEnv(delay: arguments.int("delay", default: 8),
                                            difficulty: arguments.int("difficulty", default: 0),
                                            randomState: state.legacyRandom)
                var wrapped: any Environment = OrderEnforcing(env)
                if let limit = maxSteps ?? spec.maxEpisodeSteps { wrapped = try TimeLimit(wrapped, maxEpisodeSteps: limit) }
                return EnvBindings.wrap(wrapped, id: id, checker: true, maxEpisodeSteps: maxSteps)
            }
            let env = try EnvRegistry.shared.make(id, maxEpisodeSteps: maxSteps, kwargs: kwargs)
            return EnvBindings.wrap(env, id: id, checker: true, maxEpisodeSteps: maxSteps)
        }
    }

    static func recordEpisodeStatistics() -> NativeType {
        let t = NativeType("RecordEpisodeStatistics", doc: "Adds info['episode'] = {'r': return, 'l': length, 't': seconds} at the end of each episode.")
        t.initializer(params: [Param("env", .any, doc: "the environment to wrap"),
                               Param("buffer_length", .int, default: .int(100), doc: "episodes kept in return_queue"),
                               Param("stats_key", .str, default: .str("episode"), doc: "info key of the statistics")]) { args in
            guard let o = try EnvBindings.instance(args["env"]) else { throw PyError(.typeError, "RecordEpisodeStatistics() argument 'env' must be an environment") }
            let w = RecordEpisodeStatistics(o.env, bufferLength: try args.int("buffer_length"), statsKey: try args.string("stats_key"))
            return EnvBindings.wrap(w, id: o.id, checker: o.checker, maxEpisodeSteps: o.maxEpisodeSteps)
        }
        return t
    }

    static func timeLimit() -> NativeType {
        let t = NativeType("TimeLimit", doc: "Truncates episodes after max_episode_steps steps.")
        t.initializer(params: [Param("env", .any, doc: "the environment to wrap"),
                               Param("max_episode_steps", .int, doc: "steps before truncation")]) { args in
            guard let o = try EnvBindings.instance(args["env"]) else { throw PyError(.typeError, "TimeLimit() argument 'env' must be an environment") }
            do {
                return EnvBindings.wrap(try TimeLimit(o.env, maxEpisodeSteps: try args.int("max_episode_steps")), id: o.id, checker: o.checker)
            } catch { throw LibraryErrors.convert(error) }
        }
        return t
    }
}
