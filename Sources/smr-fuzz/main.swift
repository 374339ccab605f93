import Foundation

// smr-fuzz: the libFuzzer target over the notebook parser and the interpreter (with the
// library), see FuzzInput. Built by scripts/fuzz.sh with -sanitize=fuzzer,address and
// -DSMR_LIBFUZZER, main hands control to libFuzzer. Built normally (as `swift build` does),
// it replays inputs instead: `smr-fuzz FILE|DIR...` runs each file once and prints
// `ok NAME`, so saved crash inputs stay regression tests without libFuzzer.

#if SMR_LIBFUZZER
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<CInt>,
               _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
               _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(runDriver(&argc, &argv) { data, size in
    FuzzInput.run(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
    return 0
})
#else
var files: [String] = []
for argument in CommandLine.arguments.dropFirst() {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
        FileHandle.standardError.write(Data("smr-fuzz: no such file or directory: \(argument)\n".utf8))
        exit(2)
    }
    if isDirectory.boolValue {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []
        files += names.sorted().filter { !$0.hasPrefix(".") }.map { argument + "/" + $0 }
    } else {
        files.append(argument)
    }
}
if files.isEmpty {
    FileHandle.standardError.write(Data("usage: smr-fuzz FILE|DIR...  (replays inputs; scripts/fuzz.sh fuzzes)\n".utf8))
    exit(2)
}
for path in files {
    guard let data = FileManager.default.contents(atPath: path) else { continue }
    data.withUnsafeBytes { raw in FuzzInput.run(raw.bindMemory(to: UInt8.self)) }
    print("ok \((path as NSString).lastPathComponent)")
}
#endif
