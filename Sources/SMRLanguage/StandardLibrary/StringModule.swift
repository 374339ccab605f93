/// `import string`: the character-class constants (`ascii_letters`, `digits`,
/// `punctuation`, …) and `capwords`.
enum StringModule {
    static func make() -> NativeModule {
        let m = NativeModule("string", doc: """
            Common string constants.
                string.ascii_lowercase   # 'abcdefghijklmnopqrstuvwxyz'
                word.strip(string.punctuation)
            """)
        let lower = "abcdefghijklmnopqrstuvwxyz", upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        let digits = "0123456789", punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", whitespace = " \t\n\r\u{0B}\u{0C}"
        m.add("ascii_lowercase", .str(lower))
        m.add("ascii_uppercase", .str(upper))
        m.add("ascii_letters", .str(lower + upper))
        m.add("digits", .str(digits))
        m.add("hexdigits", .str(digits + "abcdefABCDEF"))
        m.add("octdigits", .str("01234567"))
        m.add("punctuation", .str(punctuation))
        m.add("whitespace", .str(whitespace))
        m.add("printable", .str(digits + lower + upper + punctuation + whitespace))
        m.function("capwords", doc: "Split on sep (whitespace by default), capitalize each word, join with sep (a space).",
                   params: [Param("s", .str), Param("sep", .any, default: .none)]) { a in
            let s = try a.string("s")
            let sepArg = a["sep"]
            let words: [String]
            let joiner: String
            if case .str(let sep) = sepArg {
                guard !sep.isEmpty else { throw PyError.value("empty separator") }
                words = s.components(separatedBy: sep)
                joiner = sep
            } else {
                words = s.split(whereSeparator: { $0.isWhitespace }).map(String.init)
                joiner = " "
            }
            return .str(words.map { w in w.prefix(1).uppercased() + w.dropFirst().lowercased() }.joined(separator: joiner))
        }
        return m
    }
}
