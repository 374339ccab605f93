import Foundation

/// numpy's printing of float32 values: scalars (`0.6520163`, `1e-05`) and arrays
/// (`array([ 0.6520163 ,  0.758205  , -0.46042657], dtype=float32)`), following
/// `numpy/_core/arrayprint.py` (floatmode `maxprec`, precision 8, linewidth 75).
public enum NumpyFormat {
    /// Sign, shortest round-trip digits *as float32* and decimal point position
    /// (value = 0.DIGITS × 10^point) of a finite non-zero value.
    static func shortestDigits<F: BinaryFloatingPoint & CustomStringConvertible>(_ f: F) -> (negative: Bool, digits: String, point: Int) {
        let text = f.magnitude.description  // Swift prints the shortest float32 round-trip text
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var intPart = mantissa
        var fracPart: Substring = ""
        if let dot = mantissa.firstIndex(of: ".") {
            intPart = mantissa[..<dot]
            fracPart = mantissa[mantissa.index(after: dot)...]
        }
        var digits = String(intPart) + String(fracPart)
        var point = intPart.count + exponent
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            point -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        return (f.sign == .minus, digits, point)
    }

    /// `str(np.float32(x))`: Python's float layout with float32's shortest digits.
    public static func scalar<F: BinaryFloatingPoint & CustomStringConvertible>(_ f: F) -> String {
        if f.isNaN { return "nan" }
        if f.isInfinite { return f < 0 ? "-inf" : "inf" }
        if f == 0 { return f.sign == .minus ? "-0.0" : "0.0" }
        let (negative, digits, point) = shortestDigits(f)
        return Repr.floatLayout(negative: negative, digits: String(digits), point: point)
    }

    /// Positional text with at most 8 fractional digits: (integer part with sign, fraction).
    static func positionalParts<F: BinaryFloatingPoint & CustomStringConvertible>(_ f: F) -> (String, String) {
        if f == 0 { return (f.sign == .minus ? "-0" : "0", "") }
        let (negative, digits, point) = shortestDigits(f)
        let fractionDigits = max(0, digits.count - point)
        var text: String
        if fractionDigits > 8 {
            text = String(format: "%.8f", Double(f))
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasPrefix("-") { text.removeFirst() }
        } else if point <= 0 {
            text = "0." + String(repeating: "0", count: -point) + digits
        } else if point >= digits.count {
            text = digits + String(repeating: "0", count: point - digits.count) + "."
        } else {
            let i = digits.index(digits.startIndex, offsetBy: point)
            text = digits[..<i] + "." + digits[i...]
        }
        let dot = text.firstIndex(of: ".") ?? text.endIndex
        let intPart = (negative ? "-" : "") + String(text[..<dot])
        let frac = dot < text.endIndex ? String(text[text.index(after: dot)...]) : ""
        return (intPart, frac)
    }

    /// Scientific parts with at most 8 mantissa fraction digits: (integer digit with sign, fraction, exponent).
    static func scientificParts<F: BinaryFloatingPoint & CustomStringConvertible>(_ f: F) -> (String, String, Int) {
        if f == 0 { return (f.sign == .minus ? "-0" : "0", "", 0) }
        var (negative, digits, point) = shortestDigits(f)
        if digits.count > 9 {
            let text = String(format: "%.8e", Double(f).magnitude)
            let parts = text.split(separator: "e")
            var mantissa = parts.first.map(String.init) ?? ""
            mantissa.removeAll { $0 == "." }
            while mantissa.hasSuffix("0") && mantissa.count > 1 { mantissa.removeLast() }
            digits = mantissa
            point = (parts.count > 1 ? Int(parts[1]) ?? 0 : 0) + 1
        }
        _ = negative
        return ((f.sign == .minus ? "-" : "") + String(digits.prefix(1)), String(digits.dropFirst()), point - 1)
    }

    /// The element texts of an array, padded to a common width as numpy pads them.
    public static func elementTexts<F: BinaryFloatingPoint & CustomStringConvertible>(_ data: [F]) -> [String] {
        let finite = data.filter { $0.isFinite }
        let magnitudes = finite.map { $0.magnitude }.filter { $0 != 0 }
        var exponential = false
        if let largest = magnitudes.max(), let smallest = magnitudes.min() {
            exponential = largest >= 1e8 || smallest < 0.0001 || Double(largest) / Double(smallest) > 1000
        }
        let hasNegativeInfinity = data.contains { $0.isInfinite && $0 < 0 }
        if exponential {
            let parts = finite.map(scientificParts)
            let precision = parts.map { $0.1.count }.max() ?? 0
            let expSize = max(2, parts.map { String(abs($0.2)).count }.max() ?? 2)
            var padLeft = parts.map { $0.0.count }.max() ?? 0
            let padRight = expSize + 2 + precision
            let offset = padRight + 1
            if finite.count != data.count { padLeft = max(padLeft, 3 - offset, 3 + (hasNegativeInfinity ? 1 : 0) - offset) }
            return data.map { f in
                guard f.isFinite else { return nonFinite(f, width: padLeft + padRight + 1) }
                let (i, frac, e) = scientificParts(f)
                let expText = String(abs(e))
                let body = i + "." + frac + String(repeating: "0", count: precision - frac.count)
                    + "e" + (e < 0 ? "-" : "+") + String(repeating: "0", count: expSize - expText.count) + expText
                return String(repeating: " ", count: max(0, padLeft - i.count)) + body
            }
        }
        let parts = finite.map(positionalParts)
        var padLeft = parts.map { $0.0.count }.max() ?? 0
        let padRight = parts.map { $0.1.count }.max() ?? 0
        let offset = padRight + 1
        if finite.count != data.count { padLeft = max(padLeft, 3 - offset, 3 + (hasNegativeInfinity ? 1 : 0) - offset) }
        return data.map { f in
            guard f.isFinite else { return nonFinite(f, width: padLeft + padRight + 1) }
            let (i, frac) = positionalParts(f)
            return String(repeating: " ", count: max(0, padLeft - i.count)) + i + "." + frac
                + String(repeating: " ", count: padRight - frac.count)
        }
    }

