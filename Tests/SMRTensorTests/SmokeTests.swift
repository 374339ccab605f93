import XCTest
@testable import SMRTensor
final class SmokeTests: XCTestCase { func testNothing() {} }
