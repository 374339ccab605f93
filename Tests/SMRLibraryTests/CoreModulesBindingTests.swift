import XCTest

/// `core_modules` (the reference's exploration helpers) is importable from notebooks.
final class CoreModulesBindingTests: XCTestCase {
    func testRewardNormalizerStateCounterAndRNDModule() {
        let program = """
            import copy
            import numpy as np
            import torch
            from core_modules import RewardNormalizer, StateCounter, RNDModule
            rn = RewardNormalizer()
            rn.update(np.array([1.0, 2.0, 3.0]))
            print(round(rn.mean, 4), round(rn.var, 4), rn.normalize(np.array([2.0, 4.0])).round(3))
            sc = StateCounter()
            print(sc.count([0.1, 0.2]), sc.count([0.1, 0.2]), round(sc.intrinsic_reward([0.1, 0.2]), 4), sc.distinct_states)
            rnd = RNDModule(obs_dim=4, emb_dim=8)
            print(rnd(torch.zeros(2, 4)).shape, len(list(rnd.parameters())), rnd.training)
            twin = copy.deepcopy(rnd)
            print(torch.equal(twin(torch.ones(1, 4)), rnd(torch.ones(1, 4))))
            print(repr(rnd).splitlines()[:3])
            """
        XCTAssertEqual(LibraryTestSupport.run(program), """
            1.9999 0.6667 [0.   2.45]
            1 2 0.5774 1
            torch.Size([2]) 8 True
            True
            ['RNDModule(', '  (target): Sequential(', '    (0): Linear(in_features=4, out_features=8, bias=True)']

            """)
    }
}
