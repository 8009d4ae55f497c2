import Foundation

/// `pm-bench`: builds a deterministic repository of postmortems and times pm beside git in the same run (docs/performance.md).
enum Bench {
    static let usage = """
        usage: pm-bench generate <dir> [--postmortems N] [--commits M] [--seed S]
               pm-bench generate-documents <dir> [--documents N] [--seed S]
               pm-bench check-staged <dir> --pm <path> [--runs R]
               pm-bench search <dir> --pm <path> [--runs R]
               pm-bench documents <dir> --pm <path> --floor <path> [--runs R] [--updates U]
               pm-bench follow-through <dir> --pm <path> [--runs R]
               pm-bench scale <small dir> <large dir> --pm <path> [--runs R]
               pm-bench language <corpus dir> --pm <path> [--show tune]
        """

    static func main() -> Int32 {
        // A child that stops reading (fast-import on a bad stream) must give an error, not kill the bench.
        signal(SIGPIPE, SIG_IGN)
        var arguments = Array(CommandLine.arguments.dropFirst())
        if let first = arguments.first, ["-h", "--help", "help"].contains(first) {
            print(usage)
            return 0
        }
        guard !arguments.isEmpty else {
            FileHandle.standardError.write(Data("\(usage)\n".utf8))
            return 64
        }
        let command = arguments.removeFirst()
        do {
            switch command {
            case "generate":
                let options = try BenchArguments(arguments, options: ["--postmortems", "--commits", "--seed"])
                let postmortems = try options.integer("--postmortems", default: 10_000)
                let commits = try options.integer("--commits", default: 30_000)
                let seed = UInt64(try options.integer("--seed", default: 42, minimum: 0))
                try RepositoryGenerator.postmortems(
                    directory: options.directory, postmortems: postmortems, commits: commits, seed: seed
                ).generate(GeneratedHistory(postmortems: postmortems, commits: commits, seed: seed))
            case "generate-documents":
                let options = try BenchArguments(arguments, options: ["--documents", "--seed"])
                let documents = try options.integer("--documents", default: 650, minimum: 3)
                let seed = UInt64(try options.integer("--seed", default: 42, minimum: 0))
                try RepositoryGenerator.documents(directory: options.directory, documents: documents, seed: seed)
                    .generate(DocumentHistory(documents: documents, seed: seed))
            case "check-staged":
                let options = try BenchArguments(arguments, options: ["--pm", "--runs"])
                try CheckStagedBenchmark(
                    repository: options.directory, pm: options.program("--pm"),
                    runs: try options.integer("--runs", default: 21)
                ).run()
            case "search":
                let options = try BenchArguments(arguments, options: ["--pm", "--runs"])
                var benchmark = SearchBenchmark(
                    repository: options.directory, pm: options.program("--pm"),
                    runs: try options.integer("--runs", default: 21))
                try benchmark.run()
            case "documents":
                let options = try BenchArguments(arguments, options: ["--pm", "--floor", "--runs", "--updates"])
                guard options.value("--floor") != nil else {
                    throw UsageError("documents needs --floor, the libgit2 floor program (make bench builds .build/pm-floor)")
                }
                var benchmark = DocumentsBenchmark(
                    repository: options.directory, pm: options.program("--pm"), floor: options.program("--floor"),
                    runs: try options.integer("--runs", default: 21), updates: try options.integer("--updates", default: 100))
                try benchmark.run()
            case "follow-through":
                let options = try BenchArguments(arguments, options: ["--pm", "--runs"])
                try FollowThroughBenchmark(
                    repository: options.directory, pm: options.program("--pm"),
                    runs: try options.integer("--runs", default: 11)
                ).run()
            case "scale":
                guard arguments.count >= 2, !arguments[0].hasPrefix("-") else {
                    throw UsageError("scale needs two repositories, the small one first")
                }
                let large = arguments.remove(at: 1)
                let options = try BenchArguments(arguments, options: ["--pm", "--runs"])
                try ScaleBenchmark(
                    small: options.directory, large: large, pm: options.program("--pm"),
                    runs: try options.integer("--runs", default: 3)
                ).run()
            case "language":
                let options = try BenchArguments(arguments, options: ["--pm", "--show"])
                let show = options.value("--show")
                guard show == nil || show == "tune" else {
                    throw UsageError("--show takes 'tune': the held-out split is never shown")
                }
                try LanguageBenchmark(corpus: options.directory, pm: options.program("--pm"), showTune: show == "tune").run()
            default:
                throw UsageError("unknown command '\(command)'")
            }
        } catch let error as UsageError {
            FileHandle.standardError.write(Data("pm-bench: \(error.message)\n\(usage)\n".utf8))
            return 64
        } catch {
            FileHandle.standardError.write(Data("pm-bench: \(error)\n".utf8))
            return 2
        }
        return 0
    }
}

exit(Bench.main())
