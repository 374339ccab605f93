/// The LaTeX command names `LaTeXToMathML` knows, with the characters MathML shows for them.
enum LaTeXSymbols {
    static let greek: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε",
        "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
        "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ",
        "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "ϕ",
        "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
        "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    ]

    /// Relations, binary operators, arrows and punctuation-like symbols (`<mo>`).
    static let operators: [String: String] = [
        "sim": "∼", "simeq": "≃", "approx": "≈", "cong": "≅", "equiv": "≡", "propto": "∝",
        "neq": "≠", "ne": "≠", "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "ll": "≪", "gg": "≫",
        "in": "∈", "notin": "∉", "ni": "∋", "subset": "⊂", "subseteq": "⊆", "supset": "⊃", "supseteq": "⊇",
        "cup": "∪", "cap": "∩", "setminus": "∖", "emptyset": "∅", "varnothing": "∅",
        "cdot": "⋅", "times": "×", "div": "÷", "pm": "±", "mp": "∓", "ast": "∗", "star": "⋆",
        "circ": "∘", "bullet": "∙", "odot": "⊙", "otimes": "⊗", "oplus": "⊕",
        "to": "→", "rightarrow": "→", "leftarrow": "←", "gets": "←", "leftrightarrow": "↔",
        "Rightarrow": "⇒", "Leftarrow": "⇐", "Leftrightarrow": "⇔", "implies": "⟹", "iff": "⟺",
        "mapsto": "↦", "uparrow": "↑", "downarrow": "↓", "longrightarrow": "⟶",
        "mid": "∣", "parallel": "∥", "perp": "⊥", "vert": "|", "Vert": "‖",
        "forall": "∀", "exists": "∃", "neg": "¬", "lnot": "¬", "land": "∧", "wedge": "∧", "lor": "∨", "vee": "∨",
        "ldots": "…", "dots": "…", "cdots": "⋯", "vdots": "⋮", "ddots": "⋱",
        "langle": "⟨", "rangle": "⟩", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉",
        "lbrace": "{", "rbrace": "}", "colon": ":", "triangleq": "≜", "top": "⊤", "intercal": "⊺",
    ]

    /// Symbols that are identifiers (`<mi>`).
    static let identifiers: [String: String] = [
        "infty": "∞", "partial": "∂", "nabla": "∇", "ell": "ℓ", "hbar": "ℏ", "Re": "ℜ", "Im": "ℑ",
        "aleph": "ℵ", "prime": "′",
    ]

    /// Operators whose scripts become limits in display mode.
    static let largeOperators: [String: String] = [
        "sum": "∑", "prod": "∏", "coprod": "∐", "int": "∫", "oint": "∮", "iint": "∬",
        "bigcup": "⋃", "bigcap": "⋂", "bigoplus": "⨁", "bigotimes": "⨂",
    ]

    /// Upright function names followed by an invisible function application.
    static let functions: Set<String> = [
        "log", "ln", "exp", "sin", "cos", "tan", "tanh", "sinh", "cosh", "sec", "csc", "cot",
        "arcsin", "arccos", "arctan", "det", "dim", "ker", "deg", "gcd", "Pr", "hom", "arg", "sgn",
    ]

    /// Upright names that take limits under them in display mode.
    static let limitFunctions: Set<String> = ["max", "min", "sup", "inf", "lim", "limsup", "liminf", "argmax", "argmin"]

    static let spaces: [String: String] = [
        ",": "0.167em", ":": "0.222em", ">": "0.222em", ";": "0.278em", "!": "-0.167em", " ": "0.333em",
        "quad": "1em", "qquad": "2em", "enspace": "0.5em", "thinspace": "0.167em",
    ]

    /// Accent commands and the mark placed over their argument.
    static let accents: [String: String] = [
        "hat": "^", "widehat": "^", "bar": "¯", "overline": "¯", "tilde": "~", "widetilde": "~",
        "vec": "→", "dot": "˙", "ddot": "¨", "check": "ˇ", "breve": "˘", "acute": "´", "grave": "`",
    ]

    /// A letter in the alphabet of `\mathbb`, `\mathcal`, `\mathbf`… (Unicode's mathematical
    /// alphanumeric symbols, which render in every font without `mathvariant` support).
    static func styled(_ ch: Character, _ command: String) -> Character {
        guard let ascii = ch.asciiValue, ch.isLetter || ch.isNumber else { return ch }
        let upper = ascii >= 65 && ascii <= 90, lower = ascii >= 97 && ascii <= 122, digit = ascii >= 48 && ascii <= 57
        func at(_ base: UInt32, _ offset: UInt8) -> Character {
            Unicode.Scalar(base + UInt32(offset)).map(Character.init) ?? ch
        }
        switch command {
        case "mathbb":
            let holes: [Character: Character] = ["C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ"]
            if let h = holes[ch] { return h }
            if upper { return at(0x1D538, ascii - 65) }
            if lower { return at(0x1D552, ascii - 97) }
            if digit { return at(0x1D7D8, ascii - 48) }
        case "mathcal", "mathscr":
            let holes: [Character: Character] = ["B": "ℬ", "E": "ℰ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "L": "ℒ", "M": "ℳ", "R": "ℛ",
                                                 "e": "ℯ", "g": "ℊ", "o": "ℴ"]
            if let h = holes[ch] { return h }
            if upper { return at(0x1D49C, ascii - 65) }
            if lower { return at(0x1D4B6, ascii - 97) }
        case "mathbf", "boldsymbol", "bm":
            if upper { return at(0x1D400, ascii - 65) }
            if lower { return at(0x1D41A, ascii - 97) }
            if digit { return at(0x1D7CE, ascii - 48) }
        case "mathfrak":
            let holes: [Character: Character] = ["C": "ℭ", "H": "ℌ", "I": "ℑ", "R": "ℜ", "Z": "ℨ"]
            if let h = holes[ch] { return h }
            if upper { return at(0x1D504, ascii - 65) }
            if lower { return at(0x1D51E, ascii - 97) }
        case "mathsf":
            if upper { return at(0x1D5A0, ascii - 65) }
            if lower { return at(0x1D5BA, ascii - 97) }
        default: break
        }
        return ch
    }
}
