import Foundation

/// Python's `format(x, ".Nf")` and `format(x, ".Ng")` for the log boxes, which must print
/// numbers exactly as SB3 and the reference do. C's `%f`/`%g` agree with Python for finite
/// values; non-finite ones are spelled as Python spells them (`nan`, `inf`, `-inf`, never `-nan`).
enum NumberText {
    static func fixed(_ x: Double, precision: Int) -> String {
        nonFinite(x) ?? String(format: "%.\(precision)f", x)
    }

    static func general(_ x: Double, precision: Int) -> String {
        nonFinite(x) ?? String(format: "%.\(precision)g", x)
    }

    private static func nonFinite(_ x: Double) -> String? {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        return nil
    }
}

extension String {
    /// Pads with spaces to `width` characters: on the right (left-aligned) by default, on the
    /// left when `right` is true; longer strings are kept whole, as Python's format does.
    func padding(toLength width: Int, right: Bool = false) -> String {
        let pad = max(0, width - count)
        guard pad > 0 else { return self }
        let spaces = String(repeating: " ", count: pad)
        return right ? spaces + self : self + spaces
    }

    /// Centred in `width` as Python's `^` alignment: the extra space goes to the right.
    func centered(in width: Int) -> String {
        let pad = max(0, width - count)
        let left = pad / 2
        return String(repeating: " ", count: left) + self + String(repeating: " ", count: pad - left)
    }
}
