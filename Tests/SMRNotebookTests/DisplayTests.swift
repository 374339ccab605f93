import Foundation
import XCTest
@testable import SMRNotebook
import SMRAgents
import SMRLanguage

final class DisplayTests: XCTestCase {
    /// Every case of Golden/tabulate_cases.json (made by scripts/make_tabulate_goldens.py
    /// with Python's tabulate 0.10) renders identically.
    func testTablesMatchTabulate() throws {
        let data = try Data(contentsOf: TestSupport.goldenFile("tabulate_cases.json"))
        guard let cases = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return XCTFail("bad json") }
        XCTAssertGreaterThan(cases.count, 10)
        for c in cases {
            let name = c["name"] as? String ?? "?"
            let rows: [[TableCell]] = (c["rows"] as? [[[String]]] ?? []).map { row in
                row.map { cell in
                    switch cell[0] {
                    case "int": return .int(Int(cell[1]) ?? 0)
                    case "float": return .float(Double(cell[1]) ?? .nan)
                    case "bool": return .bool(cell[1] == "True")
                    case "none": return .none
                    default: return .str(cell[1])
                    }
                }
            }
            let got = try Table.render(rows: rows, headers: c["headers"] as? [String], format: c["tablefmt"] as? String ?? "",
                                       floatfmt: c["floatfmt"] as? String ?? "g")
            XCTAssertEqual(got, c["expected"] as? String, "case \(name):\n\(got)")
        }
    }

    func testTableBuiltinFromTheLanguage() throws {
        let out = CapturingOutputSink()
        let interp = Session.makeInterpreter(output: out)
        let v = try interp.run(source: "table([{'name': 'ppo', 'score': 1.5}, {'name': 'smr', 'score': 12.25}], headers='keys')")
        XCTAssertEqual(v?.repr, """
            ╭────────┬─────────╮
            │ name   │   score │
            ├────────┼─────────┤
            │ ppo    │    1.5  │
            │ smr    │   12.25 │
            ╰────────┴─────────╯
            """)
        XCTAssertThrowsError(try interp.run(source: "table([[1]], tablefmt='rounded')")) { e in
            XCTAssertTrue("\(e)".contains("rounded_outline"), "\(e)")
        }
        _ = try interp.run(source: "print(table([[1, 2]], tablefmt='plain'))")
        XCTAssertEqual(out.take(), "1  2\n")
    }

    func testPlotRendersTextAndSVG() throws {
        let out = CapturingOutputSink()
        let interp = Session.makeInterpreter(output: out)
        let v = try interp.run(source: "p = plot({'a': [1, 2, 3, 2], 'b': [3, 1, 0, 1]}, title='T', xlabel='step', ylabel='r')\np")
        guard case .object(let o)? = v, let p = o as? Plot else { return XCTFail("no plot") }
        let text = p.text(color: false)
        XCTAssertTrue(text.contains("T"))
        XCTAssertTrue(text.contains("••")) // legend markers without color
        XCTAssertTrue(text.contains("┤"))
        XCTAssertTrue(out.text.contains(text)) // shown when called
        let svg = p.svg()
        XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        XCTAssertEqual(svg.components(separatedBy: "<polyline").count - 1, 2)
        XCTAssertTrue(svg.hasSuffix("</svg>"))
        // Single series: braille characters.
        let single = try interp.run(source: "plot([0, 1, 4, 9, 16])")
        XCTAssertTrue(single?.repr.unicodeScalars.contains { $0.value >= 0x2801 && $0.value <= 0x28FF } ?? false)
        XCTAssertThrowsError(try interp.run(source: "plot([1, 2], [1])"))
        XCTAssertThrowsError(try interp.run(source: "plot(['a'])"))
        XCTAssertNoThrow(try interp.run(source: "plot([])"))
    }

    func testProgressMeterMatchesTqdm() {
        XCTAssertEqual(Progress.meter(n: 42, total: 100, elapsed: 3.36, desc: "train", columns: 80),
                       "train:  42%|██████████████▋                    | 42/100 [00:03<00:04, 12.50it/s]")
        XCTAssertEqual(Progress.meter(n: 0, total: 100, elapsed: 0, columns: 60),
                       "  0%|                               | 0/100 [00:00<?, ?it/s]")
        XCTAssertEqual(Progress.meter(n: 7, total: nil, elapsed: 3.5, desc: "steps"), "steps: 7it [00:03,  2.00it/s]")
        XCTAssertEqual(Progress.meter(n: 3, total: 10, elapsed: 7.5, columns: 70),
                       " 30%|██████████▏                       | 3/10 [00:07<00:17,  2.50s/it]")
        XCTAssertEqual(Progress.meter(n: 100, total: 100, elapsed: 3725, columns: 80),
                       "100%|███████████████████████████████████████| 100/100 [1:02:05<00:00, 37.25s/it]")
    }

    func testProgressPlainLinesWhenNotATerminal() {
        var lines: [String] = []
        var now = 0.0
        let bar = Progress(total: 50, desc: "run", isTerminal: false, columns: 60, write: { lines.append($0) }, clock: { now })
        for _ in 0..<50 { now += 0.1; bar.update() }
        bar.close()
        XCTAssertEqual(lines.count, 10) // 10 %, 20 %, … 90 %, then the final line
        XCTAssertTrue(lines.allSatisfy { $0.hasSuffix("\n") && !$0.contains("\r") })
        XCTAssertTrue(lines.last?.hasPrefix("run: 100%|") ?? false)
    }

    func testProgressTerminalRefreshIsRateLimited() {
        var writes = 0
        var now = 0.0
        let bar = Progress(total: 1000, isTerminal: true, columns: 60, write: { _ in writes += 1 }, clock: { now })
        for _ in 0..<1000 { now += 0.001; bar.update() } // one second
        bar.close()
        XCTAssertLessThanOrEqual(writes, 14) // initial + ≤ 10/s + last + close
    }

    func testSB3LogBox() {
        let box = LogBox.sb3([("rollout/ep_rew_mean", .float(-1234.5678)), ("rollout/ep_len_mean", .int(200)),
                              ("time/fps", .int(812)), ("train/loss", .float(0.000123)), ("train/n_updates", .int(10))])
        XCTAssertEqual(box, "------------------------------\n| rollout/       |           |\n|    ep_len_mean | 200       |\n|    ep_rew_mean | -1.23e+03 |\n| time/          |           |\n|    fps         | 812       |\n| train/         |           |\n|    loss        | 0.000123  |\n|    n_updates   | 10        |\n------------------------------")
    }

    func testReferenceLogBox() throws {
        let box = LogBox.reference([
            .init(header: "rollout", stats: [("ep_len_mean", .float(8.0)), ("ep_rew_mean", .float(0.98))]),
            .init(header: "train", stats: [("n_updates", .int(12)), ("loss", .float(-0.0456)), ("status", .str("ok"))]),
        ])
        XCTAssertEqual(box, "------------------------------\n| rollout/       |           |\n|    ep_len_mean |    8.000  |\n|    ep_rew_mean |    0.980  |\n| train/         |           |\n|    n_updates   |       12  |\n|    loss        |   -0.046  |\n|    status      |    ok     |\n------------------------------")
        let out = CapturingOutputSink()
        let interp = Session.makeInterpreter(output: out)
        try interp.run(source: "print_sb3_style_log_box([{'header': 'rollout', 'stats': {'ep_len_mean': 8.0, 'ep_rew_mean': 0.98}}, {'header': 'train', 'stats': {'n_updates': 12, 'loss': -0.0456, 'status': 'ok'}}])")
        XCTAssertEqual(out.text, box + "\n")
    }

    func testPyFormat() {
        XCTAssertEqual(PyFormat.format(-1234.5678, "<8.3g"), "-1.23e+03")
        XCTAssertEqual(PyFormat.format(0.5, "<8.3g"), "0.5     ")
        XCTAssertEqual(PyFormat.format(1234567.891, ",.2f"), "1,234,567.89")
        XCTAssertEqual(PyFormat.format(0.125, ".1%"), "12.5%")
        XCTAssertEqual(PyFormat.format(3.0, ""), "3.0")
        XCTAssertEqual(PyFormat.format(Double.nan, "8.3f"), "     nan")
        XCTAssertEqual(PyFormat.format(42, "05d"), "00042")
        XCTAssertEqual(PyFormat.format("ab", "^6"), "  ab  ")
    }
}
