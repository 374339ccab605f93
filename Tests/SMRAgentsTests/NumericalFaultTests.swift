import Foundation
import SMREnvironments
import SMRNeural
import SMRTensor
import XCTest
@testable import SMRAgents

/// A NaN or infinity reaching a loss or a gradient stops every training loop before its
/// optimizer step with a `NumericalFault` naming the tensor and where training was; the
/// parameters and the optimizer state stay what they were, and training can go on.
final class NumericalFaultTests: XCTestCase {
    /// A faulty user environment: while `poisoned`, its rewards turn NaN (or, with
    /// `observations: true`, its observations turn inf).
    final class FaultyEnvironment: Environment {
        let inner: any Environment
        let observations: Bool
        var poisoned = false
        init(_ inner: any Environment, observations: Bool = false) { self.inner = inner; self.observations = observations }
        var name: String { "FaultyEnvironment" }
        var observationSpace: any Space { inner.observationSpace }
        var actionSpace: any Space { inner.actionSpace }
        private func poison(_ o: Observation) throws -> Observation {
            poisoned && observations ? try Observation(values: o.values.map { _ in .infinity }, shape: o.shape) : o
        }
        func reset(seed: Int?, options: ResetOptions?) throws -> (observation: Observation, info: Info) {
            let r = try inner.reset(seed: seed, options: options)
            return (try poison(r.observation), r.info)
        }
        func step(_ action: Action) throws -> StepResult {
            var s = try inner.step(action)
            if poisoned && !observations { s.reward = .nan }
            s.observation = try poison(s.observation)
            return s
        }
    }

