import XCTest
@testable import SMRTensor

/// The tape: accumulation, zero-grad, no-grad scopes, detach, release, deep graphs.
final class AutogradTests: XCTestCase {
    func testGradientsAccumulateAcrossBackwardCalls() throws {
        let w = Tensor([1, 2, 3], requiresGrad: true)
        try (w * w).sum().backward()
        XCTAssertEqual(w.gradData, [2, 4, 6])
        try (w * w).sum().backward()
        XCTAssertEqual(w.gradData, [4, 8, 12])
        w.zeroGrad()
        XCTAssertNil(w.gradData)
    }

    func testReusedTensorSumsBothPaths() throws {
        let x = Tensor([3], requiresGrad: true)
        let y = try x * x + x.exp()  // d/dx = 2x + e^x
        try y.sum().backward()
        XCTAssertEqual(x.gradData?[0] ?? 0, 6 + Float(M_E * M_E * M_E), accuracy: 1e-4)
    }

    func testNoGradRecordsNothing() throws {
        let w = Tensor([1, 2], requiresGrad: true)
        let y = try GradMode.noGrad { try w * w }
        XCTAssertFalse(y.requiresGrad)
        XCTAssertFalse(y.hasNode)
        XCTAssertTrue(GradMode.isEnabled)
        XCTAssertThrowsError(try y.sum().backward())
    }

    func testDetachCutsTheGraph() throws {
        let w = Tensor([2], requiresGrad: true)
        let y = try w * w.detach()
        try y.sum().backward()
        XCTAssertEqual(w.gradData, [2])
    }

    func testBackwardFreesTheIntermediateResults() throws {
        let w = Tensor([1, 2, 3], requiresGrad: true)
        weak var middle: Tensor?
        var loss: Tensor?
        do {
            let a = try w * w
            let b = try a + w
            middle = a
            loss = try b.sum()
        }
        XCTAssertNotNil(middle, "the tape keeps the intermediate result alive before backward")
        try loss?.backward()
        XCTAssertNil(middle, "backward released the queued and recorded tensors")
        XCTAssertEqual(w.gradData, [3, 5, 7])
    }

    func testTapeIsReleasedAfterBackward() throws {
        let w = Tensor([2], requiresGrad: true)
        let y = try (w * w).sum()
        try y.backward()
        XCTAssertFalse(y.hasNode)
        XCTAssertThrowsError(try y.backward()) { error in
            XCTAssertTrue("\(error)".contains("second time"))
        }
        let z = try (w * w).sum()
        try z.backward(retainGraph: true)
        try z.backward()
        XCTAssertEqual(w.gradData, [4 + 4 + 4])
    }

    func testIntermediateGradientsAreFreedUnlessRetained() throws {
        let w = Tensor([1, 2], requiresGrad: true)
        let h = try w * w
        let k = h.exp()
        k.retainsGrad = true
        try k.sum().backward()
        XCTAssertNil(h.gradData)
        XCTAssertNotNil(k.gradData)
    }

    func testDeepGraphDoesNotOverflowTheStack() throws {
        let w = Tensor([1], requiresGrad: true)
        var y = w
        for _ in 0..<200_000 { y = y * 1.0 }
        try y.sum().backward()
        XCTAssertEqual(w.gradData, [1])
    }

    func testBackwardNeedsAScalar() throws {
        let w = Tensor([1, 2], requiresGrad: true)
        XCTAssertThrowsError(try (w * w).backward()) { error in
            XCTAssertTrue("\(error)".contains("scalar"))
        }
    }

    func testSetRequiresGradOnlyOnLeaves() throws {
        let w = Tensor([1, 2])
        try w.setRequiresGrad(true)
        XCTAssertTrue(w.requiresGrad)
        XCTAssertThrowsError(try (w * w).setRequiresGrad(false))
    }
}
