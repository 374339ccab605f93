import Foundation
import XCTest
@testable import SMRNotebook

/// The sweep's grid (`--param` lists, `--grid FILE`, their cross product) and its collected
/// table (groups by the swept parameters but the seed, mean ± std over the seeds), without
/// running any notebook.
final class SweepGridTests: XCTestCase {
    func names(_ cells: [SweepCell]) -> [String] { cells.map(\.id) }

    func testParamListsCrossWithTheLastFastest() throws {
        let cells = try SweepGrid.cells(parsing: ["lr=0.1,0.5", "seed=0,1,2"])
        XCTAssertEqual(names(cells), ["lr=0.1,seed=0", "lr=0.1,seed=1", "lr=0.1,seed=2",
                                      "lr=0.5,seed=0", "lr=0.5,seed=1", "lr=0.5,seed=2"])
        XCTAssertEqual(cells[4].arguments, ["--param", "lr=0.5", "--param", "seed=1"])
        XCTAssertEqual(try SweepGrid.cells(parsing: []), [])
    }

    func testValuesSplitOutsideBracketsAndQuotes() throws {
        let cells = try SweepGrid.cells(parsing: ["sizes=[1, 2],[3],'a,b',Pendulum-v1"])
        XCTAssertEqual(cells.map { $0.params[0].value }, [.list([.int(1), .int(2)]), .list([.int(3)]), .str("a,b"), .str("Pendulum-v1")])
        // A name that is not safe in a folder name gets a hash, so distinct values stay distinct.
        XCTAssertTrue(cells[0].id.hasPrefix("sizes=_1,_2_-"), cells[0].id)
        XCTAssertNotEqual(cells[0].id, cells[1].id)
    }

    func testBadParamLists() {
        for (args, message) in [(["lr"], "expected NAME=V1,V2"), (["lr=1", "lr=2"], "given twice"),
                                (["lr=1,,2"], "empty value"), (["2x=1"], "not a variable name"), (["x=[1,"], "missing ']'")] {
            XCTAssertThrowsError(try SweepGrid.cells(parsing: args), "\(args)") { e in
                XCTAssertTrue("\(e)".contains(message), "\(args): \(e)")
            }
        }
    }

