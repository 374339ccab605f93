import Foundation
import XCTest
@testable import SMRNotebook

final class NotebookParsingTests: XCTestCase {
    func testRoundTripIsByteIdentical() throws {
        let texts = [
            "# %% [markdown]\n# # Title\n#\n# text  \n\n# %% tags=[\"parameters\"]\na = 1\n\n\n# %% Train\nprint(a)   \n",
            "# %% First\r\nx = 1\r\n\r\n# %% [markdown]\r\n# hi\r\n",
            "no markers\nat all",
            "",
            "\u{FEFF}# %%\nx\n",
            "x = 1\n# %%\ny = 2",
        ]
        for t in texts {
            let nb = Notebook.parse(text: t)
            XCTAssertEqual(nb.text(), t)
            XCTAssertEqual(Data(nb.text().utf8), Data(t.utf8))
        }
    }

    func testRoundTripThroughFile() throws {
        let dir = try TestSupport.tempDir()
        let prev = FileAccessPolicy.writing
        FileAccessPolicy.writing = FileAccessPolicy(allowing: [dir.path])
        defer { FileAccessPolicy.writing = prev }
        let text = "# %% a\r\nx = 1  \r\n\r\n# %% [markdown]\r\n#\r\n# t\r\n"
        let src = dir.appendingPathComponent("a.smrnb"), dst = dir.appendingPathComponent("b.smrnb")
        try Data(text.utf8).write(to: src)
        try Notebook.load(path: src.path).write(to: dst.path)
        XCTAssertEqual(try Data(contentsOf: dst), Data(text.utf8))
    }

    func testCellsKindsTitlesTagsAndNumbers() {
        let nb = Notebook.parse(text: """
            # %% [markdown]
            # # Heading
            #
            # Some *text*.

            # %% tags=["parameters"]
            episodes = 3

            # %% Train the agent tags=["slow", 'x']
            print(episodes)
            # %% [raw]
            raw text
            """)
        XCTAssertEqual(nb.cells.map(\.kind), [.markdown, .code, .code, .raw])
        XCTAssertEqual(nb.cells.map(\.number), [1, 2, 3, 4])
        XCTAssertEqual(nb.cells[0].source, "# Heading\n\nSome *text*.")
        XCTAssertTrue(nb.cells[1].isParameters)
        XCTAssertNil(nb.cells[1].title)
        XCTAssertEqual(nb.cells[2].title, "Train the agent")
        XCTAssertEqual(nb.cells[2].tags, ["slow", "x"])
        XCTAssertEqual(nb.cells[2].firstLine, 10)
        XCTAssertEqual(nb.parametersCell?.number, 2)
        XCTAssertEqual(nb.cells[1].source, "episodes = 3")
    }

    func testLeadingCodeAndPreamble() {
        let withCode = Notebook.parse(text: "import numpy as np\n# %%\nx = 1\n")
        XCTAssertEqual(withCode.cells.count, 2)
        XCTAssertNil(withCode.cells[0].marker)
        XCTAssertEqual(withCode.cells[0].source, "import numpy as np")
        let commentsOnly = Notebook.parse(text: "# a header comment\n\n# %%\nx = 1\n")
        XCTAssertEqual(commentsOnly.cells.count, 1)
        XCTAssertEqual(commentsOnly.preamble, ["# a header comment", ""])
        XCTAssertEqual(commentsOnly.cells[0].number, 1)
    }

    func testNoMarkerIsOneCodeCell() {
        let nb = Notebook.parse(text: "x = 1\nfor i in range(3):\n    print(i)\n")
        XCTAssertEqual(nb.cells.count, 1)
        XCTAssertEqual(nb.cells[0].kind, .code)
        XCTAssertEqual(nb.cells[0].source, "x = 1\nfor i in range(3):\n    print(i)")
    }

    func testCRLFSourcesHaveNoCarriageReturns() {
        let nb = Notebook.parse(text: "# %% [markdown]\r\n# hello\r\n#\r\n# %% T\r\nx = 1\r\n")
        XCTAssertEqual(nb.lineEnding, "\r\n")
        XCTAssertEqual(nb.cells[0].source, "hello")
        XCTAssertEqual(nb.cells[1].source, "x = 1")
        XCTAssertEqual(nb.cells[1].title, "T")
    }

    func testMarkerRecognition() {
        XCTAssertTrue(Notebook.isMarker("# %%"))
        XCTAssertTrue(Notebook.isMarker("# %% title"))
        XCTAssertFalse(Notebook.isMarker("    # %%"))
        XCTAssertFalse(Notebook.isMarker("#%%"))
        XCTAssertFalse(Notebook.isMarker("# %%%"))
    }

    func testExecutableSourceKeepsFileLineNumbers() {
        let nb = Notebook.parse(text: "# %%\na = 1\n# %% b\n\nb = 2\n")
        XCTAssertEqual(nb.cells[1].executableSource, "\n\n\n\nb = 2")
    }

    func testInvalidUTF8IsAnErrorWithLineAndColumn() {
        let data = Data("ok\nfine\n".utf8) + Data([0xFF, 0xFE, 0x0A])
        XCTAssertThrowsError(try Notebook.parse(data: data, path: "bin")) { e in
            XCTAssertEqual(e as? NotebookError, .notUTF8(path: "bin", line: 3, column: 1))
        }
        let mid = Data("x = 1\ns = 'é".utf8) + Data([0xC3, 0x28]) + Data("'\n".utf8)
        XCTAssertThrowsError(try Notebook.parse(data: mid, path: "m")) { e in
            XCTAssertEqual(e as? NotebookError, .notUTF8(path: "m", line: 2, column: 7))
            XCTAssertEqual("\(e)", "'m' is not UTF-8 text (invalid bytes at line 2, column 7)")
        }
    }

    func testMissingFile() {
        XCTAssertThrowsError(try Notebook.load(path: "/nonexistent/x.smrnb"))
    }
}
