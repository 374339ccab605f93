# str.format and printf-style % formatting.
print("{} and {}".format("a", "b"), "{1} {0} {1}".format("x", "y"), "{name}={value:.2f}".format(name="pi", value=3.14159))
print("{:>8}|{:<8}|{:^8}|".format("r", "l", "c"), "{:08.3f}".format(-3.14159), "{:,}".format(1234567), "{:.1%}".format(0.256))
print("{0[1]} {0[0]}".format(["a", "b"]), "{d[k]}".format(d={"k": 7}), "{0.real} {0.imag}".format(3), "{{}} {{{}}}".format(5))
print("{!r} {!s} {0!r:>6}".format("q", "q") if False else "{!r} {!s}".format("q", "q"), "{:{w}.{p}f}".format(2.71828, w=9, p=3))
print("{:d} {:x} {:X} {:o} {:b} {:#x} {:e} {:g} {:G}".format(42, 255, 255, 8, 5, 255, 12345.678, 0.00001234, 1e20))
print("{:*^11}".format(" mid "), "{:+d} {:+d} {: d}".format(5, -5, 5), "{:10.3}".format("truncate"), "{}".format([1, {"a": None}]))
print("{} {}".format(True, None), "{:5}|{:<5}|".format(True, 1), "{:.0f} {:.0f} {:.0f}".format(0.5, 1.5, 2.5))
print("%d items" % 3, "%s and %s" % ("a", "b"), "%5.2f|%-6.1f|%06.2f" % (3.14159, 2.5, -1.5), "%%", "100%% sure" % ())
print("%r %s" % ("q", "q"), "%x %X %o %#x" % (255, 255, 8, 255), "%e %E %g %G" % (12345.678, 0.001, 1e-5, 1e20))
print("%5s|%-5s|%.2s" % ("ab", "ab", "abcdef"), "%+d % d %d" % (5, 5, -5), "%03d %.3d %5.3d" % (7, 7, 7), "%i %u" % (3.9, -2.1))
print("%(name)s is %(age)d years" % {"name": "Ann", "age": 30}, "%c%c" % (72, "i"), "%s" % [1, 2], "%s" % {"k": 1}, "%s" % (("t",),))
print("%.3f %.0f %.1e %10.4g|" % (2 / 3, 2.5, 123456, 3.14159), "%d%%" % 50, "%s" % None, "%d" % True, "%f" % 1)
name, score = "Bo", 0.91234
print("Name: %-6s Score: %6.2f%%" % (name, score * 100), "Hello, {}! You scored {:.1%}.".format(name, score))
row = "{:<10}{:>8}{:>10}"
print(row.format("item", "qty", "price"))
for item, qty, price in [("apple", 3, 0.5), ("melon", 1, 2.75)]:
    print(row.format(item, qty, "%.2f" % price))
template = "{greeting}, {0}! {greeting}!"
print(template.format("World", greeting="Hi"))
print("{0:{1}}|".format("x", 5), "{:{}}|".format(3, 4), "{:{}{}}|".format(7, ">", 4))
print("%s %s" % ("one", 2), "%-8s|" % "left", "%8s|" % "right", "%.1f" % 0.05, "%.1f" % 0.15, "%.2f" % 2.675)
