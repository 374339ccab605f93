import Foundation
import SMRNeural
import SMRTensor
import XCTest

/// The arrays and scalars a fixture script wrote (`scripts/make_agent_fixtures.py`,
/// `scripts/make_ppo_fixtures.py`), read from `Fixtures/` next to this file: an index
/// (`<stem>.json`: {"arrays": {name: {offset, shape}}, "scalars": …}) and float32 values (`<stem>.bin`).
struct ArrayFixture {
    let index: [String: Any]
    let scalars: [String: Any]
    let values: [Float]

    static func load(_ stem: String = "pendulum_actor_critic") throws -> ArrayFixture {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent(stem + ".json")))
        let bytes = try Data(contentsOf: dir.appendingPathComponent(stem + ".bin"))
        let values = bytes.withUnsafeBytes { raw in
            (0..<(bytes.count / 4)).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
        }
        let root = json as? [String: Any] ?? [:]
        return ArrayFixture(index: root["arrays"] as? [String: Any] ?? [:], scalars: root["scalars"] as? [String: Any] ?? [:], values: values)
    }

    func array(_ name: String) throws -> (values: [Float], shape: [Int]) {
        let entry = try XCTUnwrap(index[name] as? [String: Any], "fixture has no \(name)")
        let offset = try XCTUnwrap(entry["offset"] as? Int)
        let shape = try XCTUnwrap(entry["shape"] as? [Int])
        let n = shape.reduce(1, *)
        return (Array(values[offset..<(offset + n)]), shape)
    }

    func tensor(_ name: String) throws -> Tensor {
        let (v, s) = try array(name)
        return try Tensor(v, shape: s)
    }

    func scalar(_ model: String, _ key: String) throws -> Double {
        let m = try XCTUnwrap(scalars[model] as? [String: Any])
        return try XCTUnwrap(m[key] as? Double ?? (m[key] as? Int).map(Double.init), "\(model).\(key)")
    }

    /// Copies the fixture's initial parameters into `module` and checks that the names agree.
    func loadParameters(_ prefix: String, into module: Module) throws {
        let names = try XCTUnwrap(index["\(prefix)/names"] as? [String])
        XCTAssertEqual(module.namedParameters().map(\.name), names, "named_parameters() order of \(prefix)")
        for (name, tensor) in module.namedParameters() {
            let (v, s) = try array("\(prefix)/param/\(name)")
            XCTAssertEqual(tensor.shape, s, name)
            try tensor.assign(v)
        }
    }
}

/// `max|actual − expected| ≤ atol + rtol·max|expected|`, with the worst element in the message.
func assertClose(_ actual: [Float], _ expected: [Float], rtol: Float = 1e-4, atol: Float = 1e-6, _ what: String,
                 file: StaticString = #filePath, line: UInt = #line) {
    guard actual.count == expected.count else {
        XCTFail("\(what): \(actual.count) values, expected \(expected.count)", file: file, line: line)
        return
    }
    let scale = expected.map { abs($0) }.max() ?? 0
    var worst: Float = 0, at = 0
    for i in actual.indices where abs(actual[i] - expected[i]) > worst || actual[i].isNaN {
        worst = actual[i].isNaN ? .infinity : abs(actual[i] - expected[i]); at = i
    }
    XCTAssert(worst <= atol + rtol * scale,
              "\(what): max difference \(worst) at \(at) (\(actual.isEmpty ? 0 : actual[at]) vs \(expected.isEmpty ? 0 : expected[at])), scale \(scale)",
              file: file, line: line)
}
