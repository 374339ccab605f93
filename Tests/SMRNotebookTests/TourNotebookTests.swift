import Foundation
import XCTest

/// `notebooks/tour.smrnb`, the newcomers' tour: it runs start to end, a model class fits its
/// toy regression, PPO learns the notebook's corridor environment (beating a random policy),
/// `--param` reaches the parameters cell, and the export draws the plot as SVG.
final class TourNotebookTests: XCTestCase {
    var notebook: String { TestSupport.packageRoot.appendingPathComponent("notebooks/tour.smrnb").path }

    func testTourRunsAndItsAgentLearnsTheCorridor() throws {
        let (status, out, err) = try TestSupport.run(["run", notebook])
        XCTAssertEqual(status, 0, err + out)
        XCTAssertTrue(out.contains("(2, 3) float32 [1.5 2.5] [0 2]\n"), out)
        XCTAssertTrue(out.contains("TinyMLP(\n  (body): Sequential(\n"), out)
        XCTAssertTrue(out.contains("Box(0.0, 1.0, (1,), float32) Discrete(2) [0.]\n"), out)
        XCTAssertTrue(out.contains("trained for 4096 steps over "), out)
        XCTAssertTrue(out.contains("PPO on the corridor"), out)
        // The table: a trained return near the optimum (0.92: nine steps), well above random.
        let rows = out.split(separator: "\n").filter { $0.hasPrefix("│ random") || $0.hasPrefix("│ PPO") }
        let returns = rows.compactMap { $0.split(separator: "│").last.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) } }
        XCTAssertEqual(returns.count, 2, out)
        if returns.count == 2 { XCTAssertGreaterThan(returns[1], returns[0] + 0.5, out) }
        // The final step loss of the model cell is small.
        XCTAssertTrue(out.contains("step 200  loss 0.0"), out)
    }

    func testParametersAndExport() throws {
        let dir = try TestSupport.tempDir()
        let (status, out, err) = try TestSupport.run(["export", notebook, "--to", "html", "-o", "tour.html", "--param", "STEPS=512"], cwd: dir)
        XCTAssertEqual(status, 0, err + out)
        let html = try String(contentsOf: dir.appendingPathComponent("tour.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("PPO, 512 steps"), html)
        XCTAssertTrue(html.contains("<svg"), html)
    }
}
