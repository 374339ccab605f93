import XCTest
@testable import SMRNotebook

/// LaTeX in markdown cells becomes MathML in HTML exports (issue 11): the formulas of the
/// source notebooks, the commands RL notes reach for, and malformed input shown safely.
final class LaTeXToMathMLTests: XCTestCase {
    /// The formula's MathML without the `<math>` wrapper and the TeX annotation.
    func body(_ latex: String, display: Bool = false) -> String {
        let full = LaTeXToMathML.convert(latex, display: display)
        guard let start = full.range(of: "<semantics>"), let end = full.range(of: "<annotation") else { return full }
        return String(full[start.upperBound..<end.lowerBound])
    }

    func testSourceFormulas() {
        XCTAssertEqual(body("\\pi"), "<mi>π</mi>")
        XCTAssertEqual(body("h_T"), "<msub><mi>h</mi><mi>T</mi></msub>")
        XCTAssertEqual(body("a_t \\sim \\pi(a_t|s_t,h_T)"),
                       "<mrow><msub><mi>a</mi><mi>t</mi></msub><mo>∼</mo><mi>π</mi><mo stretchy=\"false\">(</mo>"
                       + "<msub><mi>a</mi><mi>t</mi></msub><mo stretchy=\"false\">|</mo><msub><mi>s</mi><mi>t</mi></msub><mo>,</mo>"
                       + "<msub><mi>h</mi><mi>T</mi></msub><mo stretchy=\"false\">)</mo></mrow>")
        XCTAssertEqual(body("h_{t+1} = f_{\\theta}(h_t,s_t,a_t,r_t)"),
                       "<mrow><msub><mi>h</mi><mrow><mi>t</mi><mo>+</mo><mn>1</mn></mrow></msub><mo>=</mo>"
                       + "<msub><mi>f</mi><mi>θ</mi></msub><mo stretchy=\"false\">(</mo><msub><mi>h</mi><mi>t</mi></msub><mo>,</mo>"
                       + "<msub><mi>s</mi><mi>t</mi></msub><mo>,</mo><msub><mi>a</mi><mi>t</mi></msub><mo>,</mo>"
                       + "<msub><mi>r</mi><mi>t</mi></msub><mo stretchy=\"false\">)</mo></mrow>")
        XCTAssertTrue(body("\\pi(a_t|s_t,h_t;\\theta_{\\pi})").contains("<mo>;</mo><msub><mi>θ</mi><mi>π</mi></msub>"))
        XCTAssertTrue(body("M_t = W(M_{t-1},s_t,a_t,r_t)").contains("<msub><mi>M</mi><mrow><mi>t</mi><mo>−</mo><mn>1</mn></mrow></msub>"))
        XCTAssertEqual(body("M\\in R^{N\\times M}"),
                       "<mrow><mi>M</mi><mo>∈</mo><msup><mi>R</mi><mrow><mi>N</mi><mo>×</mo><mi>M</mi></mrow></msup></mrow>")
    }

    func testFractionsScriptsAndLargeOperators() {
        XCTAssertEqual(body("\\frac{1}{N}"), "<mfrac><mn>1</mn><mi>N</mi></mfrac>")
        XCTAssertEqual(body("x_i^2"), "<msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup>")
        XCTAssertEqual(body("x^{10}"), "<msup><mi>x</mi><mn>10</mn></msup>")
        XCTAssertEqual(body("\\sum_{t=0}^{T} \\gamma^t r_t", display: true),
                       "<mrow><munderover><mo largeop=\"true\" movablelimits=\"true\">∑</mo><mrow><mi>t</mi><mo>=</mo><mn>0</mn></mrow><mi>T</mi></munderover>"
                       + "<msup><mi>γ</mi><mi>t</mi></msup><msub><mi>r</mi><mi>t</mi></msub></mrow>")
        XCTAssertTrue(body("\\sum_{i} x_i").hasPrefix("<mrow><msub><mo largeop=\"true\" movablelimits=\"true\">∑</mo><mi>i</mi></msub>"))
        XCTAssertEqual(body("\\sqrt{d_k}"), "<msqrt><msub><mi>d</mi><mi>k</mi></msub></msqrt>")
        XCTAssertTrue(body("\\max_a Q(s,a)", display: true).hasPrefix("<mrow><munder><mo movablelimits=\"true\" form=\"prefix\">max</mo><mi>a</mi></munder>"))
    }

