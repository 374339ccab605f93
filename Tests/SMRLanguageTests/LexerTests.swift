import XCTest
@testable import SMRLanguage

final class LexerTests: XCTestCase {
    func kinds(_ s: String) -> [Token.Kind] {
        var l = Lexer(s)
        l.run()
        XCTAssertTrue(l.errors.isEmpty, "\(l.errors)")
        return l.tokens.map { $0.kind }
    }

    func testIndentAndDedent() {
        let k = kinds("if x:\n    y = 1\n\n    # comment\nz\n")
        XCTAssertEqual(k, [.keyword("if"), .name("x"), .op(":"), .newline, .indent, .name("y"), .op("="), .int(1), .newline,
                           .dedent, .name("z"), .newline, .eof])
    }

    func testNumbers() {
        XCTAssertEqual(kinds("1_000 0x1F 2.5 .5 1e-3 3. 0"), [.int(1000), .int(31), .float(2.5), .float(0.5), .float(0.001), .float(3), .int(0), .newline, .eof])
    }

    func testStringsAndEscapes() {
        XCTAssertEqual(kinds(#"'a\tb' "it's" '\\' '\'' r'\n'"#), [.string("a\tb"), .string("it's"), .string("\\"), .string("'"), .string("\\n"), .newline, .eof])
        XCTAssertEqual(kinds("'''multi\nline'''"), [.string("multi\nline"), .newline, .eof])
    }

    func testNewlinesInsideBracketsContinue() {
        XCTAssertEqual(kinds("f(1,\n  2)\n"), [.name("f"), .op("("), .int(1), .op(","), .int(2), .op(")"), .newline, .eof])
    }

    func testFStringToken() {
        guard case .fstring(let body, _, _, _)? = kinds("f'{x:.2f}'").first else { return XCTFail() }
        XCTAssertEqual(body, "{x:.2f}")
    }

    func testErrorsHaveLineAndColumn() {
        var l = Lexer("x = 1\ny = 'abc\nz = " + String(repeating: "9", count: 4301) + "\n")
        l.run()
        XCTAssertEqual(l.errors.count, 2)
        XCTAssertEqual(l.errors[0].line, 2)
        XCTAssertEqual(l.errors[0].column, 5)
        XCTAssertTrue(l.errors[0].message.hasPrefix("unterminated string literal"))
        XCTAssertEqual(l.errors[1].line, 3)
        XCTAssertTrue(l.errors[1].message.hasPrefix("Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits"))
    }
}
