import SMRLanguage
import XCTest

/// Behaviour that has no CPython fixture: seeding, memory tasks, help and completion.
final class LibraryBehaviourTests: XCTestCase {
    func testSeedMakesMemoryTaskEpisodesRepeat() {
        let program = """
            from environments import MemoryTaskEnv
            seed(3)
            env = MemoryTaskEnv(delay=4, difficulty=1)
            for episode in range(3):
                obs, info = env.reset()
                done = False
                while not done:
                    obs, reward, terminated, truncated, info = env.step(1)
                    done = terminated or truncated
                print(obs, reward)
            """
        let first = LibraryTestSupport.run(program)
        XCTAssertEqual(first, LibraryTestSupport.run(program))
        XCTAssertEqual(first.split(separator: "\n").count, 3)
    }

    func testSeedMakesLayerInitialisationRepeat() {
        let program = "import torch\nseed(1)\nprint(torch.nn.Linear(2, 2).weight.detach())\n"
        XCTAssertEqual(LibraryTestSupport.run(program), LibraryTestSupport.run(program))
        let manual = "import torch\ntorch.manual_seed(1)\nprint(torch.nn.Linear(2, 2).weight.detach())\n"
        XCTAssertEqual(LibraryTestSupport.run(program), LibraryTestSupport.run(manual))
    }

    func testSeedNotebookStyleLSTMCellRuns() {
        let out = LibraryTestSupport.run("""
            import torch
            import torch.nn as nn
            import torch.optim as optim
            import gymnasium as gym
            seed(0)
            env = gym.make("Pendulum-v1")
            cell = nn.LSTMCell(3, 8)
            head = nn.Linear(8, 1)
            opt = optim.Adam(cell.parameters() + head.parameters(), lr=3e-4)
            obs, _ = env.reset(seed=0)
            state = None
            log_probs = []
            for t in range(5):
                x = torch.tensor(obs, dtype=torch.float32).unsqueeze(0)
                h, c = cell(x, state)
                state = (h, c)
                mean = torch.tanh(head(h)) * 2.0
                dist = torch.distributions.Normal(mean, 0.1)
                action = dist.sample()
                log_probs.append(dist.log_prob(action).sum())
                obs, reward, terminated, truncated, _ = env.step(action.view(-1).clamp(-2.0, 2.0).numpy())
            loss = -torch.stack(log_probs).sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
            print(len(log_probs), obs.shape)
            """)
        XCTAssertEqual(out, "5 (3,)\n")
    }

    func testHelpAndDirComeFromDeclarations() {
        let out = LibraryTestSupport.run("import torch\nhelp(torch.nn.Linear)\nprint(dir(torch.optim.Adam))\n")
        XCTAssertTrue(out.contains("Linear(in_features, out_features, bias=True)"), out)
        XCTAssertTrue(out.contains("zero_grad"), out)
    }

    func testObservationScalarsBehaveLikeNumpyFloat32() {
        let out = LibraryTestSupport.run("""
            import gymnasium as gym
            env = gym.make("Pendulum-v1")
            obs, _ = env.reset(seed=0)
            x = obs[0]
            print(x > 0.5, round(float(x), 3), int(obs[2] * 10), abs(obs[2]), x + obs[1])
            """)
        XCTAssertEqual(out, "True 0.652 -4 0.46042657 1.4102213\n")
    }
}