    func testFontsFunctionsAccentsAndFences() {
        XCTAssertEqual(body("\\mathbb{E}"), "<mi>𝔼</mi>")
        XCTAssertEqual(body("\\mathbb{R}^n"), "<msup><mi>ℝ</mi><mi>n</mi></msup>")
        XCTAssertEqual(body("\\mathcal{L}"), "<mi>ℒ</mi>")
        XCTAssertEqual(body("\\mathcal{D}"), "<mi>𝒟</mi>")
        XCTAssertEqual(body("\\text{softmax}"), "<mtext>softmax</mtext>")
        XCTAssertEqual(body("\\text{if } x"), "<mrow><mtext>if </mtext><mi>x</mi></mrow>")
        XCTAssertEqual(body("\\log p"), "<mrow><mi>log</mi><mo>\u{2061}</mo><mi>p</mi></mrow>")
        XCTAssertEqual(body("a \\cdot b"), "<mrow><mi>a</mi><mo>⋅</mo><mi>b</mi></mrow>")
        XCTAssertEqual(body("\\hat{A}_t"), "<msub><mover accent=\"true\"><mi>A</mi><mo stretchy=\"false\">^</mo></mover><mi>t</mi></msub>")
        XCTAssertEqual(body("\\left( \\frac{a}{b} \\right)"),
                       "<mrow><mo fence=\"true\" stretchy=\"true\">(</mo><mfrac><mi>a</mi><mi>b</mi></mfrac><mo fence=\"true\" stretchy=\"true\">)</mo></mrow>")
        XCTAssertEqual(body("\\left. x \\right|"), "<mrow><mi>x</mi><mo fence=\"true\" stretchy=\"true\">|</mo></mrow>")
        XCTAssertEqual(body("\\Delta"), "<mi mathvariant=\"normal\">Δ</mi>")
        XCTAssertEqual(body("a < b"), "<mrow><mi>a</mi><mo>&lt;</mo><mi>b</mi></mrow>")
    }

    func testDisplayAttributeAndAnnotation() {
        let inline = LaTeXToMathML.convert("x<y")
        XCTAssertTrue(inline.hasPrefix("<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><semantics>"))
        XCTAssertTrue(inline.hasSuffix("<annotation encoding=\"application/x-tex\">x&lt;y</annotation></semantics></math>"))
        XCTAssertTrue(LaTeXToMathML.convert("x", display: true).hasPrefix("<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\">"))
    }

    func testUnknownAndMalformedInputIsShownNotDropped() {
        XCTAssertEqual(body("\\foo{x}"), "<mrow><merror><mtext>\\foo</mtext></merror><mi>x</mi></mrow>")
        XCTAssertEqual(body("a}b"), "<mrow><mi>a</mi><merror><mtext>}</mtext></merror><mi>b</mi></mrow>")
        XCTAssertEqual(body("\\frac{1"), "<mfrac><mn>1</mn><mrow></mrow></mfrac>")
        XCTAssertEqual(body("^2"), "<msup><mrow></mrow><mn>2</mn></msup>")
        XCTAssertEqual(body("x_"), "<msub><mi>x</mi><mrow></mrow></msub>")
        XCTAssertEqual(body("\\left( x"), "<mrow><mo fence=\"true\" stretchy=\"true\">(</mo><mi>x</mi></mrow>")
        XCTAssertEqual(body("\\right)"), "<mrow><merror><mtext>\\right</mtext></merror><mo stretchy=\"false\">)</mo></mrow>")
        // Every malformed input converts to well-formed markup without trapping.
        for s in ["", "\\", "{", "}", "{{{", "_^_^", "\\frac", "\\sqrt[", "\\left", "\\right", "\\text{",
                  "\\mathbb", "x^{y_{z", "\\left(\\right", "$", "\\begin{matrix} a & b \\end{matrix}", "'''",
                  String(repeating: "{", count: 5000) + "x", String(repeating: "\\left(", count: 3000)] {
            let m = LaTeXToMathML.convert(s)
            XCTAssertTrue(m.hasPrefix("<math") && m.hasSuffix("</math>"), s)
            XCTAssertEqual(m.components(separatedBy: "<merror>").count, m.components(separatedBy: "</merror>").count, s)
        }
    }

    func testMarkdownFindsMathAndLeavesCurrencyAlone() {
        let html = MarkdownToHTML.render("policy $\\pi$ as:\n$$a_t \\sim \\pi$$\nwhere $h_T$ is")
        XCTAssertTrue(html.contains("policy <math xmlns=\"http://www.w3.org/1998/Math/MathML\"><semantics><mi>π</mi>"), html)
        XCTAssertTrue(html.contains("<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\">"), html)
        XCTAssertTrue(html.contains("where <math"), html)
        XCTAssertEqual(html.components(separatedBy: "<math ").count - 1, 3)
        // Underscores inside formulas are scripts, not italics.
        XCTAssertFalse(MarkdownToHTML.render("$a_t$ and $b_t$").contains("<em>"))
        for text in ["It costs $5 and $6 today.", "from $5 to $10", "a $ b $ c", "price: $3.50", "only one $sign"] {
            let h = MarkdownToHTML.render(text)
            XCTAssertFalse(h.contains("<math"), text)
            XCTAssertTrue(h.contains("$"), text)
        }
        XCTAssertEqual(MarkdownToHTML.render("\\$x$"), "<p>$x$</p>\n")
        XCTAssertFalse(MarkdownToHTML.render("`$x$`").contains("<math"))
    }
}
