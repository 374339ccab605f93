import Foundation
import SMRLanguage
import SMRLibrary
import XCTest

/// `from benchmark import AgentPerformanceBenchmark` as the source notebook uses it, with
/// small budgets: the header line, the reference's table columns and result keys, seeds,
/// the ablation, both RecurrentPPO evaluations, and bad configs.
final class BenchmarkBindingTests: XCTestCase {
    let setup = """
        from benchmark import AgentPerformanceBenchmark
        from memory import StrategicMemoryTransformerPolicy
        seed(0)
        cfg = dict(mem_dim=32, max_entries=8, policy_class=StrategicMemoryTransformerPolicy, verbose=0, use_rnd=False)

        """

    func testRunPrintsTheReferenceTableAndReturnsItsKeys() {
        let out = LibraryTestSupport.run(setup + """
            b = AgentPerformanceBenchmark(dict(delay=2, total_timesteps=256, difficulty=1, eval_base=True, n_train_episodes=7), memory_agent_config=cfg)
            r = b.run()
            print([x["agent"] for x in r])
            print(sorted(r[0].keys()))
            print(all(x["mean_return"] in (-1.0, -0.9, -0.8, -0.7, -0.6, -0.5, -0.4, -0.3, -0.2, -0.1, 0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0) or abs(x["mean_return"] * 10 - round(x["mean_return"] * 10)) < 1e-9 for x in r))
            """)
        XCTAssertTrue(out.hasPrefix("\nTraining in HARD mode with delay of 2 steps\n\n"), out)
        XCTAssertTrue(out.contains("Agent | Delay | Mode | Mean Ep Rew | Std Ep Rew | Duration (s)"), out)
        XCTAssertTrue(out.contains("['PPO', 'RecurrentPPO', 'StrategicMemoryAgent']"), out)
        XCTAssertTrue(out.contains("['agent', 'delay', 'difficulty', 'duration', 'eval_base', 'mean_return', 'n_train_episodes', 'std_return', 'total_timesteps']"), out)
        XCTAssertTrue(out.hasSuffix("True\n"), out)
    }

    func testSeedsAblationAndSerialRepeatability() {
        let program = setup + """
            b = AgentPerformanceBenchmark(dict(delay=2, total_timesteps=128), memory_agent_config=cfg, seeds=[3, 4], ablations=["no_memory"], workers=1)
            r = b.run()
            print([(x["agent"], x["seed"]) for x in r])
            print([x["mean_return"] for x in r])
            print([len(t["returns"]) for t in b.training_returns])

            """
        let out = LibraryTestSupport.run(program)
        XCTAssertTrue(out.contains("[('StrategicMemoryAgent', 3), ('StrategicMemoryAgent', 4), ('StrategicMemoryAgent (no memory)', 3), ('StrategicMemoryAgent (no memory)', 4)]"), out)
        XCTAssertTrue(out.contains("Seeds | Mean Ep Rew | ± across seeds"), out)
        XCTAssertTrue(out.contains("[64, 64, 64, 64]"), out)
        // Seeded runs do not depend on the global streams.
        let again = LibraryTestSupport.run(program.replacingOccurrences(of: "seed(0)", with: "seed(99)"))
        func means(_ s: String) -> Substring? { s.split(separator: "\n").first { $0.hasPrefix("[") && $0.contains(".") && !$0.contains("(") } }
        XCTAssertNotNil(means(out))
        XCTAssertEqual(means(out), means(again))
    }

    func testRecurrentPPOEvaluationStatefulAndAsTheSource() {
        // RecurrentPPO learns delay 2 quickly; without its state the greedy action at the
        // decision step cannot depend on the cue, so balanced targets give exactly 0.
        let out = LibraryTestSupport.run(setup + """
            from sb3_contrib import RecurrentPPO
            from environments import MemoryTaskEnv
            model = RecurrentPPO("MlpLstmPolicy", MemoryTaskEnv(delay=2, difficulty=0), learning_rate=1e-3, n_steps=64, batch_size=64, seed=3)
            model.learn(total_timesteps=3072)
            easy = dict(delay=2, difficulty=0)
            s = AgentPerformanceBenchmark(easy).evaluate(model, "RecurrentPPO")
            src = AgentPerformanceBenchmark(easy, evaluation="source").evaluate(model, "RecurrentPPO", verbose=True)
            print("stateful", s)
            print("source", src)
            """)
        XCTAssertTrue(out.contains("stateful (1.0, 0.0)"), out)
        XCTAssertTrue(out.contains("source (0.0, 1.0)"), out)
        XCTAssertTrue(out.contains("[RecurrentPPO @ MemoryTaskEnv with delay=2 in EASY Mode]  mean_ep_rew: 0.0% .  std_ep_rew: 1.00 in 20 episodes"), out)
    }

    func testBadConfigsAreClearErrors() {
        let cases: [(String, ErrorKind, String)] = [
            ("AgentPerformanceBenchmark(dict(difficulty=0))", .keyError, "'delay'"),
            ("AgentPerformanceBenchmark(dict(delay=0))", .valueError, "delay must be at least 1"),
            ("AgentPerformanceBenchmark(dict(delay=4, difficulty=3))", .valueError, "difficulty"),
            ("AgentPerformanceBenchmark(dict(delay=4, total_timesteps='many'))", .typeError, "total_timesteps"),
            ("AgentPerformanceBenchmark([4])", .typeError, "must be a dict"),
            ("AgentPerformanceBenchmark(dict(delay=4), evaluation='lazy')", .valueError, "stateful"),
            ("AgentPerformanceBenchmark(dict(delay=4), ablations=['no_policy'])", .valueError, "no_memory"),
            ("AgentPerformanceBenchmark(dict(delay=4), seeds=[])", .valueError, "seeds"),
            ("AgentPerformanceBenchmark(dict(delay=4), seeds=[1.5])", .valueError, "seeds"),
            ("AgentPerformanceBenchmark(dict(delay=4), workers=0)", .valueError, "workers"),
            ("AgentPerformanceBenchmark(dict(delay=4), memory_agent_config=dict(device='cuda'))", .valueError, "cpu"),
            ("AgentPerformanceBenchmark(dict(delay=4)).evaluate(3)", .typeError, "model"),
        ]
        for (code, kind, mention) in cases {
            let e = LibraryTestSupport.error(setup + code)
            XCTAssertEqual(e?.kind, kind, code + ": " + (e?.message ?? "no error"))
            XCTAssertTrue(e?.message.contains(mention) ?? false, code + ": " + (e?.message ?? "no error"))
        }
    }
}
