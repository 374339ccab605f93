// SMRLanguage: lexer, parser and interpreter of the smr language.
