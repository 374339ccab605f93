import Foundation
import XCTest

/// Loads a JSON fixture written by `scripts/make_env_fixtures.py`.
func loadFixture<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
    guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
        throw XCTSkip("fixture \(name).json is missing; run scripts/make_env_fixtures.py")
    }
    return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
}

/// Asserts two float arrays are equal within `tolerance` (0 = bit-exact).
func assertClose(_ actual: [Float], _ expected: [Float], tolerance: Float = 0, _ message: @autoclosure () -> String,
                 file: StaticString = #filePath, line: UInt = #line) {
    guard actual.count == expected.count else {
        XCTFail("\(message()): \(actual.count) values, expected \(expected.count)", file: file, line: line)
        return
    }
    for index in actual.indices where !(abs(actual[index] - expected[index]) <= tolerance) {
        XCTFail("\(message()): value \(index) is \(actual[index]), expected \(expected[index])", file: file, line: line)
        return
    }
}
