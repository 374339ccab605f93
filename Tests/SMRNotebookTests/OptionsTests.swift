import XCTest
@testable import SMRNotebook

final class OptionsTests: XCTestCase {
    func testCellRanges() throws {
        let s = try CellSelection(parsing: "2-5")
        XCTAssertEqual((1...7).filter(s.contains), [2, 3, 4, 5])
        let l = try CellSelection(parsing: "1,3,7-9")
        XCTAssertEqual((1...10).filter(l.contains), [1, 3, 7, 8, 9])
        XCTAssertEqual((1...6).filter(try CellSelection(parsing: "4-").contains), [4, 5, 6])
        XCTAssertEqual((1...6).filter(try CellSelection(parsing: "-2").contains), [1, 2])
        for bad in ["", "a", "3-1", "0", "1,,2", "1-2-3", "x-2"] {
            XCTAssertThrowsError(try CellSelection(parsing: bad), bad)
        }
        XCTAssertThrowsError(try CellSelection(parsing: "2-9").validate(cellCount: 5))
        XCTAssertNoThrow(try CellSelection(parsing: "2-").validate(cellCount: 5))
    }

    func testParameterLiterals() throws {
        func p(_ s: String) throws -> ParameterLiteral { try ParameterLiteral.parse(s, name: "x") }
        XCTAssertEqual(try p("42"), .int(42))
        XCTAssertEqual(try p("-1_000"), .int(-1000))
        XCTAssertEqual(try p("3e-4"), .float(3e-4))
        XCTAssertEqual(try p(".5"), .float(0.5))
        XCTAssertEqual(try p("'hi there'"), .str("hi there"))
        XCTAssertEqual(try p("\"a\\n\""), .str("a\n"))
        XCTAssertEqual(try p("True"), .bool(true))
        XCTAssertEqual(try p("None"), .none)
        XCTAssertEqual(try p("[1, 2.5, 'a', [None]]"), .list([.int(1), .float(2.5), .str("a"), .list([.none])]))
        XCTAssertEqual(try p("(5,)"), .tuple([.int(5)]))
        XCTAssertEqual(try p("Pendulum-v1"), .str("Pendulum-v1"))
        for bad in ["[1, 2", "'open", "1.2.3", "99999999999999999999", "[1 2]"] {
            XCTAssertThrowsError(try p(bad), bad)
        }
        XCTAssertEqual(ParameterLiteral.list([.float(0.5), .str("q\"")]).sourceText, "[0.5, \"q\\\"\"]")
    }

    func testParameterInjection() throws {
        let nb = Notebook.parse(text: "# %% tags=[\"parameters\"]\nepisodes = 3\nlr: float = 0.1\nif x:\n    inner = 1\n# %%\nprint(episodes)\n", path: "nb.smrnb")
        XCTAssertEqual(ParameterOverrides.assignedNames(in: nb.cells[0]), ["episodes", "lr"])
        let o = try ParameterOverrides(parsing: ["episodes=10", "lr=1e-3", "episodes=12"])
        XCTAssertEqual(try o.injectedSource(for: nb), "lr = 0.001\nepisodes = 12")
        XCTAssertThrowsError(try ParameterOverrides(parsing: ["epsodes=1"]).injectedSource(for: nb)) { e in
            XCTAssertTrue("\(e)".contains("did you mean 'episodes'"), "\(e)")
        }
        XCTAssertThrowsError(try ParameterOverrides(parsing: ["inner=1"]).injectedSource(for: nb))
        XCTAssertThrowsError(try ParameterOverrides(parsing: ["novalue"]))
        XCTAssertThrowsError(try ParameterOverrides(parsing: ["1x=3"]))
        let plain = Notebook.parse(text: "x = 1\n")
        XCTAssertThrowsError(try ParameterOverrides(parsing: ["x=2"]).injectedSource(for: plain))
    }

    func testRunnerAppliesParametersAndSelection() throws {
        let nb = Notebook.parse(text: "# %% tags=[\"parameters\"]\nn = 2\nname = 'a'\n# %%\nprint(name * n)\n# %%\nprint('third')\n", path: "nb.smrnb")
        let opts = RunOptions(cells: try CellSelection(parsing: "1-2"), parameters: try ParameterOverrides(parsing: ["n=3", "name=b"]))
        let summary = try NotebookRunner(notebook: nb, options: opts).run()
        XCTAssertEqual(summary.runs.count, 4) // 3 cells + injected
        XCTAssertTrue(summary.runs[1].isInjected)
        XCTAssertEqual(summary.runs.compactMap(\.executionCount), [1, 2, 3])
        guard case .stream(let s)? = summary.runs[2].outputs.first else { return XCTFail("no output") }
        XCTAssertEqual(s, "bbb\n")
        XCTAssertNil(summary.runs[3].executionCount)
    }

    func testRunnerStopsAtFailureUnlessKeepGoing() throws {
        let nb = Notebook.parse(text: "# %%\nprint(1)\n# %%\n1/0\n# %%\nprint(3)\n", path: "nb.smrnb")
        let stop = try NotebookRunner(notebook: nb).run()
        XCTAssertTrue(stop.failed)
        XCTAssertNil(stop.runs[2].executionCount)
        guard case .error(let e)? = stop.runs[1].outputs.last else { return XCTFail("no error") }
        XCTAssertEqual(e.kind.name, "ZeroDivisionError")
        XCTAssertEqual(e.location?.cell, 2)
        XCTAssertEqual(e.location?.line, 4) // file line
        let go = try NotebookRunner(notebook: nb, options: RunOptions(keepGoing: true)).run()
        XCTAssertEqual(go.runs[2].executionCount, 3)
    }
}
