import Foundation
import PostmortemFuzz
@_spi(Fuzzing) import PostmortemKit

#if FUZZING
    import CLibFuzzer
#endif

/// `pm-fuzz`: pm's fuzz targets. Built by `make fuzz` with `-sanitize=fuzzer` and `-D FUZZING`, it is a libFuzzer
/// binary (`pm-fuzz --target=<name> [libFuzzer flags] [corpus folders]`); built normally, it replays files through
/// the same targets (`pm-fuzz <target> <file or folder>...`), as the tests do.
@main
enum PMFuzz {
    static func main() {
        #if FUZZING
            exit(fuzz())
        #else
            exit(replay(Array(CommandLine.arguments.dropFirst())))
        #endif
    }

    static let usage = """
        usage: pm-fuzz <target> <file or folder>...   replay inputs through a target
               pm-fuzz sample-index <file>            write the seed of the search-index target
               pm-fuzz targets                        list the targets
        targets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))
        """

    static func replay(_ arguments: [String]) -> Int32 {
        guard let first = arguments.first else {
            FileHandle.standardError.write(Data((usage + "\n").utf8))
            return 64
        }
        do {
            switch first {
            case "targets":
                print(FuzzTarget.allCases.map(\.rawValue).joined(separator: "\n"))
            case "sample-index" where arguments.count == 2:
                try Data(try SearchIndexFuzzing.sampleIndex()).write(to: URL(fileURLWithPath: arguments[1]))
            default:
                guard let target = FuzzTarget(rawValue: first), arguments.count > 1 else {
                    FileHandle.standardError.write(Data((usage + "\n").utf8))
                    return 64
                }
                let count = try FuzzCorpus.replay(target, paths: Array(arguments.dropFirst()))
                print("\(target.rawValue): \(count) input\(count == 1 ? "" : "s") replayed, no findings")
            }
            return 0
        } catch {
            FileHandle.standardError.write(Data("pm-fuzz: \(error)\n".utf8))
            return 1
        }
    }

    #if FUZZING
        /// The target libFuzzer runs, from `--target=<name>` (libFuzzer ignores flags that start with `--`).
        nonisolated(unsafe) static var target = FuzzTarget.frontMatter

        static func fuzz() -> Int32 {
            let names = CommandLine.arguments.compactMap { $0.hasPrefix("--target=") ? String($0.dropFirst(9)) : nil }
            guard let name = names.last, let target = FuzzTarget(rawValue: name) else {
                FileHandle.standardError.write(Data(("pm-fuzz: give --target=<name>\n" + usage + "\n").utf8))
                return 64
            }
            PMFuzz.target = target
            var argc = CommandLine.argc
            var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
            return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
                let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
                do {
                    try PMFuzz.target.run(bytes)
                } catch {
                    // A broken promise is a finding like a crash: abort() makes libFuzzer keep the input as a crash
                    // artifact, after the message says which promise.
                    FileHandle.standardError.write(Data("pm-fuzz \(PMFuzz.target.rawValue): \(error)\n".utf8))
                    abort()
                }
                return 0
            }
        }
    #endif
}