    static func nonFinite<F: BinaryFloatingPoint & CustomStringConvertible>(_ f: F, width: Int) -> String {
        let text = f.isNaN ? "nan" : (f < 0 ? "-inf" : "inf")
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }

    /// numpy's `_formatArray` (no summarisation): nested brackets, wrapping at `lineWidth`.
    public static func formatArray(_ words: [String], shape: [Int], lineWidth: Int, prefix: String, separator: String) -> String {
        let strides = shape.indices.map { shape[($0 + 1)...].reduce(1, *) }
        func recurse(_ axis: Int, _ offset: Int, _ hangingIndent: String, _ currentWidth: Int) -> String {
            if axis == shape.count { return offset < words.count ? words[offset] : "" }
            let nextIndent = hangingIndent + " "
            let nextWidth = currentWidth - 1
            let count = shape[axis]
            let axesLeft = shape.count - axis
            var s = ""
            if axesLeft == 1 {
                let elementWidth = currentWidth - max(separator.trimmingCharacters(in: .whitespaces).count, 1)
                var line = hangingIndent
                for i in 0..<count {
                    let word = recurse(axis + 1, offset + i * strides[axis], nextIndent, nextWidth)
                    var wrap = line.count + word.count > elementWidth
                    if line.count <= hangingIndent.count { wrap = false }
                    if wrap {
                        while line.hasSuffix(" ") { line.removeLast() }
                        s += line + "\n"
                        line = hangingIndent
                    }
                    line += word
                    if i < count - 1 { line += separator }
                }
                s += line
            } else {
                let lineSeparator = separator.trimmingCharacters(in: .whitespaces) + String(repeating: "\n", count: axesLeft - 1)
                for i in 0..<count {
                    let nested = recurse(axis + 1, offset + i * strides[axis], nextIndent, nextWidth)
                    s += hangingIndent + nested + (i < count - 1 ? lineSeparator : "")
                }
            }
            return "[" + String(s.dropFirst(hangingIndent.count)) + "]"
        }
        return recurse(0, 0, String(repeating: " ", count: prefix.count + 1), lineWidth)
    }

    /// `repr(array)` of float32 data.
    public static func arrayRepr(_ data: [Float], shape: [Int]) -> String {
        arrayRepr(words: elementTexts(data), shape: shape, dtype: "float32", showDtype: true)
    }

    /// `str(array)` of float32 data.
    public static func arrayStr(_ data: [Float], shape: [Int]) -> String {
        arrayStr(words: elementTexts(data), shape: shape)
    }

    /// `repr(array)` from padded element texts; numpy names the dtype unless it is
    /// float64, int64 or bool (and always for an empty array).
    public static func arrayRepr(words: [String], shape: [Int], dtype: String, showDtype: Bool) -> String {
        if words.isEmpty { return "array([], shape=\(shapeText(shape)), dtype=\(dtype))".replacingOccurrences(of: "shape=(0,), ", with: "") }
        if shape.isEmpty { return "array(\(words[0].trimmingCharacters(in: .whitespaces))" + (showDtype ? ", dtype=\(dtype))" : ")") }
        let body = formatArray(words, shape: shape, lineWidth: 75 - 1, prefix: "array(", separator: ", ")
        guard showDtype else { return "array(" + body + ")" }
        // numpy moves the dtype to its own line when it would pass the line width.
        let text = "array(" + body + ","
        let lastLine = text.count - ((text.lastIndex(of: "\n").map { text.distance(from: text.startIndex, to: $0) + 1 }) ?? 0)
        let dtypeText = "dtype=\(dtype))"
        return text + (lastLine + dtypeText.count + 1 > 75 ? "\n      " : " ") + dtypeText
    }

    /// `str(array)` from padded element texts.
    public static func arrayStr(words: [String], shape: [Int]) -> String {
        if shape.isEmpty { return words.first?.trimmingCharacters(in: .whitespaces) ?? "" }
        if words.isEmpty { return "[]" }
        return formatArray(words, shape: shape, lineWidth: 75, prefix: "", separator: " ")
    }

    /// Integers right-aligned to a common width; booleans as numpy pads them (` True`, `False`).
    public static func intTexts(_ data: [Int]) -> [String] {
        let s = data.map(String.init)
        let w = s.map { $0.count }.max() ?? 0
        return s.map { String(repeating: " ", count: w - $0.count) + $0 }
    }

    public static func boolTexts(_ data: [Bool]) -> [String] { data.map { $0 ? " True" : "False" } }

    /// `(3,)`, `(2,3)`: how numpy's C code writes shapes in its error messages.
    public static func compactShapeText(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ",") + ")"
    }

    /// `(3,)`, `(2, 3)`.
    public static func shapeText(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
}
