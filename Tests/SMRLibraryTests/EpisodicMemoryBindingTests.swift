import SMRLanguage
import XCTest

/// `nn.EpisodicMemory` and the `episodic_memory` experiments in the language.
final class EpisodicMemoryBindingTests: XCTestCase {
    func testDropInForLSTMAndGRU() {
        let out = LibraryTestSupport.run("""
            import torch
            import torch.nn as nn
            seed(0)
            mem = nn.EpisodicMemory(3, 4, memory_size=5, top_k=2)
            print(mem)
            x = torch.rand(6, 2, 3)
            out, (h, c) = mem(x)
            print(tuple(out.shape), tuple(h.shape), tuple(c.shape), mem.memory_filled)
            o2, (h2, c2) = mem(x[0:1], (h, c))
            print(mem.memory_filled)
            mem.reset_memory()
            print(mem.memory_filled)
            gru = nn.EpisodicMemory(3, 4, cell="gru", weighting="dot", batch_first=True)
            print(gru)
            out, h = gru(torch.rand(2, 6, 3))
            print(tuple(out.shape), tuple(h.shape))
            out.sum().backward()
            print(len(list(gru.parameters())), all(p.grad is not None for p in gru.parameters()))
            """)
        XCTAssertEqual(out, """
            EpisodicMemory(3, 4, memory_size=5, top_k=2)
            (6, 2, 4) (1, 2, 4) (1, 2, 4) 5
            5
            0
            EpisodicMemory(3, 4, cell='gru', weighting='dot', batch_first=True)
            (2, 6, 4) (1, 2, 4)
            8 True

            """)
    }

    func testBadArgumentsAreClearErrors() {
        XCTAssertEqual(LibraryTestSupport.error("import torch.nn as nn\nnn.EpisodicMemory(3, 4, cell='rnn')")?.kind, .valueError)
        XCTAssertEqual(LibraryTestSupport.error("import torch.nn as nn\nnn.EpisodicMemory(3, 4, memory_size=2, top_k=3)")?.kind, .valueError)
        XCTAssertNotNil(LibraryTestSupport.error("import torch\nimport torch.nn as nn\nm = nn.EpisodicMemory(3, 4)\nm(torch.rand(5, 2, 4))"))
        XCTAssertEqual(LibraryTestSupport.error("sequential_mnist(dataset='cifar', epochs=1)")?.kind, .valueError)
        XCTAssertNotNil(LibraryTestSupport.error("guessing_game(experts=0)"))
    }

    func testExperimentsReturnPerEpochRecords() {
        let out = LibraryTestSupport.run("""
            r = sequential_mnist(dataset="digits", pixels_per_step=8, memory_size=8, epochs=2, hidden_size=8, train_limit=100, test_limit=50, verbose=False)
            print(sorted(r.keys()), len(r["test_accuracy"]))
            g = guessing_game(episodes=5, batch_size=4, verbose=False)
            print(len(g["final_error"]), g["solved_at"])
            """)
        XCTAssertEqual(out, """
            ['epoch', 'test_accuracy', 'test_loss', 'test_seconds', 'train_accuracy', 'train_loss', 'train_seconds'] 2
            5 None

            """)
    }
}
