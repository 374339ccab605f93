import Foundation
import XCTest
@testable import SMRNotebook

final class ExportTests: XCTestCase {
    let source = """
        # %% [markdown]
        # # Title
        #
        # Some **bold** text <b>.

        # %% tags=["parameters"]
        n = 3

        # %% Compute
        xs = [i * i for i in range(n)]
        print("xs:", xs)
        sum(xs)

        # %% Plot
        plot(xs, title="squares")

        # %% Fails
        1 / 0
        """

    func run(_ params: [String] = []) throws -> (Notebook, RunSummary) {
        let nb = Notebook.parse(text: source, path: "demo.smrnb")
        let s = try NotebookRunner(notebook: nb, options: RunOptions(parameters: try ParameterOverrides(parsing: params), keepGoing: true)).run()
        return (nb, s)
    }

    func testIpynbStructure() throws {
        let (nb, summary) = try run(["n=4"])
        let text = IpynbExporter.export(nb, summary)
        guard let doc = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return XCTFail("not JSON") }
        XCTAssertEqual(doc["nbformat"] as? Int, 4)
        XCTAssertGreaterThanOrEqual(doc["nbformat_minor"] as? Int ?? 0, 4)
        XCTAssertNotNil((doc["metadata"] as? [String: Any])?["kernelspec"])
        guard let cells = doc["cells"] as? [[String: Any]] else { return XCTFail("no cells") }
        XCTAssertEqual(cells.count, 6) // 5 cells + injected parameters
        var ids = Set<String>()
        for c in cells {
            let type = c["cell_type"] as? String
            XCTAssertTrue(["markdown", "code"].contains(type))
            XCTAssertNotNil(c["metadata"] as? [String: Any])
            XCTAssertNotNil(c["source"] as? [String])
            let id = c["id"] as? String ?? ""
            XCTAssertTrue(id.range(of: "^[a-zA-Z0-9_-]{1,64}$", options: .regularExpression) != nil, id)
            XCTAssertTrue(ids.insert(id).inserted)
            if type == "code" {
                XCTAssertTrue(c.keys.contains("execution_count"))
                XCTAssertNotNil(c["outputs"] as? [[String: Any]])
            } else {
                XCTAssertNil(c["outputs"])
            }
        }
        XCTAssertEqual((cells[2]["metadata"] as? [String: Any])?["tags"] as? [String], ["injected-parameters"])
        XCTAssertEqual(cells[2]["source"] as? [String], ["n = 4"])
        let compute = cells[3]
        XCTAssertEqual(compute["execution_count"] as? Int, 3)
        let outs = compute["outputs"] as? [[String: Any]] ?? []
        XCTAssertEqual(outs.map { $0["output_type"] as? String }, ["stream", "execute_result"])
        XCTAssertEqual(outs[0]["name"] as? String, "stdout")
        XCTAssertEqual(outs[0]["text"] as? [String], ["xs: [0, 1, 4, 9]\n"])
        XCTAssertEqual(outs[1]["execution_count"] as? Int, 3)
        XCTAssertEqual((outs[1]["data"] as? [String: Any])?["text/plain"] as? [String], ["14"])
        let plotOut = (cells[4]["outputs"] as? [[String: Any]])?.first
        XCTAssertEqual(plotOut?["output_type"] as? String, "display_data")
        let svg = ((plotOut?["data"] as? [String: Any])?["image/svg+xml"] as? [String])?.joined() ?? ""
        XCTAssertTrue(svg.hasPrefix("<svg"))
        let err = (cells[5]["outputs"] as? [[String: Any]])?.first
        XCTAssertEqual(err?["output_type"] as? String, "error")
        XCTAssertEqual(err?["ename"] as? String, "ZeroDivisionError")
        XCTAssertNotNil(err?["traceback"] as? [String])
    }

    func testMarkdownExport() throws {
        let (nb, summary) = try run()
        let md = MarkdownExporter.export(nb, summary)
        XCTAssertTrue(md.hasPrefix("# Title\n\nSome **bold** text <b>."))
        XCTAssertTrue(md.contains("```python\nxs = [i * i for i in range(n)]"))
        XCTAssertTrue(md.contains("```text\nxs: [0, 1, 4]\n5\n```"))
        XCTAssertTrue(md.contains("ZeroDivisionError: division by zero"))
    }

    func testHTMLExportIsSelfContained() throws {
        let (nb, summary) = try run()
        let html = HTMLExporter.export(nb, summary)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(html.contains("<style>"))
        XCTAssertTrue(html.contains("<h1>Title</h1>"))
        XCTAssertTrue(html.contains("<strong>bold</strong> text &lt;b&gt;."))
        XCTAssertTrue(html.contains("<svg xmlns="))
        XCTAssertFalse(html.contains("<script"))
        XCTAssertFalse(html.contains("src=\"http"))
        XCTAssertFalse(html.contains("<link"))
    }
    /// Issue 11: the sources' LaTeX renders as MathML in the exported page, with no script
    /// or network resource, and dollar amounts stay text.
    func testHTMLExportRendersLaTeXAsMathML() throws {
        let text = """
            # %% [markdown]
            # Memory-Aug RL agents parameterize a policy $\\pi$ as:
            # $$a_t \\sim \\pi(a_t|s_t,h_T)$$
            # where $h_T$ is a memory state, $M\\in R^{N\\times M}$, and
            # $$\\mathcal{L} = \\mathbb{E}\\left[\\sum_{t} \\frac{1}{T} \\log \\hat{\\pi}_t\\right]$$
            # A GPU costs $5 and $6 per hour; \\unknown is fine in $\\foo x$.

            # %%
            print("done")
            """
        let nb = Notebook.parse(text: text, path: "math.smrnb")
        let summary = try NotebookRunner(notebook: nb, options: RunOptions()).run()
        let html = HTMLExporter.export(nb, summary)
        XCTAssertEqual(html.components(separatedBy: "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"").count - 1, 6, html)
        XCTAssertEqual(html.components(separatedBy: "display=\"block\"").count - 1, 2)
        XCTAssertTrue(html.contains("<mi>π</mi>"))
        XCTAssertTrue(html.contains("<mi>ℒ</mi>") && html.contains("<mi>𝔼</mi>") && html.contains("<mfrac>"))
        XCTAssertTrue(html.contains("<merror><mtext>\\foo</mtext></merror>"))
        XCTAssertTrue(html.contains("costs $5 and $6 per hour"))
        XCTAssertFalse(html.contains("<script"))
        XCTAssertFalse(html.contains("http://") && html.replacingOccurrences(of: "http://www.w3.org/1998/Math/MathML", with: "").contains("http://"))
    }
}
