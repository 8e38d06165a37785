import Foundation
import FuzzTargets

/// One binary for every fuzz target; `MIRROR_FUZZ_TARGET` names the one to run (an environment
/// variable, because libFuzzer re-executes itself with its own arguments in fork and merge modes).
///
/// Built by `.ci/fuzz` with `-sanitize=fuzzer,address -DFUZZING`, it is a libFuzzer binary taking
/// libFuzzer's arguments. In an ordinary build it replays the files and directories it is given once,
/// so a crash file reproduces without the fuzzer toolchain.
enum SelectedTarget {
    static let target: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["MIRROR_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget.named(name) else {
            let names = FuzzTarget.all.map(\.name).joined(separator: ", ")
            FileHandle.standardError.write(Data("set MIRROR_FUZZ_TARGET to one of: \(names)\n".utf8))
            exit(2)
        }
        return target
    }()
}

#if FUZZING
/// libFuzzer's entry for a program that has its own `main` (llvm.org/docs/LibFuzzer.html, "Using
/// libFuzzer as a library"). SwiftPM links an executable's `main` to the module's `@main`, so the
/// fuzzer cannot supply `main` itself; this one hands over to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// Also exported under libFuzzer's well-known name, which its own (unused) `main` refers to.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do {
        try SelectedTarget.target.runBlocking(input)
    } catch {
        fatalError("fuzz target \(SelectedTarget.target.name): \(error)")
    }
    return 0
}

@main
enum FuzzMain {
    static func main() {
        _ = SelectedTarget.target
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv, fuzzTestOneInput))
    }
}
#else
@main
enum CorpusReplay {
    static func main() async {
        let target = SelectedTarget.target
        var count = 0
        var failures = 0
        for file in CommandLine.arguments.dropFirst().flatMap(inputFiles) {
            count += 1
            guard let input = FileManager.default.contents(atPath: file) else {
                print("\(file): cannot be read")
                failures += 1
                continue
            }
            do {
                try await target.run(Array(input))
            } catch {
                print("\(file): \(error)")
                failures += 1
            }
        }
        print("\(target.name): \(count) inputs replayed, \(failures) failed")
        exit(failures == 0 ? 0 : 1)
    }

    /// The path itself, or the regular files directly inside it when it is a directory.
    static func inputFiles(_ path: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return [path] }
        return names.sorted().map { path + "/" + $0 }
    }
}
#endif