    func testGridFileObjectIsTheSameCrossProductAsParams() throws {
        let file = try SweepGridFile.cells(parsing: #"{"lr": [0.1, 0.5], "seed": [0, 1, 2]}"#, path: "g.json")
        XCTAssertEqual(file, try SweepGrid.cells(parsing: ["lr=0.1,0.5", "seed=0,1,2"]))
        // A single value is a list of one.
        XCTAssertEqual(names(try SweepGridFile.cells(parsing: #"{"lr": 0.1, "seed": [3]}"#, path: "g.json")), ["lr=0.1,seed=3"])
    }

    func testGridFileListRunsEachSettingAsItStands() throws {
        let text = """
            [
              {"lr": 0.001, "batch": 32},
              {"lr": 0.01, "batch": 64, "env": "CartPole-v1"}
            ]
            """
        let cells = try SweepGridFile.cells(parsing: text, path: "g.json")
        XCTAssertEqual(names(cells), ["lr=0.001,batch=32", "lr=0.01,batch=64,env=_CartPole-v1_-" + cells[1].id.suffix(8)])
        XCTAssertEqual(cells[1].arguments, ["--param", "lr=0.01", "--param", "batch=64", "--param", "env=\"CartPole-v1\""])
    }

    func testGridFileValuesKeepIntsFloatsAndJSONWords() throws {
        let cells = try SweepGridFile.cells(parsing: #"{"x": [1, 1.0, 1e-3, -2, true, null, "a\"b\u00e9", [1, [2.5]]]}"#, path: "g.json")
        XCTAssertEqual(cells.map { $0.params[0].value },
                       [.int(1), .float(1), .float(0.001), .int(-2), .bool(true), .none, .str("a\"bé"), .list([.int(1), .list([.float(2.5)])])])
        XCTAssertEqual(cells.map { $0.params[0].value.sourceText }, ["1", "1.0", "0.001", "-2", "True", "None", "\"a\\\"bé\"", "[1, [2.5]]"])
    }

    func testBadGridFiles() {
        let cases: [(String, String)] = [
            ("{\"lr\": [0.1, 0.5],\n \"seed\": [0 1]}", "line 2: Expecting ',' delimiter (column 13)"),
            ("{\"lr\": []}", "'lr' has an empty list"),
            ("{\"lr\": {\"a\": 1}}", "is an object"),
            ("{\"2lr\": [1]}", "'2lr' is not a variable name"),
            ("{\"lr\": [1], \"lr\": [2]}", "'lr' given twice"),
            ("[{\"seed\": 0}, {\"seed\": 0}]", "setting 2 repeats an earlier one"),
            ("[{\"seed\": 0}, 3]", "setting 2 of the list is not an object"),
            ("[{\"seed\": 0}] x", "Extra data"),
            ("3", "expected an object"),
            ("{\"lr\": [0.1, tru]}", "line 1: Expecting value (column 14)"),
            ("{\"n\": [99999999999999999999]}", "does not fit in a 64-bit int"),
            ("{\"n\": [1-]}", "Expecting ',' delimiter"),
            ("{\"lr\": \"abc", "Unterminated string starting at"),
            ("", "line 1: Expecting value (column 1)"),
            ("{\"x\": [NaN]}", "Expecting value"),
            ("{\"x\": [1e999]}", "'1e999' is not a finite number"),
        ]
        for (text, message) in cases {
            XCTAssertThrowsError(try SweepGridFile.cells(parsing: text, path: "g.json"), text) { e in
                XCTAssertTrue("\(e)".contains("--grid g.json: "), "\(e)")
                XCTAssertTrue("\(e)".contains(message), "\(text): \(e)")
            }
        }
        XCTAssertThrowsError(try SweepGridFile.cells(path: "/nonexistent/grid.json")) { e in
            XCTAssertTrue("\(e)".contains("cannot read"), "\(e)")
        }
    }

    func testGridFileCrossesWithParams() throws {
        let settings = try SweepGridFile.cells(parsing: #"[{"lr": 0.1, "n": 2}, {"lr": 0.5, "n": 4}]"#, path: "g.json")
        let cells = try SweepGrid.cross(settings, try SweepGrid.cells(parsing: ["seed=0,1"]))
        XCTAssertEqual(names(cells), ["lr=0.1,n=2,seed=0", "lr=0.1,n=2,seed=1", "lr=0.5,n=4,seed=0", "lr=0.5,n=4,seed=1"])
        XCTAssertEqual(try SweepGrid.cross([], settings), settings)
        XCTAssertThrowsError(try SweepGrid.cross(settings, try SweepGrid.cells(parsing: ["lr=1"]))) { e in
            XCTAssertTrue("\(e)".contains("lr is both in --grid and in --param"), "\(e)")
        }
    }

    func testSlurmTasksGetTheSameGridArguments() {
        var slurm = SweepSlurm()
        slurm.arrayLimit = 2
        slurm.time = "1:00:00"
        let text = slurm.script(executable: "/opt/smr", notebook: "/nb/a b.smrnb",
                                gridArguments: ["--param", "seed=0,1", "--grid", "/g/grid.json"],
                                dir: URL(fileURLWithPath: "/out/sw"), indices: [0, 3])
        XCTAssertTrue(text.contains("#SBATCH --array=0,3%2\n") && text.contains("#SBATCH --time=1:00:00\n"), text)
        XCTAssertTrue(text.contains("exec '/opt/smr' 'sweep' '/nb/a b.smrnb' '--param' 'seed=0,1' '--grid' '/g/grid.json' '--out' '/out/sw' --task \"$SLURM_ARRAY_TASK_ID\"\n"), text)
    }

    // MARK: the collected table

    func sweepFolder(_ runs: [(params: [(String, String)], status: Int32, values: [(String, Any)])]) throws -> URL {
        let dir = try TestSupport.tempDir()
        for r in runs {
            let id = r.params.map { "\($0.0)=\($0.1)" }.joined(separator: ",")
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("runs/\(id)"), withIntermediateDirectories: true)
            try SweepRecord(id: id, params: r.params, status: r.status, seconds: 1.5, values: r.values).write(to: SweepRecord.file(dir, id))
        }
        return dir
    }

    func testCollectGroupsBySweptParametersWithMeanAndStdOverSeeds() throws {
        var runs: [(params: [(String, String)], status: Int32, values: [(String, Any)])] = []
        for (lr, scores) in [("10", [1.0, 2.0, 3.0]), ("2", [10.0, 20.0])] {
            for (seed, s) in scores.enumerated() {
                runs.append(([("lr", lr), ("Seed", "\(seed)")], 0, [("score", s), ("solved", seed > 0), ("note", "n\(seed)")]))
            }
        }
        runs.append(([("lr", "2"), ("Seed", "2")], 1, []))
        let c = try SweepCollection(dir: try sweepFolder(runs), seedParam: nil)
        XCTAssertEqual(c.seedParam, "Seed", "the seed parameter is found in any case")
        XCTAssertEqual(c.groupNames, ["lr"])
        XCTAssertEqual(c.groups.map(\.key), [["2"], ["10"]], "numeric parameters in numeric order")
        let table = c.table()
        XCTAssertTrue(table.contains("score (mean ± std over Seed)"), table)
        XCTAssertTrue(table.contains("solved (mean ± std over Seed)"), table)
        XCTAssertFalse(table.contains("note"), "strings are not averaged: \(table)")
        let rows = table.split(separator: "\n").map(String.init)
        let two = rows.first { $0.contains("│ 2 ") } ?? "", ten = rows.first { $0.contains("│ 10 ") } ?? ""
        // Sample standard deviation (ddof 1, as pandas); the failed run counts in runs only.
        XCTAssertTrue(two.contains("2/3") && two.contains("15 ± 7.071") && two.contains("0.5 ± 0.7071"), two)
        XCTAssertTrue(ten.contains("3/3") && ten.contains("2 ± 1") && ten.contains("0.6667 ± 0.5774"), ten)
        let csv = c.csv().split(separator: "\n")
        XCTAssertEqual(csv.first, "lr,Seed,status,seconds,score,solved,note")
        XCTAssertEqual(csv.count, 7)
        XCTAssertTrue(csv.contains("2,2,1,1.5,,,"), "\(csv)")
    }

    func testCollectWithoutSeedAndWithAChosenSeedParameter() throws {
        let runs: [(params: [(String, String)], status: Int32, values: [(String, Any)])] = [
            ([("lr", "0.1"), ("rep", "0")], 0, [("score", 4.0)]), ([("lr", "0.1"), ("rep", "1")], 0, [("score", 6.0)]),
        ]
        let dir = try sweepFolder(runs)
        let plain = try SweepCollection(dir: dir, seedParam: nil)
        XCTAssertNil(plain.seedParam)
        XCTAssertEqual(plain.groups.count, 2, "without a seed parameter every run is its own group")
        let byRep = try SweepCollection(dir: dir, seedParam: "rep")
        XCTAssertEqual(byRep.groups.count, 1)
        XCTAssertTrue(byRep.table().contains("5 ± 1.414"), byRep.table())
        XCTAssertThrowsError(try SweepCollection(dir: dir, seedParam: "seed")) { e in
            XCTAssertTrue("\(e)".contains("no parameter 'seed'"), "\(e)")
        }
        XCTAssertEqual(SweepCollection.meanStd([3]).1, 0)
    }

    func testParametersEqualInEveryRunAreALineNotAColumn() throws {
        var runs: [(params: [(String, String)], status: Int32, values: [(String, Any)])] = []
        for scenario in ["0", "1"] {
            for seed in ["0", "1"] {
                runs.append(([("SCENARIO", scenario), ("BUDGET", "0.002"), ("SEED", seed)], 0, [("PPO", Double(seed) ?? 0)]))
            }
        }
        let c = try SweepCollection(dir: try sweepFolder(runs), seedParam: nil)
        XCTAssertEqual(c.constantParams.map(\.name), ["BUDGET"])
        let table = c.table()
        XCTAssertTrue(table.hasPrefix("every run: BUDGET=0.002\n"), table)
        XCTAssertTrue(table.contains("│ SCENARIO   │ runs   │ PPO (mean ± std over SEED)"), table)
        XCTAssertFalse(table.contains("│ 0.002"), table)
    }
}
