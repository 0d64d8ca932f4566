import Foundation

#if FUZZING
/// libFuzzer's entry for programs that keep their own `main` (SwiftPM names the executable's entry point).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// Set once before libFuzzer starts calling; libFuzzer calls from one thread.
nonisolated(unsafe) var fuzzTarget: (([UInt8]) -> Void)?
#endif

/// `ccgtext-fuzz`: built with `-sanitize=fuzzer` (`scripts/fuzz.sh`) it is a libFuzzer binary for the target
/// named by `CCGFUZZ_TARGET`; built normally it replays inputs, `ccgtext-fuzz TARGET FILE_OR_FOLDER...`, which is
/// how the tests run the regression corpus (Tests/Fuzz/) and how a crash file is checked after a fix.
@main
struct FuzzMain {
    static func main() {
        #if FUZZING
        let name = ProcessInfo.processInfo.environment["CCGFUZZ_TARGET"] ?? ""
        do { fuzzTarget = try FuzzTargets.make(name) } catch {
            FileHandle.standardError.write(Data("ccgtext-fuzz: set CCGFUZZ_TARGET: \(error)\n".utf8))
            exit(2)
        }
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            fuzzTarget?(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
            return 0
        })
        #else
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard let name = arguments.first, arguments.count >= 2 else {
            FileHandle.standardError.write(Data("usage: ccgtext-fuzz TARGET FILE_OR_FOLDER...  (targets: \(FuzzTargets.names.joined(separator: ", ")))\n".utf8))
            exit(2)
        }
        do {
            let target = try FuzzTargets.make(name)
            var count = 0
            for path in arguments.dropFirst() {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw FuzzUsage(message: "no such input: \(path)") }
                let files = isDirectory.boolValue
                    ? (try FileManager.default.contentsOfDirectory(atPath: path)).sorted().map { URL(fileURLWithPath: path).appendingPathComponent($0).path }
                    : [path]
                for file in files {
                    guard let data = FileManager.default.contents(atPath: file) else { continue }
                    target([UInt8](data))
                    count += 1
                }
            }
            print("\(name): \(count) inputs replayed, none crashed")
        } catch {
            FileHandle.standardError.write(Data("ccgtext-fuzz: \(error)\n".utf8))
            exit(2)
        }
        #endif
    }
}