    private func fault(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> NumericalFault? {
        do { try body() } catch let f as NumericalFault { return f } catch {
            XCTFail("expected a NumericalFault, got \(error)", file: file, line: line)
            return nil
        }
        XCTFail("expected a NumericalFault", file: file, line: line)
        return nil
    }

    private func memoryAgent(_ env: any Environment) throws -> StrategicMemoryAgent {
        GlobalRandom.seed(0)
        let memory = try StrategicMemoryBuffer(obsDim: 3, actionDim: 1, memDim: 16, maxEntries: 4)
        var o = StrategicMemoryAgentOptions()
        o.verbose = 0
        o.memoryLearnRetention = true
        return try StrategicMemoryAgent(env: env, memory: memory, memDim: 16, options: o, generator: &GlobalRandom.generator)
    }

    func testStrategicMemoryAgentRefusesANaNRewardAndKeepsItsState() throws {
        let env = FaultyEnvironment(try MemoryTaskEnv(delay: 2, randomState: LegacyRandomState(seed: 1)))
        let agent = try memoryAgent(env)
        try agent.learn(totalTimesteps: 12)
        let parameters = agent.optimizer.parameterList.map(\.data), state = agent.optimizer.stateDict()
        let entries = agent.memory?.entries.count, episodes = agent.trainingEpisodes
        env.poisoned = true
        let f = fault { try agent.learn(totalTimesteps: 12) }
        XCTAssertEqual(f?.description, "NaN in the reward of step 1 at episode \(episodes + 1); parameters left at their last good values")
        XCTAssertEqual(agent.optimizer.parameterList.map(\.data), parameters)
        XCTAssertEqual(agent.optimizer.stateDict(), state)
        XCTAssertEqual(agent.memory?.entries.count, entries)
        XCTAssertEqual(agent.trainingEpisodes, episodes)
        env.poisoned = false
        try agent.learn(totalTimesteps: 12)
        XCTAssertGreaterThan(agent.trainingEpisodes, episodes)
        XCTAssertTrue(agent.optimizer.parameterList.allSatisfy { FiniteCheck.allFinite($0.data) })
    }

    func testStrategicMemoryAgentRefusesANonFiniteObservation() throws {
        let env = FaultyEnvironment(try MemoryTaskEnv(delay: 2, randomState: LegacyRandomState(seed: 1)), observations: true)
        let agent = try memoryAgent(env)
        env.poisoned = true
        let f = fault { try agent.learn(totalTimesteps: 3) }
        XCTAssertEqual(f?.description, "inf in the first observation at episode 1; parameters left at their last good values")
        XCTAssertEqual(agent.memory?.entries.count, 0)
    }

    func testStrategicMemoryAgentUpdateStopsBeforeTheStepOnANaNLoss() throws {
        let agent = try memoryAgent(try MemoryTaskEnv(delay: 2, randomState: LegacyRandomState(seed: 1)))
        var ep = try agent.runEpisode()
        ep.rewards[0] = .infinity
        let parameters = agent.optimizer.parameterList.map(\.data)
        let f = fault { _ = try agent.update(ep) }
        XCTAssertEqual(f?.tensor, "the policy loss")
        XCTAssertEqual(f?.position, "episode 1")
        XCTAssertNil(f?.badParameter)
        XCTAssertEqual(agent.optimizer.parameterList.map(\.data), parameters)
        XCTAssertEqual(agent.optimizer.stateDict().entries.count, 0, "Adam made no step")
    }

    func testAGradientFaultNamesTheParameter() throws {
        let layer = try Linear(2, 1, generator: &GlobalRandom.generator)
        let opt = try Adam(layer.parameters(), lr: 1e-3)
        let x = try Tensor([1, 2], shape: [1, 2])
        try layer.forward(x).sum().backward()
        try layer.weight.setGrad([.nan, 0])
        let f = fault { try FiniteCheck.beforeStep(losses: [], optimizer: opt, names: layer.namedParameters(), at: "episode 3") }
        XCTAssertEqual(f?.description, "NaN in the gradient of weight at episode 3; parameters left at their last good values")
        try layer.weight.assign([.infinity, 0])
        let g = fault { try FiniteCheck.scalar(.nan, "the loss", at: "episode 4", parameters: layer.namedParameters()) }
        XCTAssertEqual(g?.badParameter, "weight")
        XCTAssertTrue(g?.description.contains("already non-finite") ?? false)
    }

    func testPPOAndRecurrentPPOStopBeforeTheStep() throws {
        var o = PPOOptions()
        o.seed = 0; o.nSteps = 32; o.batchSize = 16; o.verbose = 0
        let env = FaultyEnvironment(try MemoryTaskEnv(delay: 2, randomState: LegacyRandomState(seed: 1)))
        let ppo = try PPO(env: env, options: o)
        try ppo.learn(totalTimesteps: 32)
        env.poisoned = true
        var parameters = ppo.policy.parameters().map(\.data)
        var f = fault { try ppo.learn(totalTimesteps: 32) }
        XCTAssertEqual(f?.tensor, "the policy loss")
        XCTAssertEqual(f?.position, "update 11 (minibatch 1) after 32 steps")
        XCTAssertEqual(ppo.policy.parameters().map(\.data), parameters)
        env.poisoned = false
        try ppo.learn(totalTimesteps: 32)

        var r = RecurrentPPO.defaultOptions()
        r.seed = 0; r.nSteps = 16; r.batchSize = 16; r.verbose = 0
        let env2 = FaultyEnvironment(try MemoryTaskEnv(delay: 2, randomState: LegacyRandomState(seed: 1)))
        let rppo = try RecurrentPPO(env: env2, options: r, lstmHiddenSize: 8)
        env2.poisoned = true
        parameters = rppo.policy.parameters().map(\.data)
        f = fault { try rppo.learn(totalTimesteps: 16) }
        XCTAssertEqual(f?.position, "update 1 (minibatch 1) after 16 steps")
        XCTAssertEqual(rppo.policy.parameters().map(\.data), parameters)
    }

    func testRunEpisodeAndTrainStepStopBeforeTheStep() throws {
        var g = RandomGenerator(seed: 0)
        let env = FaultyEnvironment(try Pendulum())
        let lstm = try LSTMActorCritic(obsDim: 3, actDim: 1, hiddenSize: 8, generator: &g)
        let opt = try Adam(lstm.parameters(), lr: 1e-3)
        env.poisoned = true
        let parameters = lstm.parameters().map(\.data)
        let f = fault { try RunEpisode.run(env: env, agent: lstm, optimizer: opt, maxSteps: 5) }
        XCTAssertEqual(f?.description, "NaN in the actor loss at run_episode's update (an episode of 5 steps); parameters left at their last good values")
        XCTAssertEqual(lstm.parameters().map(\.data), parameters)
        env.poisoned = false
        try RunEpisode.run(env: env, agent: lstm, optimizer: opt, maxSteps: 5)
        XCTAssertNotEqual(lstm.parameters().map(\.data), parameters)

        let transformer = try TransformerActorCritic(obsDim: 3, actDim: 1, seqLen: 2, hiddenDim: 8, nHeads: 2, nLayers: 1, generator: &g)
        let opt2 = try Adam(transformer.parameters(), lr: 1e-3)
        let before = transformer.parameters().map(\.data)
        let h = fault {
            try TrainStep.run(policy: transformer, optimizer: opt2, observations: [[0, 1, 0], [1, 0, 0]], actions: [[0], [1]],
                              rewards: [1, .nan], seqLen: 2)
        }
        XCTAssertEqual(h?.tensor, "the critic loss")
        XCTAssertEqual(transformer.parameters().map(\.data), before)
    }
}
