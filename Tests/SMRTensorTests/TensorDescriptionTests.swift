import XCTest
@testable import SMRTensor

/// Printing matches PyTorch's default `repr` (values checked against torch 2.15 by hand).
final class TensorDescriptionTests: XCTestCase {
    func testFormats() throws {
        XCTAssertEqual(Tensor([1, 2, 3]).description, "tensor([1., 2., 3.])")
        XCTAssertEqual(Tensor([1.5, -2.25]).description, "tensor([ 1.5000, -2.2500])")
        XCTAssertEqual(Tensor(scalar: 3).description, "tensor(3.)")
        XCTAssertEqual(try Tensor([1, 2, 3, 4], shape: [2, 2]).description, "tensor([[1., 2.],\n        [3., 4.]])")
        XCTAssertEqual(Tensor([1e-5, 1]).description, "tensor([1.0000e-05, 1.0000e+00])")
        XCTAssertEqual(Tensor([0.5], requiresGrad: true).description, "tensor([0.5000], requires_grad=True)")
        XCTAssertEqual(Tensor([Float.nan, 1]).description, "tensor([nan, 1.])")
        XCTAssertEqual(Tensor([]).description, "tensor([])")
        let big = Tensor((0..<2000).map(Float.init))
        XCTAssertEqual(big.description, "tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n        1.9990e+03])")
        XCTAssertEqual(Tensor((0..<20).map(Float.init)).description,
                       "tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.,\n        14., 15., 16., 17., 18., 19.])")
    }
}
