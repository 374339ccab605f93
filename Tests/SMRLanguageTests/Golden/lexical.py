# Literals and lexical details: escapes, numbers, prefixes, continuation, identifiers.
print("\101\102\7" == "AB\a", "\0" == "\x00", "\1234", "\x41\u00e9\U0001F600", "a\
b", len("\n\t\r\\"), "\q", r"\q", "tab:\t|")
print(repr("\101"), repr("\x7f\x80\xff"), repr("\u2028"), repr("é\u0301"), len("é\u0301"), "e\u0301" == "é")
print(0o17, 0O17, 0b1010, 0B11, 0x1F, 0XfF, 1_000_000, 0_0, 00, 1_0.5, 1e-3, 1E3, .5e2, 5., 0e0, 1_0e1_0)
print(R"raw\n", "no bytes", f"{1}" "plain", "plain" f"{2}", F"{3}", fr"\n{4}", rf"{5}\t", Fr"{6}")
total = 1 + \
    2 + \
    3
print(total)
π = 3.14159
naïve = "café"
print(π, naïve, len(naïve))
x = 1; y = 2; z = x + y  # comment after statements
print(x, y, z)  # trailing comment
values = [
    1,  # first
    2,  # second
]
mapping = {
    "a": 1,
    "b": 2,
}
print(values, mapping, (
    "implicit"
    " continuation"
))
def spaced ( a , b ) :
    return a+b
print(spaced ( 1 , 2 ))
print(f"{'single'}", f'{"double"}', f"{x!r:>4}", f"{{}}", f"{x:{'>'}{4}}", f"{mapping['a']}", f"{values[-1]}")
print(f"""multi
line {x}""", f"{x:>{y + 3}}|", f"{3.14159:.{y}f}", f"{'a' 'b'}")
s = 'it''s'
print(s, "", '', """""", '''x''')
print(1 if True else 2, (1, 2)[True], [1, 2][False], True + True)
print(-1, - 1, +1, --1, -+-1, not not 1)
