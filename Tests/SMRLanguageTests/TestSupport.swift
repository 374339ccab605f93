import XCTest
@testable import SMRLanguage

/// Run a program in a fresh interpreter; returns its output and the error, if any.
func runProgram(_ source: String, file: String = "test.py") -> (output: String, error: PyError?) {
    let out = CapturingOutputSink()
    let interp = Interpreter(output: out)
    do {
        try interp.run(source: source, fileName: file)
        return (out.text, nil)
    } catch let e as PyError {
        return (out.text, e)
    } catch {
        return (out.text, PyError(.runtimeError, "non-language error: \(error)"))
    }
}

/// Output of a program that must succeed.
func output(_ source: String, file: StaticString = #filePath, line: UInt = #line) -> String {
    let (out, err) = runProgram(source)
    if let err { XCTFail("unexpected error: \(err.formatted())", file: file, line: line) }
    return out
}

/// The error a program must raise.
func error(_ source: String, file: StaticString = #filePath, line: UInt = #line) -> PyError? {
    let (_, err) = runProgram(source)
    if err == nil { XCTFail("expected an error from: \(source)", file: file, line: line) }
    return err
}

/// Deterministic pseudo-random numbers (SplitMix64), so failures reproduce.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
