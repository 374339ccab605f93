import Foundation
import XCTest

/// `notebooks/memory_augmented_rl.smrnb`: the source's cells as written (the three
/// actor-critics and the training functions are defined in the notebook) print lines of the
/// source's formats, and `--param SEED=…` changes the numbers (the parameters cell holds
/// assignments only; `seed(SEED)` runs in the next cell, after the injection).
final class MemoryAugmentedNotebookTests: XCTestCase {
    func run(seed: Int) throws -> String {
        let nb = TestSupport.packageRoot.appendingPathComponent("notebooks/memory_augmented_rl.smrnb").path
        let (status, out, err) = try TestSupport.run(["run", nb, "--param", "SEED=\(seed)"])
        XCTAssertEqual(status, 0, err + out)
        return out
    }

    func lines(_ out: String, matching pattern: String) -> [String] {
        let re = try! NSRegularExpression(pattern: "^" + pattern + "$")
        return out.split(separator: "\n").map(String.init).filter {
            re.firstMatch(in: $0, range: NSRange($0.startIndex..., in: $0)) != nil
        }
    }

    func testSourceCellsPrintTheSourceFormatsAndTheSeedMatters() throws {
        let zero = try run(seed: 0)
        // LSTM: the (1, 1) action makes the reward a float32 array of shape (1,).
        XCTAssertEqual(lines(zero, matching: #"Episode \d+: \[-\d+\.\d+\]"#).count, 10, zero)
        XCTAssertEqual(lines(zero, matching: #"Episode \d+, Reward: -?\d+\.\d\d"#).count, 10, zero)
        XCTAssertEqual(lines(zero, matching: #"Test Episode \d, Reward: -?\d+\.\d\d"#).count, 10, zero)
        XCTAssertEqual(lines(zero, matching: #"Average Test Reward: -?\d+\.\d\d"#).count, 1, zero)
        // NTM-style: ep_reward is a float, formatted :.2f.
        XCTAssertEqual(lines(zero, matching: #"Episode \d+: -\d+\.\d\d"#).count, 10, zero)
        XCTAssertEqual(try run(seed: 0), zero, "the same seed must replay the same numbers")
        XCTAssertNotEqual(try run(seed: 7), zero, "SEED=7 must give other numbers than SEED=0")
    }
}
